"""Recognising Atlassian REST URLs in text, and normalising the placeholders code puts in them.

Every extractor reports a URL "as written, placeholders normalised": whatever a language uses
for an interpolated value (``${key}``, ``$KEY``, ``{key}``, ``:key``, ``<key>``, ``%s``,
``%(key)s``, an expression it cannot read) becomes ``{name}``, or ``{}`` when no name is known.
"""

from __future__ import annotations

import re

from scopelint.kb.products import BITBUCKET_HOST, GATEWAY_HOST, looks_like_rest_path

# A URL on an Atlassian host, in free text (stops at quotes, whitespace and brackets).
ATLASSIAN_URL_RE = re.compile(
    r"https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.atlassian\.net"
    r"|api\.atlassian\.com|api\.bitbucket\.org)(?![A-Za-z0-9.-])[^\s'\"`<>()\[\]\\,;]*",
)
SITE_URL_RE = re.compile(r"https?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.atlassian\.net)(?![\w.-])")
# Bytes every file that can hold a call or a site URL contains at least one of (prefilter).
INTERESTING_BYTES: tuple[bytes, ...] = (
    b"atlassian",
    b"/rest/",
    b"/wiki/",
    b"/2.0/",
    b"bitbucket",
    b"ATATT",
    b"scopelint",
    b"request",  # requestJira / requestConfluence / requestBitbucket
)

_PLACEHOLDER_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*(?::[-=?+][^}]*)?\}"), r"{\1}"),  # ${key} ${A:-x}
    (re.compile(r"\$\{[^}]*\}"), "{}"),  # ${ expression }
    (re.compile(r"\$([A-Za-z_]\w*)"), r"{\1}"),  # $KEY
    (re.compile(r"%\(([A-Za-z_]\w*)\)[sdri]"), r"{\1}"),  # %(key)s
    (re.compile(r"%[sdri]"), "{}"),  # %s
    (re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}"), r"{\1}"),  # {{key}} (.http, Postman)
    (re.compile(r"<([A-Za-z_][\w-]*)>"), r"{\1}"),  # <key>
    (re.compile(r"(?<=/):([A-Za-z_]\w*)"), r"{\1}"),  # /:key
    (re.compile(r"\{\s*\d*\s*\}"), "{}"),  # {} {0}
)


def normalise_placeholders(url: str) -> str:
    """``/rest/api/3/issue/${key}`` -> ``/rest/api/3/issue/{key}``; see the module docstring."""
    if not any(ch in url for ch in "${%<:"):
        return url
    for pattern, replacement in _PLACEHOLDER_RES:
        url = pattern.sub(replacement, url)
    return url


def is_atlassian_host(host: str) -> bool:
    host = host.lower()
    return host.endswith(".atlassian.net") or host in (GATEWAY_HOST, BITBUCKET_HOST)


def mentions_atlassian_api(text: str) -> bool:
    """Could ``text`` (a URL or a piece of one) be an Atlassian REST call or API base?"""
    return (
        ".atlassian.net" in text
        or GATEWAY_HOST in text
        or BITBUCKET_HOST in text
        or looks_like_rest_path(text if text.startswith("/") else "/" + text)
    )


def find_atlassian_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of every Atlassian-host URL in free text."""
    return [(m.start(), m.end(), m.group(0)) for m in ATLASSIAN_URL_RE.finditer(text)]
