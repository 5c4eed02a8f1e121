"""SL001 hardcoded-site-url: a REST call or API base URL on https://SITE.atlassian.net.

Reported once per place the site host is written (a constant, a client's base URL option, a
configuration value, a URL literal in a call), at the host, with the calls that use it as
related locations (see :mod:`scopelint.rules.site_literals`).
"""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.common.records import dataclass, field
from scopelint.kb.hosts import GATEWAY_HOST, GATEWAY_SEGMENT, gateway_url, site_host
from scopelint.model import PRODUCT_TITLES, PRODUCTS, Edit, Finding, Fix, Location, Product, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo, RuleOption
from scopelint.rules.context import ResolvedCall, RuleContext
from scopelint.rules.site_literals import SiteLiteral, is_placeholder, origin_of
from scopelint.scanning.urls import normalise_placeholders

INFO = RuleInfo(
    code="SL001",
    name="hardcoded-site-url",
    severity=Severity.ERROR,
    summary="A REST call or API base URL on https://SITE.atlassian.net, which scoped tokens cannot use.",
    what_it_does=(
        "Checks for REST calls and API base URLs on a site host, https://SITE.atlassian.net, in "
        "code, shell scripts, request files and configuration such as .env files, and the site "
        "given to an Atlassian SDK client (Confluence(url=...), new Version3Client({ host }), "
        "jira-client's host without a scheme), with the gateway of that client's product. The "
        "finding is at the place the host is written, once however many calls use it: a "
        "BASE_URL constant used by four requests is one finding on the constant's line, listing "
        "the four calls as related locations (\"used by 4 calls\"). A host without a scheme "
        "(host: 'acme.atlassian.net' in client options) and a host filled in at run time "
        "(f\"https://{site}.atlassian.net\", \"https://$Instance.atlassian.net\") count too. Links "
        "meant for people (/browse/..., wiki pages), documentation files, data (exports, logs, "
        "saved responses), api.bitbucket.org and placeholder sites (your-domain, SITE, <site>, "
        "{site} in a plain string, xxx) are not reported."
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
        "SITE --save` writes), `--fix --unsafe-fixes` replaces the site prefix where it is "
        "written (the constant, the option, the configuration value or the call's literal) with "
        "the gateway base, https://api.atlassian.com/ex/jira/<cloudId> (Confluence keeps /wiki), "
        "and the message shows that URL. There is no fix without the cloudId, for a host "
        "written without a scheme or filled in at run time, or for a base used by both Jira and "
        "Confluence calls or by a call whose product is unknown (each product needs its own "
        "gateway base: the message names them). The fix is unsafe because it "
        "changes where the request goes: the code must also authenticate the way the gateway "
        "expects (a scoped API token or an OAuth 2.0 access token), which scopelint cannot check."
    ),
    options=(
        RuleOption("sites", "Site host -> cloudId. With the site's cloudId known, the finding "
                   "carries a fix to the gateway URL."),
    ),
    references=(refs.API_TOKENS, refs.JIRA_OAUTH_APPS, refs.CONFLUENCE_OAUTH_APPS, refs.CLOUD_ID),
)


@dataclass(slots=True)
class _Group:
    """The calls (and base URLs) whose site host is written at one place."""

    literal: SiteLiteral | None
    sites: list[ResolvedCall] = field(default_factory=list)


def check(ctx: RuleContext) -> Iterator[Finding]:
    groups: dict[tuple[str, int, int], _Group] = {}
    for resolved in ctx.calls:
        if resolved.resolution.host_kind != "site":
            continue
        literal = origin_of(resolved.call, ctx.line_text)
        if literal is not None and is_placeholder(literal):
            continue  # your-domain.atlassian.net: an example, not a site
        place = literal.location if literal is not None else resolved.call.location
        key = (place.path, place.line, place.column)
        groups.setdefault(key, _Group(literal)).sites.append(resolved)
    for group in groups.values():
        yield _finding(ctx, group)


def _finding(ctx: RuleContext, group: _Group) -> Finding:
    literal = group.literal
    first = group.sites[0]
    place = literal.location if literal is not None else first.call.location
    related = sorted({
        r.call.location for r in group.sites
        if (r.call.location.path, r.call.location.line) != (place.path, place.line)
    })
    inline = not related and len(group.sites) == 1
    host = (literal.host if literal is not None else None) or site_host(first.call.url) \
        or first.resolution.host or "SITE.atlassian.net"
    templated = any(ch in host for ch in "{}$<>%#")
    if not templated:  # a host is case-blind; a variable's name ($Instance) is not
        host = host.lower()
    cloud_id = None if templated else ctx.settings.sites.get(host)
    segments = sorted({segment for r in group.sites if r.call.kind == "call"
                       if (segment := _segment(r)) is not None})
    # calls through the literal whose product scopelint cannot tell: which base they need is
    # not known, so the literal gets no automatic rewrite
    unknown = 0 if inline or literal is None else \
        sum(1 for r in group.sites if r.call.kind == "call" and _product(r) is None)
    if inline or literal is None:
        url = first.call.url
        product = _product(first)
        identity = f"{host}{first.resolution.path}"
        what = "API base URL" if first.call.kind == "base-url" else "REST call"
    else:
        url = normalise_placeholders(literal.url if literal.scheme_start is not None
                                     else "https://" + literal.url)
        product = _product(first) if len(segments) <= 1 else None
        identity = f"{host}{normalise_placeholders(literal.path)}"
        what = "API base URL" if literal.path.strip("/") else "Site URL"
        if literal.scheme_start is None:
            what = "Site host"
    shown = f"on the site {host}" if inline or literal is None else literal.url
    message = f"{what} {shown}"
    if related:
        message += f" {_used_by(group.sites, related)}"
    if len(segments) > 1 or unknown:
        message += "; " + _one_base_per_product(segments, unknown, cloud_id)
    else:
        sdk_base = _sdk_base(group)
        if sdk_base is not None:  # what that SDK needs (atlassian-python-api's Confluence: /wiki)
            url, product = sdk_base.call.url, _product(sdk_base)
        gateway = gateway_url(url, product, cloud_id or "{cloudId}")
        if gateway is None:
            message += "; scoped tokens only work through api.atlassian.com"
        else:
            message += f"; scoped tokens need the gateway: {gateway}"
    fix = None
    if cloud_id is None:
        message += f" (cloudId: `scopelint cloud-id {'SITE' if templated else host}`)"
    elif literal is not None and len(segments) <= 1 and not unknown:
        segment = segments[0] if segments else _segment(first)
        fix = _rewrite_fix(literal, segment, cloud_id, _sdk_base(group)) if segment else None
    return INFO.finding(
        place,
        message,
        endpoint=_endpoint(first) if inline else None,
        identity=identity,
        fix=fix,
        related=tuple(related),
    )


