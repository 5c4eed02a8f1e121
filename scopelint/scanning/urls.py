"""Recognising Atlassian REST URLs in text, and normalising the placeholders code puts in them.

Every extractor reports a URL "as written, placeholders normalised": whatever a language uses
for an interpolated value (``${key}``, ``$KEY``, ``{key}``, ``:key``, ``<key>``, ``%s``,
``%(key)s``, an expression it cannot read) becomes ``{name}``, or ``{}`` when no name is known.
"""

from __future__ import annotations

import re

from scopelint.common.lazy_re import lazy_compile
from scopelint.kb.hosts import (
    ATLASSIAN_HOST_PATTERN,
    BITBUCKET_HOST,
    GATEWAY_HOST,
    SITE_HOST_PATTERN,
    SITE_SUFFIX,
    TEMPLATED_SITE_HOST_PATTERN,
    is_atlassian_host,
    is_atlassian_web_host,
    is_gateway_base_path,
    is_site_host,
)
from scopelint.kb.products import is_gateway_root_call, looks_like_rest_path
from scopelint.model import CallKind

# A URL on an Atlassian host, in free text (stops at quotes, whitespace and brackets).
ATLASSIAN_URL_RE = lazy_compile(
    rf"https?://(?:{ATLASSIAN_HOST_PATTERN}|{TEMPLATED_SITE_HOST_PATTERN})(?![A-Za-z0-9.-])"
    r"[^\s'\"`<>()\[\]\\,;]*",
)
SITE_URL_RE = lazy_compile(rf"https?://({SITE_HOST_PATTERN})(?![\w.-])")
# Bytes every file that can hold a call or a site URL contains at least one of (prefilter).
# Links to the web UI, not to the REST API.
UI_LINK_MARKERS = ("/browse/", "/wiki/spaces/")
_PLACEHOLDER_RE = lazy_compile(r"\{[^{}]*\}")
# A path segment that is an ellipsis ("/rest/api/3/...", "/issue/…/comment"): text elided
# for people to fill in, so the URL is an example.
_ELIDED_SEGMENT_RE = lazy_compile(r"/(?:\.{3}|\u2026)(?=[/?#]|$)")

INTERESTING_BYTES: tuple[bytes, ...] = (
    b"atlassian",
    b"/rest/",
    b"/wiki/",
    b"/2.0/",
    b"bitbucket",
    b"ATATT",
    b"scopelint",
    b"requestJira",  # Forge: api.asApp().requestJira(route`...`), @forge/bridge
    b"requestConfluence",
    b"requestBitbucket",
    b'"rest/',  # a path relative to a base: Retrofit @GET("rest/api/3/issue/{key}"), Guzzle
    b"'rest/",
    b'"wiki/',
    b"'wiki/",
    # Atlassian SDKs (data/sdk/index.json "imports"; a test keeps the two in step): code that
    # calls an SDK names no URL at all.  atlassian-python-api is caught by b"atlassian".
    b"from jira",  # pycontribs: from jira import JIRA; from jira.resources import Issue
    b"import jira",
    b"jira.js",
    b"confluence.js",
    b"jira-client",
    b"andygrunwald/go-jira",  # go-jira v1 and v2/cloud import paths
)

_PLACEHOLDER_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy_compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*(?::[-=?+][^}]*)?\}"), r"{\1}"),  # ${key} ${A:-x}
    (lazy_compile(r"\$\{[^}]*\}"), "{}"),  # ${ expression }
    (lazy_compile(r"\$([A-Za-z_]\w*)"), r"{\1}"),  # $KEY
    (lazy_compile(r"%\(([A-Za-z_]\w*)\)[sdri]"), r"{\1}"),  # %(key)s
    (lazy_compile(r"%[sdri]"), "{}"),  # %s
    (lazy_compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}"), r"{\1}"),  # {{key}} (.http, Postman)
    (lazy_compile(r"<([A-Za-z_][\w-]*)>"), r"{\1}"),  # <key>
    (lazy_compile(r"(?<=/):([A-Za-z_]\w*)"), r"{\1}"),  # /:key
    (lazy_compile(r"\{\s*\d*\s*\}"), "{}"),  # {} {0}
)


def normalise_placeholders(url: str) -> str:
    """``/rest/api/3/issue/${key}`` -> ``/rest/api/3/issue/{key}``; see the module docstring."""
    if not any(ch in url for ch in "${%<:"):
        return url
    for pattern, replacement in _PLACEHOLDER_RES:
        url = pattern.sub(replacement, url)
    return url


def mentions_atlassian_api(text: str) -> bool:
    """Could ``text`` (a URL or a piece of one) be an Atlassian REST call or API base?"""
    return (
        SITE_SUFFIX in text
        or GATEWAY_HOST in text
        or BITBUCKET_HOST in text
        or looks_like_rest_path(text if text.startswith("/") else "/" + text)
    )


