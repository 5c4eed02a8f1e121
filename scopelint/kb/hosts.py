"""Atlassian's hosts: which host is a site, the API gateway or Bitbucket; the gateway form of a
site URL; the cloudId and where to read it.  Pure string knowledge, no I/O.

Sources (Atlassian's documentation):
developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/ ("Making calls to
API": OAuth 2.0 requests go to api.atlassian.com, not the site; a site's cloudId);
support.atlassian.com "Manage API tokens for your Atlassian account" (scoped API tokens use
``https://api.atlassian.com/ex/jira/{cloudId}`` and ``.../ex/confluence/{cloudId}``);
developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ (the authorization URL).

- A Cloud **site** is ``https://<name>.atlassian.net``; Jira's REST API is under ``/rest/...``
  and Confluence's under ``/wiki/...`` there.  OAuth 2.0 access tokens and scoped API tokens
  do not work on the site host.
- The **API gateway** is ``https://api.atlassian.com/ex/<product>/<cloudId>/...``, with the
  product segment ``jira`` (Jira, Jira Software, Jira Service Management) or ``confluence``
  (Confluence, which keeps ``/wiki``: ``/ex/confluence/<cloudId>/wiki/api/v2/...``).
- **Bitbucket** Cloud's API is ``https://api.bitbucket.org/2.0/...``; it has no gateway form.
- A site's **cloudId** is a UUID.  ``https://<site>/_edge/tenant_info`` answers it without
  credentials (``{"cloudId": ...}``); that endpoint is not in Atlassian's API reference, but
  widely used for exactly this.
- OAuth 2.0 (3LO) consent starts at ``https://auth.atlassian.com/authorize?...&scope=...``.
"""

from __future__ import annotations

import re
from functools import cache

from scopelint.model import HostKind, Product

GATEWAY_HOST = "api.atlassian.com"
BITBUCKET_HOST = "api.bitbucket.org"
SITE_SUFFIX = ".atlassian.net"
TENANT_INFO_PATH = "/_edge/tenant_info"  # on a site: {"cloudId": "<uuid>"}, no credentials needed
OAUTH_AUTHORIZE_HOST = "auth.atlassian.com"  # https://auth.atlassian.com/authorize?...&scope=...

# Which gateway product segment (/ex/<segment>/{cloudId}) serves which product.
GATEWAY_SEGMENT: dict[Product, str] = {
    "jira": "jira",
    "jira-software": "jira",
    "jira-service-management": "jira",
    "jsm-assets": "jira",  # also reached without it: api.atlassian.com/jsm/assets/...
    "confluence": "confluence",
}

# Regular-expression fragments for hosts in free text (the scanners build their URL patterns
# from these): a site host, and any Atlassian API host.
SITE_HOST_PATTERN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.atlassian\.net"
ATLASSIAN_HOST_PATTERN = rf"(?:{SITE_HOST_PATTERN}|api\.atlassian\.com|api\.bitbucket\.org)"
# A site whose name is filled in at run time: https://$Instance.atlassian.net,
# https://${SITE}.atlassian.net, https://{site}.atlassian.net (string interpolation).
TEMPLATED_SITE_HOST_PATTERN = r"(?:\$\{?[A-Za-z_]\w*\}?|\{[A-Za-z_]\w*\})(?:\.[A-Za-z0-9-]+)*\.atlassian\.net"

# Patterns are compiled on first use (``_regex``): a pre-commit run needs few of them, and
# compiling all of them costs more than a millisecond.
# Any of the API hosts named in a text, in any case (a cheap test before parsing a file).
_HOST_MENTION = "|".join(re.escape(host) for host in (SITE_SUFFIX[1:], GATEWAY_HOST, BITBUCKET_HOST))
CLOUD_ID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_HOST_NAME = r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"
_GATEWAY_SEGMENTS = "|".join(sorted(set(GATEWAY_SEGMENT.values())))
_GATEWAY_BASE_PATH = rf"^/ex/(?:{_GATEWAY_SEGMENTS})/[^/?#]+(?:/wiki)?/?$"
_GATEWAY_CLOUD_ID = r"/ex/[^/]+/([^/?#]+)"


@cache
def _regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# --------------------------------------------------------------------------- hosts


def is_site_host(host: str) -> bool:
    """``acme.atlassian.net`` (any case, a trailing dot allowed); not ``atlassian.net`` itself."""
    host = host.lower().rstrip(".")
    return host.endswith(SITE_SUFFIX) and host != SITE_SUFFIX[1:]


