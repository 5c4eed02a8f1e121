"""SL001 hardcoded-site-url: a REST call or API base URL on https://SITE.atlassian.net."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.hosts import gateway_url, site_host, site_prefix
from scopelint.model import PRODUCTS, Edit, Finding, Fix, Product, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo, RuleOption
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL001",
    name="hardcoded-site-url",
    severity=Severity.ERROR,
    summary="A REST call or API base URL on https://SITE.atlassian.net, which scoped tokens cannot use.",
    what_it_does=(
        "Checks for REST calls and API base URLs on a site host, https://SITE.atlassian.net, in "
        "code, shell scripts, request files and configuration such as .env files, and the site "
        "given to an Atlassian SDK client (Confluence(url=...), new Version3Client({ host }), "
        "jira-client's host without a scheme), at the literal that holds it, with the gateway of "
        "that client's product. Links meant for people (/browse/..., wiki pages), documentation "
        "files and api.bitbucket.org are not reported."
    ),
    explanation=(
        "Scoped API tokens and OAuth 2.0 access tokens only work through the API gateway, "
        "https://api.atlassian.com/ex/jira/{cloudId}/... for Jira (and Jira Software, Service "
        "Management) and https://api.atlassian.com/ex/confluence/{cloudId}/wiki/... for Confluence. "
        "Against https://SITE.atlassian.net the same request fails with 401 or with a misleading "
        "'Issue does not exist or you do not have permission to see it.' Get the cloudId from "
        "https://SITE.atlassian.net/_edge/tenant_info (`scopelint cloud-id SITE`)."
    ),
    fix=FixAvailability.SOMETIMES,
    fix_safety=FixSafety.UNSAFE,
    fix_notes=(
        "When the configuration knows the site's cloudId (`sites`, which `scopelint cloud-id "
        "SITE --save` writes), `--fix --unsafe-fixes` replaces the site prefix of the URL with "
        "the gateway base, https://api.atlassian.com/ex/jira/<cloudId> (Confluence keeps /wiki). "
        "Without the cloudId there is no fix. The fix is unsafe because it changes where the "
        "request goes: the code must also authenticate the way the gateway expects (a scoped "
        "API token or an OAuth 2.0 access token), which scopelint cannot check."
    ),
    options=(
        RuleOption("sites", "Site host -> cloudId. With the site's cloudId known, the finding "
                   "carries a fix to the gateway URL."),
    ),
    references=(refs.API_TOKENS, refs.JIRA_OAUTH_APPS, refs.CONFLUENCE_OAUTH_APPS, refs.CLOUD_ID),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        call, resolution = resolved.call, resolved.resolution
        if resolution.host_kind != "site":
            continue
        host = site_host(call.url) or resolution.host or "SITE.atlassian.net"
        cloud_id = ctx.settings.sites.get(host)
        # an SDK client's site (Confluence(url=...)): the client's product picks the gateway
        product = resolution.product or _sdk_product(call.sdk.product if call.sdk is not None else None)
        gateway = gateway_url(call.url, product)
        what = "API base URL" if call.kind == "base-url" else "REST call"
        if gateway is None:
            message = f"{what} on the site {host}: scoped tokens only work through api.atlassian.com"
        else:
            message = f"{what} on the site {host}; scoped tokens need the gateway: {gateway}"
        fix = None
        if cloud_id:
            fix = _rewrite_fix(ctx, call.location.path, call.location.line, call.url, product,
                               cloud_id, whole_value=call.sdk is not None and call.kind == "base-url")
        else:
            message += f" (cloudId: `scopelint cloud-id {host}`)"
        yield INFO.finding(
            call.location,
            message,
            endpoint=_endpoint(resolved),
            identity=f"{host}{resolution.path}",
            fix=fix,
        )


def _endpoint(resolved: object) -> tuple[str | None, str] | None:
    from scopelint.rules.context import ResolvedCall

    assert isinstance(resolved, ResolvedCall)
    op = resolved.resolution.operation
    if op is not None:
        return (op.method, op.path)
    if resolved.call.kind == "call":
        return (resolved.call.method, resolved.resolution.path)
    return None


def _sdk_product(product: str | None) -> Product | None:
    for known in PRODUCTS:
        if known == product:
            return known
    return None


def _rewrite_fix(
    ctx: RuleContext, path: str, line: int, url: str, product: Product | None, cloud_id: str,
    whole_value: bool = False,
) -> Fix | None:
    """Replace the site prefix (``https://acme.atlassian.net``) on that line with the gateway base.

    ``whole_value``: the URL is what an SDK client needs, and the literal on the line may hold
    only its site (atlassian-python-api ``Confluence(url="https://acme.atlassian.net")`` needs
    ``/wiki`` in a gateway URL): the part of the URL's path the line does not write is added.
    """
    split = site_prefix(url)
    if split is None:
        return None
    prefix, rest = split
    gateway = gateway_url(prefix + (rest or ""), product, cloud_id)
    if gateway is None:
        return None
    text = ctx.line_text(path, line)
    column = text.find(prefix)
    if column == -1:
        return None
    written = rest if rest and text.startswith(rest, column + len(prefix)) else ""
    if not whole_value:
        written = rest
    new_prefix = gateway[: len(gateway) - len(written)] if written else gateway
    edit = Edit(path, line, column + 1, line, column + 1 + len(prefix), new_prefix)
    return Fix(description=f"use the gateway {new_prefix}", safe=False, edits=(edit,))
