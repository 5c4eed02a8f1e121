"""SL004 deprecated-endpoint: deprecated in the document, or removed by Atlassian."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.describe import alternatives_text, replacement_text, retirement_text
from scopelint.model import Finding, Severity
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL004",
    name="deprecated-endpoint",
    severity=Severity.WARNING,
    summary="A call to an endpoint that is deprecated, or that Atlassian has removed or dropped.",
    explanation=(
        "Deprecated operations keep working until Atlassian removes them; removed ones answer "
        "410 Gone ('The requested API has been removed'). scopelint knows removals as data with "
        "their dates and replacements, e.g. GET/POST /rest/api/{2,3}/search (use "
        "/rest/api/3/search/jql) and POST /rest/api/3/expression/eval (use "
        "/rest/api/3/expression/evaluate), removed in 2025. It also keeps every operation an "
        "older version of Atlassian's documents had and the current one dropped (the Confluence "
        "v1 content and space operations: GET /wiki/rest/api/content/{id}, GET "
        "/wiki/rest/api/space, ...): a call to one is an error naming the version it was last "
        "seen in, its last documented scopes, and its replacement with the replacement's scopes "
        "(GET /wiki/api/v2/pages/{id}, GET /wiki/api/v2/spaces)."
    ),
    bad_example='requests.post(f"{GATEWAY}/rest/api/3/search", json={"jql": jql})',
    good_example='requests.post(f"{GATEWAY}/rest/api/3/search/jql", json={"jql": jql, "fields": ["key"]})',
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        if resolved.call.kind != "call":
            continue
        resolution = resolved.resolution
        op = resolution.operation
        method = op.method if op else resolution.method
        path = op.path if op else resolution.path
        if method is None:
            continue
        removal = ctx.kb.removal(method, path)
        if removal is not None and removal.removed_on:
            message = (
                f"{method} {path} was removed by Atlassian on {removal.removed_on} "
                f"({removal.notice}); {replacement_text(removal, ctx.kb.replacement(removal))}"
            )
            severity = Severity.ERROR
        elif removal is not None and removal.dropped:
            last = f"; last documented scopes: {alternatives_text(op.alternatives)}" if op else ""
            message = (
                f"{method} {path} was {retirement_text(removal)}{last}; "
                f"{replacement_text(removal, ctx.kb.replacement(removal))}"
            )
            severity = Severity.ERROR
        elif op is not None and op.deprecated:
            message = f"{method} {path} is deprecated ({op.operation_id or 'no operationId'})"
            severity = INFO.severity
        else:
            continue
        yield INFO.finding(
            resolved.call.location,
            message,
            severity=severity,
            endpoint=(method, path),
            identity=f"{method} {path}",
        )
