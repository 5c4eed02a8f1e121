"""Where each Atlassian product's REST API lives: path prefixes, hosts and gateway forms.

Pure string knowledge, no I/O; used by the router, the scanners and the rules.
"""

from __future__ import annotations

import re

from scopelint.model import Product

GATEWAY_HOST = "api.atlassian.com"
BITBUCKET_HOST = "api.bitbucket.org"
SITE_SUFFIX = ".atlassian.net"

# Longest prefixes first: the first match decides the product of a path.
REST_PREFIXES: tuple[tuple[str, Product], ...] = (
    ("/rest/servicedeskapi/", "jira-service-management"),
    ("/rest/agile/", "jira-software"),
    ("/rest/software/", "jira-software"),
    ("/rest/security/", "jira-software"),
    ("/rest/operations/", "jira-software"),
    ("/rest/devinfo/", "jira-software"),
    ("/rest/deployments/", "jira-software"),
    ("/rest/featureflags/", "jira-software"),
    ("/rest/builds/", "jira-software"),
    ("/rest/remotelinks/", "jira-software"),
    ("/rest/devopscomponents/", "jira-software"),
    ("/rest/api/", "jira"),
    ("/rest/atlassian-connect/", "jira"),
    ("/rest/forge/", "jira"),
    ("/rest/internal/", "jira"),
    ("/jsm/assets/", "jsm-assets"),  # api.atlassian.com/jsm/assets/workspace/{workspaceId}/v1
    ("/jsm/ops/", "jsm-ops"),  # api.atlassian.com/jsm/ops/api/{cloudId}/v1
    ("/wiki/rest/", "confluence"),
    ("/wiki/api/v2/", "confluence"),
    ("/2.0/", "bitbucket"),
)

# Which gateway product segment (/ex/<segment>/{cloudId}) serves which product.
GATEWAY_SEGMENT: dict[Product, str] = {
    "jira": "jira",
    "jira-software": "jira",
    "jira-service-management": "jira",
    "jsm-assets": "jira",  # also reached without it: api.atlassian.com/jsm/assets/...
    "confluence": "confluence",
}
# Paths called on api.atlassian.com itself, with no OpenAPI document (data/endpoints.json
# describes them; a test keeps the two in step).  Matched exactly, never as prefixes.
GATEWAY_ROOT_PATHS: dict[str, Product] = {
    "/me": "identity",
    "/oauth/token/accessible-resources": "identity",
}
# Where a product without an /ex/<segment>/{cloudId} form is called (for messages).
DIRECT_BASE: dict[Product, str] = {
    "jsm-ops": f"https://{GATEWAY_HOST}",
    "bitbucket": f"https://{BITBUCKET_HOST}",
    "identity": f"https://{GATEWAY_HOST}",
}
# ``/ex/<segment>/{cloudId}`` at the start of a server URL's path: the gateway form, which the
# table strips (the router strips it from a request too).
GATEWAY_PREFIX_RE = re.compile(r"^/ex/[^/]+/[^/]+(?=/|$)")

_REST_PATH_RE = re.compile(
    r"/(?:wiki/)?rest/[A-Za-z][\w.-]*/|/wiki/api/v2/|/2\.0/|/ex/confluence/[^/]+/api/v2/"
    r"|/jsm/assets/workspace/|/jsm/ops/api/",
)


def product_of_path(path: str) -> Product | None:
    """The product whose REST prefix ``path`` starts with, or None."""
    for prefix, product in REST_PREFIXES:
        if path.startswith(prefix):
            return product
    root = GATEWAY_ROOT_PATHS.get(path.rstrip("/") or "/")
    if root is not None:
        return root
    if path.startswith("/rest/api") or path.startswith("/wiki/api/v2"):
        return "jira" if path.startswith("/rest/") else "confluence"
    return None


def is_site_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.endswith(SITE_SUFFIX) and host != SITE_SUFFIX[1:]


def gateway_base(product: Product, cloud_id: str = "{cloudId}") -> str | None:
    """The gateway base URL a scoped token must use for ``product`` (None for Bitbucket)."""
    segment = GATEWAY_SEGMENT.get(product)
    if segment is None:
        return None
    return f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}"


def is_gateway_root_call(path: str) -> bool:
    """Is ``path`` (on api.atlassian.com) one of the calls made on the gateway host itself
    (``/me``, ``/oauth/token/accessible-resources``)?"""
    return path.split("?", 1)[0].rstrip("/") in GATEWAY_ROOT_PATHS


def looks_like_rest_path(text: str) -> bool:
    """Cheap test: does ``text`` contain something shaped like an Atlassian REST path?"""
    return _REST_PATH_RE.search(text) is not None


def site_to_gateway(url: str, product: str, cloud_id: str) -> str:
    """The gateway URL a scoped token must call instead of ``url``.

    ``https://acme.atlassian.net/rest/api/3/x`` -> ``https://api.atlassian.com/ex/jira/<id>/rest/api/3/x``;
    Confluence keeps ``/wiki``: ``.../wiki/api/v2/pages`` -> ``.../ex/confluence/<id>/wiki/api/v2/pages``.
    Everything after the host (path, query, fragment, placeholders) is kept exactly as written.
    ``product`` is a product (``jira-software``) or a gateway segment (``jira``, ``confluence``).
    A URL already on the gateway comes back unchanged.  Raises ValueError for a product
    without a gateway (Bitbucket) or a URL without ``scheme://host``.
    """
    segment = GATEWAY_SEGMENT.get(product, product)  # type: ignore[call-overload]
    if segment not in ("jira", "confluence"):
        raise ValueError(f"{product!r} has no api.atlassian.com gateway form")
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
    return f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}{tail}"
