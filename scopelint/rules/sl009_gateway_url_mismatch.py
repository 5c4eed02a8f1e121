"""SL009 gateway-url-mismatch: a gateway URL whose product segment does not fit the path."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.hosts import GATEWAY_SEGMENT
from scopelint.kb.products import DIRECT_BASE
from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL009",
    name="gateway-url-mismatch",
    severity=Severity.ERROR,
    summary="A gateway URL whose /ex/<product>/ does not fit the API path behind it.",
    what_it_does=(
        "Checks gateway URLs, https://api.atlassian.com/ex/<product>/{cloudId}/..., and reports "
        "a product segment that does not fit the API path behind it: a Confluence path behind "
        "/ex/jira/, a Jira path behind /ex/confluence/, a Confluence gateway URL without /wiki, "
        "or Bitbucket through the gateway."
    ),
    explanation=(
        "The gateway routes by its product segment: /ex/jira/{cloudId}/rest/... for Jira, Jira "
        "Software and Service Management, /ex/confluence/{cloudId}/wiki/... for Confluence "
        "(with /wiki). Any other combination fails; Bitbucket is served at "
        "api.bitbucket.org/2.0, never through the gateway."
    ),
    fix_notes=(
        "The product segment the path needs is clear, but whether the cloudId and the "
        "token belong to that product is not, so the URL is changed by hand."
    ),
    references=(refs.JIRA_OAUTH_APPS, refs.CONFLUENCE_OAUTH_APPS, refs.BITBUCKET_REST),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        resolution = resolved.resolution
        segment = resolution.gateway_product
        if segment is None or resolution.product is None:
            continue
        url = resolved.call.url
        expected = GATEWAY_SEGMENT.get(resolution.product)
        if expected is None:
            base = DIRECT_BASE.get(resolution.product, "https://api.bitbucket.org")
            message = (
                f"{resolution.product} is not served by the /ex/ gateway; "
                f"call {base}{resolution.path}"
            )
        elif segment != expected:
            message = f"/ex/{segment}/ in front of a {resolution.product} path; use /ex/{expected}/"
        elif expected == "confluence" and "/wiki/" not in url and not url.rstrip("/").endswith("/wiki"):
            message = "Confluence gateway URL without /wiki: use /ex/confluence/{cloudId}/wiki/..."
        else:
            continue
        yield INFO.finding(
            resolved.call.location,
            message,
            endpoint=(resolution.method, resolution.path),
            identity=url,
        )