def _one_base_per_product(segments: list[str], unknown: int, cloud_id: str | None) -> str:
    """Why a site literal used by the calls of several products (or of an unknown one) gets no
    automatic fix, and what to write instead: one gateway base per product."""
    if len(segments) > 1:
        why = f"its calls are of {len(segments)} products, which need different gateway bases"
    else:
        why = f"the product of {unknown} of its calls is unknown, and so is the gateway base it needs"
        segments = ["jira", "confluence"]
    wiki = {"confluence": " (/wiki/... after it)"}
    bases = " and ".join(
        f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id or '{cloudId}'} for the "
        f"{PRODUCT_TITLES.get(segment, segment)} calls{wiki.get(segment, '')}"
        for segment in sorted(segments, key=lambda segment: segment != "jira")  # Jira first
    )
    return f"{why}, so there is no automatic fix: use one base per product, {bases}"


def _product(resolved: ResolvedCall) -> Product | None:
    """The call's product; for an SDK client's site (``Confluence(url=...)``) the client's."""
    if resolved.resolution.product is not None:
        return resolved.resolution.product
    sdk = resolved.call.sdk
    return next((known for known in PRODUCTS if sdk is not None and known == sdk.product), None)


def _sdk_base(group: _Group) -> ResolvedCall | None:
    """The site given to an Atlassian SDK client in this group, if any: its URL is what the
    SDK needs (atlassian-python-api's Confluence needs ``/wiki`` on the gateway)."""
    return next((r for r in group.sites if r.call.sdk is not None and r.call.kind == "base-url"), None)


def _segment(resolved: ResolvedCall) -> str | None:
    product = _product(resolved)
    if product is None:
        path = resolved.resolution.path
        return "confluence" if path.startswith("/wiki") else "jira"
    return GATEWAY_SEGMENT.get(product)


def _used_by(sites: list[ResolvedCall], related: list[Location]) -> str:
    places = set(related)
    used = [r.call for r in sites if r.call.location in places]
    counts = (
        (sum(1 for c in used if c.kind == "call"), "call"),
        (sum(1 for c in used if c.kind != "call" and c.via), "client"),  # axios.create({baseURL})
        (sum(1 for c in used if c.kind != "call" and not c.via), "base URL"),  # API = SITE + "/rest/api/3"
    )
    return "used by " + " and ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n)


def _endpoint(resolved: ResolvedCall) -> tuple[str | None, str] | None:
    op = resolved.resolution.operation
    if op is not None:
        return (op.method, op.path)
    if resolved.call.kind == "call":
        return (resolved.call.method, resolved.resolution.path)
    return None


def _rewrite_fix(
    literal: SiteLiteral, segment: str, cloud_id: str, sdk_base: ResolvedCall | None = None,
) -> Fix | None:
    """Replace the site prefix where it is written (``https://acme.atlassian.net``, a port
    included) with the gateway base; None for a host written without a scheme, which a client
    takes apart from its path (``host: 'acme.atlassian.net'``): rewriting it takes more than
    one literal.

    ``sdk_base``: the site is given to an SDK client, whose URL is what that SDK needs on the
    gateway; the part of it the literal does not write is added (atlassian-python-api
    ``Confluence(url="https://acme.atlassian.net")`` becomes ``.../ex/confluence/<id>/wiki``;
    confluence.js adds ``/wiki`` itself and gets the bare Confluence base).
    """
    if literal.scheme_start is None:
        return None
    new_prefix = f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}"
    if sdk_base is not None:
        needed = gateway_url(sdk_base.call.url, _product(sdk_base), cloud_id)
        written = literal.path
        if needed is not None and (not written or needed.endswith(written)):
            new_prefix = needed[: len(needed) - len(written)] if written else needed
    loc = literal.location
    edit = Edit(loc.path, loc.line, literal.scheme_start + 1, loc.line, literal.prefix_end + 1, new_prefix)
    return Fix(description=f"use the gateway {new_prefix}", safe=False, edits=(edit,))
