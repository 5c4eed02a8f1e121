"""SL007 no-scoped-access: the operation offers no OAuth 2.0 / scoped-token alternative."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.connect import is_inaccessible
from scopelint.model import Finding, Severity
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL007",
    name="no-scoped-access",
    severity=Severity.ERROR,
    summary="An operation that no OAuth 2.0 or scoped API token can call.",
    explanation=(
        "Some operations list no OAuth 2.0 scope at all (e.g. PUT /rest/api/3/mypreferences/locale): "
        "only basic auth with an unscoped API token, or a Connect app's JWT, can call them. Once "
        "unscoped tokens are retired such a call has no way to work from a scoped integration; "
        "find another endpoint or drop the feature."
    ),
    bad_example='requests.put(f"{GATEWAY}/rest/api/3/mypreferences/locale", json={"locale": "en_US"})',
    good_example="# set the locale in the user's profile instead; no scoped endpoint exists",
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
