"""Joining a client's base URL and a request's path the way each HTTP client really does.

Clients differ, and the difference decides which endpoint is called (``BaseAddress =
".../rest/api/3"`` without the final ``/`` makes ``GetAsync("issue/1")`` call
``.../rest/api/issue/1``).  A knowledge row names its client's rule (``join``):

* ``resolve``: RFC 3986 reference resolution, as ``new Uri(base, path)`` (.NET
  ``HttpClient.BaseAddress``), Go's ``ResolveReference``, Guzzle's ``base_uri``: a path
  starting with ``/`` replaces the base's path; otherwise it replaces the base's last segment
  (everything after its last ``/``);
* ``directory``: the same, but the base's path is first made to end with ``/`` (Faraday's
  ``url_prefix``), so a relative path is appended and a path starting with ``/`` replaces;
* ``slash``: base and path joined with exactly one ``/`` (axios ``baseURL``, RestSharp's
  ``RestClient(base)`` + ``RestRequest(resource)``);
* ``append``: the two strings concatenated as they are (HTTParty's ``base_uri``).

A path that is itself an absolute URL (``https://...``) is used as it is, by every rule.
Placeholders (``{name}``) are kept: a leading placeholder (``{base}/rest/api/3``) stands for
the scheme and host.
"""

from __future__ import annotations

from typing import Literal

JoinRule = Literal["resolve", "directory", "slash", "append"]
JOIN_RULES: tuple[str, ...] = ("resolve", "directory", "slash", "append")


def is_absolute(url: str) -> bool:
    """``https://...``, ``http://...`` or a scheme-relative ``//host/...``."""
    if url.startswith("//"):
        return True
    head = url.split("/", 1)[0]
    return head.endswith(":") and head[:-1].isalpha() and url[len(head):].startswith("//")


def _origin_length(base: str) -> int:
    """Length of the scheme and authority of ``base`` (0 when it has neither): the part a
    path starting with ``/`` keeps.  A leading placeholder counts as the origin."""
    scheme = base.find("://")
    if scheme > 0 and base[:scheme].isalpha():
        slash = base.find("/", scheme + 3)
        return len(base) if slash == -1 else slash
    if base.startswith("{"):
        close = base.find("}")
        if close != -1:
            return close + 1
    return 0


def join(base: str, path: str, rule: JoinRule) -> str:
    """``path`` joined to ``base`` by ``rule`` (see the module docstring)."""
    if not base or is_absolute(path):
        return path
    if rule == "append":
        return base + path
    if rule == "slash":
        if not path:
            return base
        return base.rstrip("/") + "/" + path.lstrip("/")
    base = base.split("#", 1)[0].split("?", 1)[0]
    origin = _origin_length(base)
    if rule == "directory" and not base.endswith("/"):
        base += "/"
    if path.startswith("/"):
        return base[:origin] + path
    if not path:
        return base
    if path.startswith(("?", "#")):
        return base + path
    cut = base.rfind("/")
    if cut < origin:  # https://host (no path): the reference goes below the root
        return base[:origin] + "/" + path
    return base[: cut + 1] + path
