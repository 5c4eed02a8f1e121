"""Joining a base URL and a path the way JavaScript clients and ``new URL`` do."""

from __future__ import annotations

import re

_SCHEME_RE = re.compile(r"^[A-Za-z][\w+.-]*://")
_ORIGIN_RE = re.compile(r"^([A-Za-z][\w+.-]*://[^/?#]*)")


def join_url(base: str, path: str) -> str:
    """axios-style ``baseURL`` + ``url`` (an absolute ``url`` wins)."""
    if _SCHEME_RE.match(path) or not base:
        return path
    if not path:
        return base
    return base.rstrip("/") + "/" + path.lstrip("/")


def resolve_url(path: str, base: str) -> str:
    """WHATWG ``new URL(path, base)`` for the common cases."""
    if _SCHEME_RE.match(path) or not base:
        return path
    if path.startswith("/"):
        origin = _ORIGIN_RE.match(base)
        return (origin.group(1) if origin else base.rstrip("/")) + path
    return base[: base.rfind("/") + 1] + path if "/" in base else base + "/" + path
