"""Joining a client's base URL and a request's path the way each HTTP client really does.

Clients differ, and the difference decides which endpoint is called (``BaseAddress =
".../rest/api/3"`` without the final ``/`` makes ``GetAsync("issue/1")`` call
``.../rest/api/issue/1``).  A knowledge row names its client's rule (``join``):

* ``resolve``: RFC 3986 reference resolution (section 5.2), as ``new Uri(base, path)`` (.NET
  ``HttpClient.BaseAddress``), Go's ``ResolveReference``, Guzzle's ``base_uri``, Ruby's
  ``URI#+``: a path starting with ``/`` replaces the base's path; otherwise it replaces the
  base's last segment (everything after its last ``/``), and ``.``/``..`` segments go;
* ``directory``: the same, but the base's path is first made to end with ``/`` (Faraday's
  ``url_prefix``), so a relative path is appended and a path starting with ``/`` replaces;
* ``slash``: base and path joined with exactly one ``/`` (axios ``baseURL``, RestSharp's
  ``RestClient(base)`` + ``RestRequest(resource)``);
* ``append``: the two strings concatenated as they are (HTTParty's ``base_uri``).

A path that is itself an absolute URL (``https://...``) is used as it is, by every rule (a
scheme-relative ``//host/...`` takes the base's scheme under ``resolve`` and ``directory``).
This module is the one place scanning joins a client's base and a path: the language packages
and the shared recogniser (``core/recognise.py``) call :func:`join` with the rule a knowledge
row names (``join``).
Placeholders (``{name}``) are kept: a leading placeholder (``{base}/rest/api/3``) stands for
the scheme and host.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urljoin

JoinRule = Literal["resolve", "directory", "slash", "append"]
JOIN_RULES: tuple[str, ...] = ("resolve", "directory", "slash", "append")


def is_absolute(url: str) -> bool:
    """``https://...``, ``http://...`` or a scheme-relative ``//host/...``."""
    if url.startswith("//"):
        return True
    head = url.split("/", 1)[0]
    return head.endswith(":") and head[:-1].isalpha() and url[len(head):].startswith("//")


def join(base: str, path: str, rule: JoinRule) -> str:
    """``path`` joined to ``base`` by ``rule`` (see the module docstring).

    ``resolve`` and ``directory`` are RFC 3986 section 5.2 reference resolution, done by the
    standard library's :func:`urllib.parse.urljoin` (dot segments removed, the base's query
    kept for a fragment-only reference, ``//host`` taking the base's scheme); a leading
    placeholder of ``base`` stands for its scheme and authority and is kept in the result.
    """
    if not base:
        return path
    if is_absolute(path) and (rule in ("slash", "append") or not path.startswith("//")):
        return path
    if rule == "append":
        return base + path
    if rule == "slash":
        if not path:
            return base
        return base.rstrip("/") + "/" + path.lstrip("/")
    placeholder = ""
    if base.startswith("{") and not _has_scheme(base):
        close = base.find("}")
        if close != -1:
            placeholder, base = base[: close + 1], _SENTINEL + base[close + 1:]
    if rule == "directory":
        base, query = _split_query(base)
        if not base.endswith("/"):
            base += "/"
        base += query
    try:
        joined = urljoin(base, path)
    except ValueError:  # an authority urllib refuses ("[not an IP]"): merge by hand
        joined = _merge(base, path)
    if placeholder and joined.startswith(_SENTINEL):
        return placeholder + joined[len(_SENTINEL):]
    return joined


# The origin a leading placeholder stands for while urljoin resolves (an invalid host, RFC 6761).
_SENTINEL = "https://scopelint.invalid"


def _merge(base: str, path: str) -> str:
    """RFC 3986 section 5.2.2 without dot-segment removal, for a base urllib cannot split."""
    base, query = _split_query(base)
    scheme = base.find("://")
    slash = base.find("/", scheme + 3) if scheme > 0 else -1
    origin = base[:slash] if slash != -1 else base if scheme > 0 else ""
    if path.startswith("/"):
        return origin + path
    if not path or path.startswith("#"):
        return base + query.split("#", 1)[0] + path
    if path.startswith("?"):
        return base + path
    if len(base) == len(origin):
        return origin + "/" + path
    return base[: base.rfind("/") + 1] + path


def _has_scheme(url: str) -> bool:
    scheme = url.find("://")
    return scheme > 0 and url[:scheme].isalpha()


def _split_query(url: str) -> tuple[str, str]:
    """``url`` without its query and fragment, and them (``?q#f``)."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i != -1), default=len(url))
    return url[:cut], url[cut:]
