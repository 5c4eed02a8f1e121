"""Where each Atlassian product's REST API lives: the path prefixes of each product.

Pure string knowledge, no I/O; used by the router, the scanners and the rules.  Hosts (site,
gateway, Bitbucket), the gateway form of a URL and the cloudId are in
:mod:`scopelint.kb.hosts`.
"""

from __future__ import annotations

from scopelint.common import lazy_re
from scopelint.common.lazy_re import lazy_compile

# Moved to scopelint.kb.hosts, their one home; re-exported for code written before the move.
from scopelint.kb.hosts import BITBUCKET_HOST as BITBUCKET_HOST
from scopelint.kb.hosts import GATEWAY_HOST as GATEWAY_HOST
from scopelint.kb.hosts import GATEWAY_SEGMENT as GATEWAY_SEGMENT
from scopelint.kb.hosts import SITE_SUFFIX as SITE_SUFFIX
from scopelint.kb.hosts import gateway_base as gateway_base
from scopelint.kb.hosts import is_site_host as is_site_host
from scopelint.kb.hosts import site_to_gateway as site_to_gateway
from scopelint.model import Product

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
GATEWAY_PREFIX_RE = lazy_compile(r"^/ex/[^/]+/[^/]+(?=/|$)")

_REST_PATH_RE = lazy_re.compile(
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


def is_gateway_root_call(path: str) -> bool:
    """Is ``path`` (on api.atlassian.com) one of the calls made on the gateway host itself
    (``/me``, ``/oauth/token/accessible-resources``)?"""
    return path.split("?", 1)[0].rstrip("/") in GATEWAY_ROOT_PATHS


def looks_like_rest_path(text: str) -> bool:
    """Cheap test: does ``text`` contain something shaped like an Atlassian REST path?"""
    return _REST_PATH_RE.search(text) is not None
