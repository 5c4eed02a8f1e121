"""SL007 no-scoped-access: the operation offers no OAuth 2.0 / scoped-token alternative."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.connect import is_inaccessible
from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL007",
    name="no-scoped-access",
    severity=Severity.ERROR,
    summary="An operation that no OAuth 2.0 or scoped API token can call.",
    what_it_does=(
        "Reports calls to operations whose documents list no OAuth 2.0 scope at all, so that "
        "neither an OAuth 2.0 app nor a scoped API token can call them. In a Connect app such a "
        "call is reported only when Connect apps cannot make it either."
    ),
    explanation=(
        "Some operations list no OAuth 2.0 scope at all (e.g. PUT /rest/api/3/mypreferences/locale): "
        "only basic auth with an unscoped API token, or a Connect app's JWT, can call them. Once "
        "unscoped tokens are retired such a call has no way to work from a scoped integration; "
        "find another endpoint or drop the feature."
    ),
    fix_notes="There is no scoped way to make the call.",
    references=(refs.JIRA_SCOPES, refs.BASIC_AUTH, refs.API_TOKENS),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        op = resolved.resolution.operation
        if op is None or resolved.call.kind != "call" or op.alternatives:
            continue
        if resolved.declaration is not None and resolved.declaration.source == "connect-descriptor":
            if not is_inaccessible(op.connect_scope):
                continue  # a Connect app calls it with its JWT
            message = f"{op.method} {op.path} is not available to Connect apps nor to scoped tokens"
        else:
            message = (
                f"{op.method} {op.path} cannot be called with OAuth 2.0 or a scoped API token "
                "(no scope alternative in Atlassian's documents)"
            )
        yield INFO.finding(
            resolved.call.location,
            message,
            endpoint=(op.method, op.path),
            identity=f"{op.method} {op.path}",
        )