def is_atlassian_host(host: str) -> bool:
    """A site, the API gateway or Bitbucket's API host (``host`` without port or user)."""
    host = host.lower()
    return host.endswith(SITE_SUFFIX) or host in (GATEWAY_HOST, BITBUCKET_HOST)


# Atlassian's own web hosts: pages for people, not the REST APIs (the documentation at
# developer.atlassian.com, support.atlassian.com, community.atlassian.com, docs.atlassian.com,
# www.atlassian.com, id.atlassian.com, admin.atlassian.com...).  Every host under
# atlassian.com except the gateway, api.atlassian.com (the API hosts of Atlassian's REST
# documents are api.atlassian.com, *.atlassian.net and api.bitbucket.org).
WEB_DOMAIN = "atlassian.com"


def is_atlassian_web_host(host: str) -> bool:
    """``developer.atlassian.com``, ``support.atlassian.com``, ``atlassian.com``: a page, so a
    URL there is a link to documentation (``.../cloud/jira/platform/rest/v3/intro/``), never
    a REST call; the gateway ``api.atlassian.com`` is not one (nor any subdomain of it)."""
    host = host.lower().rstrip(".")
    if host == GATEWAY_HOST or host.endswith("." + GATEWAY_HOST):
        return False
    return host == WEB_DOMAIN or host.endswith("." + WEB_DOMAIN)


def host_kind(host: str | None) -> HostKind:
    """``"site"``, ``"gateway"``, ``"bitbucket"`` or ``"other"``; no host is ``"relative"``."""
    if host is None:
        return "relative"
    host = host.lower()
    if host == GATEWAY_HOST:
        return "gateway"
    if host == BITBUCKET_HOST:
        return "bitbucket"
    return "site" if is_site_host(host) else "other"


# The first label of a site host people write in examples and templates instead of a real
# site (Atlassian's own documentation writes ``your-domain.atlassian.net``).
PLACEHOLDER_SITE_LABELS: frozenset[str] = frozenset({
    "site", "sitename", "site-name", "your-domain", "yourdomain", "your-site", "yoursite",
    "your-site-name", "yoursitename", "your-company", "yourcompany", "your-org", "your-instance",
    "your-tenant", "your-jira", "yourjira", "your-cloud", "mysite", "my-site", "mycompany",
    "my-company", "company", "domain", "instance", "tenant", "example", "your-team", "yourteam",
})
_PLACEHOLDER_LABEL = r"^(?:x{3,}|your[-_][\w-]+|<[^<>]*>|\[[^\[\]]*\]|\.{3}|_+)$"


def is_placeholder_site_label(label: str) -> bool:
    """Is ``label``, the first label of a site host as written (``your-domain``, ``SITE``,
    ``<site>``, ``xxx``), a placeholder rather than a real site?  Interpolations (``{site}``,
    ``${site}``) are not judged here: whether they are filled in depends on the language."""
    word = label.strip().lower()
    return word in PLACEHOLDER_SITE_LABELS or _regex(_PLACEHOLDER_LABEL).match(word) is not None


def mentions_atlassian_host(text: str) -> bool:
    """Does ``text`` name ``atlassian.net``, the gateway or Bitbucket's API host, in any case?"""
    return _regex(_HOST_MENTION, re.IGNORECASE).search(text) is not None


def is_host_name(text: str) -> bool:
    """A syntactically valid DNS host name (letters, digits, inner hyphens, dot-separated)."""
    return _regex(_HOST_NAME).match(text) is not None


def is_cloud_id(text: str) -> bool:
    """A cloudId: a UUID (``1324a887-45db-1bf4-1e99-ef0ff456d421``), any case."""
    return _regex(CLOUD_ID_PATTERN).match(text) is not None


def tenant_info_url(site_base_url: str) -> str:
    """Where a site tells its cloudId: ``https://acme.atlassian.net/_edge/tenant_info``."""
    return site_base_url.rstrip("/") + TENANT_INFO_PATH


# --------------------------------------------------------------------------- gateway paths


def split_gateway_path(path: str) -> tuple[str, str, str] | None:
    """``/ex/jira/<cloudId>/rest/api/3/x`` -> (``jira``, ``<cloudId>``, ``/rest/api/3/x``).

    The rest is ``/`` when nothing follows the cloudId; None when ``path`` is not a gateway
    path (it must hold ``/ex/``, a segment and a cloudId, either of them possibly empty).
    """
    if not path.startswith("/ex/"):
        return None
    parts = path.split("/", 4)  # '', 'ex', segment, cloudId, rest
    if len(parts) < 4:
        return None
    return parts[2], parts[3], "/" + (parts[4] if len(parts) == 5 else "")