def find_atlassian_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of every Atlassian-host URL in free text."""
    return [(m.start(), m.end(), m.group(0)) for m in ATLASSIAN_URL_RE.finditer(text)]


def split_url(url: str) -> tuple[str | None, str]:
    """(host, path) of an absolute URL; (None, url) for anything else.  Query is dropped."""
    scheme_end = url.find("://")
    if scheme_end == -1 or not url[:scheme_end].isalpha():
        return None, url
    rest = url[scheme_end + 3 :]
    cut = len(rest)
    for stop in "/?#":
        index = rest.find(stop)
        if index != -1:
            cut = min(cut, index)
    brace = rest.find("{", 0, cut)
    if brace > 0 and "." in rest[:brace] and rest[brace - 1] not in ".-":
        cut = brace  # https://acme.atlassian.net{path}: the placeholder starts the path
    host = rest[:cut].rsplit("@", 1)[-1].split(":", 1)[0]
    path = rest[cut:]
    for stop in "?#":
        path = path.split(stop, 1)[0]
    return host, path


def _is_api_base_path(host: str, path: str) -> bool:
    bare = _PLACEHOLDER_RE.sub("", path).strip("/")
    if host == GATEWAY_HOST:
        return bare == "" or is_gateway_base_path(path) or is_rest_base_path(path)
    return bare in ("", "wiki") or is_rest_base_path(path)


_GATEWAY_PREFIX_RE = lazy_compile(r"^/ex/[^/]+/[^/]+")


def is_opaque_call_url(url: str) -> bool:
    """Is ``url`` a request to an Atlassian API whose path could not be read at all?

    An Atlassian API host (a site, the gateway, Bitbucket's API) or its gateway or REST base,
    followed only by anonymous placeholders (an expression the extractor could not read):
    ``https://api.atlassian.com/ex/jira/{cloudId}/{}``, ``https://acme.atlassian.net/{}``.
    Such a request is Atlassian activity whose operation is unknown.  A named placeholder
    (``{path}``) is not: it is a helper's parameter, and the helper's callers are the calls;
    nor is a bare base (``requests.get(BASE)``).
    """
    host, path = split_url(url)
    if host is None or not is_atlassian_host(host.lower()):
        return False
    if host.lower() == GATEWAY_HOST:
        prefix = _GATEWAY_PREFIX_RE.match(path)
        path = path[prefix.end():] if prefix else path
    placeholders = _PLACEHOLDER_RE.findall(path)
    if not placeholders or any(p != "{}" for p in placeholders):
        return False
    bare = _PLACEHOLDER_RE.sub("", path).strip("/")
    return bare in ("", "wiki") or is_rest_base_path("/" + bare)


# A product's REST base on its own (``/rest/api/3``, ``/rest/agile/1.0``, ``/wiki/rest/api``,
# ``/wiki/api/v2``, ``/2.0``): where requests go, not a request.
_REST_BASE_RE = lazy_compile(
    r"^(?:/ex/[^/]+/[^/]+)?"  # the gateway prefix
    r"(?:/wiki/rest/api|/wiki/api/v2|/rest/[a-z-]+(?:/(?:\d+(?:\.\d+)*|latest))?|/2\.0)/?$"
)


def is_rest_base_path(path: str) -> bool:
    """Is ``path`` (after a host, or after a leading ``{BASE}`` placeholder) a product's REST
    base alone, such as ``/rest/api/3``, with nothing to call after it?"""
    if path.startswith("{"):
        close = path.find("}")
        path = path[close + 1 :] if close != -1 else path
    return _REST_BASE_RE.match(path.split("?", 1)[0]) is not None


def url_kind(url: str) -> CallKind | None:
    """"call" for a REST call, "base-url" for a bare site/gateway base, None otherwise.

    Placeholders may stand for a whole base (``{BASE}/rest/api/3/myself`` is a call).  A
    product's REST base alone (``https://acme.atlassian.net/rest/api/3``, ``{BASE}/wiki/api/v2``)
    is a base, not a call.  A URL on a host that is not Atlassian's counts only when its path
    is clearly a Jira/Confluence REST path (``/2.0/`` alone is too common elsewhere).
    """
    if any(marker in url for marker in UI_LINK_MARKERS):
        return None
    host, path = split_url(url)
    if _ELIDED_SEGMENT_RE.search(path or url):
        return None  # `f"{BASE}/rest/api/3/..."`: an example in a message, not a call
    if host is None:
        candidate = url if url.startswith(("/", "{")) else "/" + url
        if is_rest_base_path(candidate):
            return "base-url"
        return "call" if looks_like_rest_path(candidate) else None
    host = host.lower()
    if not is_atlassian_host(host):
        if is_atlassian_web_host(host):
            return None  # a documentation page: developer.atlassian.com/cloud/.../rest/v3/intro/
        if is_rest_base_path(path):
            return None  # a REST base on some other host: nothing scopelint can say about it
        if "{" in host:  # https://{site}/rest/api/3/...
            return "call" if looks_like_rest_path(path) else None
        return "call" if looks_like_rest_path(path.replace("/2.0/", "/")) else None
    if (is_site_host(host) or host == GATEWAY_HOST) and _is_api_base_path(host, path):
        return "base-url"
    if looks_like_rest_path(path):
        return "call"
    if host == GATEWAY_HOST and is_gateway_root_call(path):
        return "call"  # https://api.atlassian.com/me, /oauth/token/accessible-resources
    return None


_VERSION_RE = lazy_compile(r"(?:\d+(?:\.\d+)?|latest|v\d+)/?")


def completes_call(url: str) -> bool:
    """Is ``url`` a REST call on its own, beyond an API's base (``.../rest/api/3/issue/``),
    as opposed to a product's prefix and version alone (``https://acme.atlassian.net/rest/api/3``,
    ``/wiki/api/v2``) that a path must complete?"""
    if url_kind(url) != "call":
        return False
    path = split_url(url)[1] if "://" in url else url
    for prefix in ("/rest/", "/wiki/api/", "/wiki/rest/api/", "/2.0"):
        at = path.find(prefix)
        if at != -1:
            rest = path[at + len(prefix):]
            if prefix == "/rest/":
                rest = rest.split("/", 1)[1] if "/" in rest else ""
            return bool(rest.strip("/")) and not _VERSION_RE.fullmatch(rest.lstrip("/"))
    return True
