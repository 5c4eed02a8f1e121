"""SL004 deprecated-endpoint: deprecated in the document, or removed by Atlassian."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.describe import alternatives_text, replacement_text, retirement_text
from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL004",
    name="deprecated-endpoint",
    severity=Severity.WARNING,
    summary="A call to an endpoint that is deprecated, or that Atlassian has removed or dropped.",
    what_it_does=(
        "Reports calls to operations that Atlassian's documents mark deprecated (a warning), "
        "calls to endpoints Atlassian has removed (an error), which scopelint keeps as data with "
        "the date of removal, the announcement and the replacement, and calls to operations an "
        "older version of Atlassian's documents had and the current one dropped (an error "
        "naming the version it was last seen in, its last documented scopes, and the "
        "replacement with the replacement's scopes). For a call made through an Atlassian SDK "
        "(jira.JIRA.search_issues, jira.js issueSearch.searchForIssuesUsingJql) the message also "
        "names the SDK's way out, from its table: a method of the version in use that calls the "
        "replacement, or the version to upgrade to."
    ),
    explanation=(
        "Deprecated operations keep working until Atlassian removes them; removed ones answer "
        "410 Gone ('The requested API has been removed'). Known removals include GET/POST "
        "/rest/api/{2,3}/search (use /rest/api/3/search/jql) and POST /rest/api/3/expression/eval "
        "(use /rest/api/3/expression/evaluate), removed in 2025. Dropped operations include the "
        "Confluence v1 content and space operations (GET /wiki/rest/api/content/{id}: use GET "
        "/wiki/api/v2/pages/{id}; GET /wiki/rest/api/space: use GET /wiki/api/v2/spaces)."
    ),
    fix_notes=(
        "A replacement takes other parameters and answers in another shape (the JQL "
        "search pages with nextPageToken instead of startAt), so the calling code needs a person."
    ),
    references=(refs.SEARCH_REMOVAL, refs.JIRA_REST_V3),
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
            # a replacement only when the knowledge base has one (data/retired.json); otherwise
            # say so, rather than leave the reader to wonder
            known = ctx.kb.replacement(removal) if removal is not None and removal.replacement else None
            way_out = replacement_text(removal, known) if removal is not None and removal.replacement \
                else "scopelint knows no replacement (Atlassian's reference may name one)"
            message = f"{method} {path} is deprecated ({op.operation_id or 'no operationId'}); {way_out}"
            severity = INFO.severity
        else:
            continue
        sdk = resolved.call.sdk
        if sdk is not None and sdk.replacement and removal is not None:
            message += f"; {resolved.call.via or sdk.name}: {sdk.replacement}"  # the SDK's way out
        yield INFO.finding(
            resolved.call.location,
            message,
            severity=severity,
            endpoint=(method, path),
            identity=f"{method} {path}",
        )