def is_gateway_base_path(path: str) -> bool:
    """``/ex/jira/<cloudId>`` or ``/ex/confluence/<cloudId>/wiki``: a gateway API base, no call."""
    return _regex(_GATEWAY_BASE_PATH).match(path) is not None


def gateway_cloud_id(url: str) -> str | None:
    """The cloudId segment of a gateway URL or path (``/ex/<segment>/<cloudId>``), as written."""
    match = _regex(_GATEWAY_CLOUD_ID).search(url)
    return match.group(1) if match else None


def gateway_base(product: Product, cloud_id: str = "{cloudId}") -> str | None:
    """The gateway base URL a scoped token must use for ``product`` (None for Bitbucket)."""
    segment = GATEWAY_SEGMENT.get(product)
    if segment is None:
        return None
    return f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}"


# --------------------------------------------------------------------------- site URL -> gateway


def site_prefix(url: str) -> tuple[str, str] | None:
    """(``https://acme.atlassian.net``, rest of the URL) when ``url`` is on a site host."""
    scheme_end = url.find("://")
    if scheme_end == -1:
        return None
    host_end = url.find("/", scheme_end + 3)
    host_end = len(url) if host_end == -1 else host_end
    host = url[scheme_end + 3 : host_end].rpartition("@")[2].partition(":")[0]
    if not is_site_host(host):
        return None
    return url[:host_end], url[host_end:]


def site_host(url: str) -> str | None:
    """``acme.atlassian.net`` (lower case) for a URL on a site host, else None."""
    split = site_prefix(url)
    if split is None:
        return None
    return split[0].split("://", 1)[1].rpartition("@")[2].partition(":")[0].lower()


def product_for_site_url(rest: str, product: Product | None) -> Product:
    """``product`` when known; else Confluence for a path under ``/wiki``, Jira otherwise."""
    if product is not None:
        return product
    return "confluence" if rest.startswith("/wiki") else "jira"


def site_to_gateway(url: str, product: str, cloud_id: str) -> str:
    """The gateway URL a scoped token must call instead of ``url``.

    ``https://acme.atlassian.net/rest/api/3/x`` -> ``https://api.atlassian.com/ex/jira/<id>/rest/api/3/x``;
    Confluence keeps ``/wiki``: ``.../wiki/api/v2/pages`` -> ``.../ex/confluence/<id>/wiki/api/v2/pages``.
    Everything after the host (path, query, fragment, placeholders) is kept as written, but for
    a doubled slash right after the host (``.atlassian.net//rest/...``), which becomes one.
    ``product`` is a product (``jira-software``) or a gateway segment (``jira``, ``confluence``).
    A URL already on the gateway comes back unchanged.  Raises ValueError for a product
    without a gateway (Bitbucket) or a URL without ``scheme://host``.
    """
    segment = GATEWAY_SEGMENT.get(product, product)  # type: ignore[call-overload]
    if segment not in GATEWAY_SEGMENT.values():
        raise ValueError(f"{product!r} has no {GATEWAY_HOST} gateway form")
    scheme_end = url.find("://")
    if scheme_end <= 0:
        raise ValueError(f"{url!r} is not an absolute URL")
    rest_start = scheme_end + 3
    host_end = len(url)
    for separator in "/?#":
        found = url.find(separator, rest_start)
        if found != -1:
            host_end = min(host_end, found)
    host = url[rest_start:host_end]
    if not host:
        raise ValueError(f"{url!r} has no host")
    if host.lower().rsplit("@", 1)[-1].split(":", 1)[0] == GATEWAY_HOST:
        return url
    tail = url[host_end:]
    if tail and tail[0] != "/":
        tail = "/" + tail
    if tail.startswith("//"):  # a base written with a trailing "/" and a path with a leading one
        tail = "/" + tail.lstrip("/")
    return f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}{tail}"


def gateway_url(url: str, product: Product | None, cloud_id: str = "{cloudId}") -> str | None:
    """The gateway form of a site URL (Confluence keeps ``/wiki``), or None when ``url`` is
    not on a site host or the product has no gateway (Bitbucket)."""
    split = site_prefix(url)
    if split is None:
        return None
    try:
        return site_to_gateway(url, product_for_site_url(split[1], product), cloud_id)
    except ValueError:
        return None
