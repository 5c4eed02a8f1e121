"""Forge platform permissions: which API needs which manifest entry, and how egress matches.

The facts are one table, ``kb/forge_permissions.toml`` (one row per platform API, each with the
source it comes from); this module loads it once per process and answers:

- :func:`api_rows`: the platform APIs (storage, notifications, UI Kit property hooks, the user
  privacy API, ``invokeRemote``/``requestRemote``) with the modules and names that reach them;
- :class:`AllowList`: does a declared egress list (``permissions.external.fetch.backend``,
  ``.fetch.client``, ``.images``) allow a URL, as Forge's egress filter decides
  (``@forge/egress`` ``EgressFilteringService``): an entry without a scheme means ``https``;
  ``*.example.com`` matches every subdomain at any depth but not ``example.com``; ``*`` alone
  allows everything; the path of an entry is ignored for fetches;
- :func:`url_host`: the ``(scheme, host)`` of an absolute URL (None for a relative one or a
  host that is still a placeholder).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.records import dataclass

ApiKind = Literal["storage", "scope", "remote"]


@dataclass(frozen=True, slots=True)
class ApiRow:
    """One platform API and what the manifest must declare for it."""

    key: str  # "kvs", "useIssueProperty", ...
    kind: ApiKind
    title: str
    modules: tuple[str, ...]  # "*": imported from any module
    names: tuple[str, ...]  # exported names; "default" for the default export / require()
    alternatives: tuple[tuple[str, ...], ...]  # scope sets, one of which must be declared
    by_product: dict[str, str]  # product -> the one scope an app of that product needs
    operations: tuple[str, ...]  # remote rows: operations the remotes: entry must list
    source: str

    def matches(self, module: str, name: str) -> bool:
        return ("*" in self.modules or module in self.modules) and name in self.names

    def needed(self, declared: Iterable[str], products: Iterable[str] = ()) -> tuple[str, ...]:
        """The scopes still to declare: () when ``declared`` holds a whole alternative; else
        the closest alternative's missing scopes (the app's product decides between equals)."""
        have = set(declared)
        if not self.alternatives or any(set(alt) <= have for alt in self.alternatives):
            return ()
        for product in products:
            scope = self.by_product.get(product)
            if scope is not None:
                return (scope,)
        best = min(self.alternatives, key=lambda alt: sum(1 for s in alt if s not in have))
        return tuple(scope for scope in best if scope not in have)


@dataclass(frozen=True, slots=True)
class ForgeTable:
    apis: tuple[ApiRow, ...]
    product_calls: frozenset[str]
    frontend_modules: frozenset[str]
    image_elements: frozenset[str]
    always_allowed_images: tuple[str, ...]
    egress_source: str
    images_source: str

    def api(self, key: str) -> ApiRow | None:
        return next((row for row in self.apis if row.key == key), None)

    def lookup(self, module: str, name: str) -> ApiRow | None:
        """The row an import of ``name`` from ``module`` reaches (an exact module first)."""
        exact = [row for row in self.apis if module in row.modules and name in row.names]
        if exact:
            return exact[0]
        return next((row for row in self.apis if row.matches(module, name)), None)

    @property
    def platform_scopes(self) -> frozenset[str]:
        """Scopes only platform APIs need (no REST operation): storage:app, ...; their use can
        be seen in code, so a declared one nothing uses is reported (SL019)."""
        return frozenset(
            scope
            for row in self.apis
            if row.kind in ("storage", "scope") and row.key not in _REST_SCOPED_HOOKS
            for alternative in row.alternatives
            for scope in alternative
        )


# The hooks whose scopes are REST scopes too (SL003 decides whether those are used).
_REST_SCOPED_HOOKS = frozenset({"useContentProperty", "useSpaceProperty", "useIssueProperty"})


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


@cache
def table() -> ForgeTable:
    """The table, read once per process (``kb/forge_permissions.toml``)."""
    # beside this module, as data/table.json is found (importlib.resources costs ~5 ms of
    # imports, zipfile and tempfile, on every hook run: SL014 asks for the table every time)
    with open(os.path.join(os.path.dirname(__file__), "forge_permissions.toml"), encoding="utf-8") as handle:
        text = handle.read()
    data = tomllib.loads(text)
    rows = []
    for raw in data.get("api", []):
        scopes = _strings(raw.get("scopes"))
        alternatives = tuple(_strings(alt) for alt in raw.get("alternatives", [])) or (
            (scopes,) if scopes else ()
        )
        rows.append(
            ApiRow(
                key=str(raw["key"]),
                kind=raw["kind"],
                title=str(raw["title"]),
                modules=_strings(raw.get("modules")),
                names=_strings(raw.get("names")),
                alternatives=alternatives,
                by_product={str(k): str(v) for k, v in dict(raw.get("by_product", {})).items()},
                operations=_strings(raw.get("operations")),
                source=str(raw.get("source", "")),
            )
        )
    egress = data.get("egress", {})
    images = data.get("images", {})
    return ForgeTable(
        apis=tuple(rows),
        product_calls=frozenset(_strings(egress.get("product_calls"))),
        frontend_modules=frozenset(_strings(egress.get("frontend_modules"))),
        image_elements=frozenset(_strings(images.get("elements"))),
        always_allowed_images=_strings(images.get("always_allowed")),
        egress_source=str(egress.get("source", "")),
        images_source=str(images.get("source", "")),
    )


# --------------------------------------------------------------------------- egress

_SCHEME_RE = lazy_compile(r"^([A-Za-z][\w+.-]*):")
_URL_HOST_RE = lazy_compile(r"^([A-Za-z][\w+.-]*)://(?:[^/?#@]*@)?([^/?#:]*)(?::\d*)?")
_PLACEHOLDER_RE = lazy_compile(r"[{}$`]")


def url_host(url: str) -> tuple[str, str] | None:
    """``("https", "api.example.com")`` for an absolute http(s)/ws(s) URL whose host is known."""
    match = _URL_HOST_RE.match(url.strip())
    if match is None:
        return None
    scheme, host = match.group(1).lower(), match.group(2).lower().rstrip(".")
    if scheme not in ("http", "https", "ws", "wss") or not host or _PLACEHOLDER_RE.search(host):
        return None
    return scheme, host


def entry_host(entry: str) -> tuple[str, str]:
    """``(scheme, host pattern)`` of a manifest egress entry (no scheme: https)."""
    text = entry.strip()
    match = _SCHEME_RE.match(text)
    scheme = match.group(1).lower() if match and "://" in text else "https"
    rest = text.split("://", 1)[1] if "://" in text else text
    host = re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    return scheme, host


def _pattern(host: str) -> re.Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in host.split("*")) + "$")


class AllowList:
    """The entries of one egress list, matched as Forge's egress filter matches them."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.entries = [entry for entry in entries if entry.strip()]
        self.everything = any(entry.strip() == "*" for entry in self.entries)
        self._parsed = [(entry, *entry_host(entry)) for entry in self.entries if entry.strip() != "*"]

    def matching(self, scheme: str, host: str) -> list[str]:
        """The entries that allow ``scheme://host`` ("*" included)."""
        found = [entry for entry in self.entries if entry.strip() == "*"]
        for entry, entry_scheme, pattern in self._parsed:
            if entry_scheme != scheme:
                continue
            if ("*" in pattern and _pattern(pattern).match(host)) or pattern == host:
                found.append(entry)
        return found

    def allows(self, scheme: str, host: str) -> bool:
        return self.everything or bool(self.matching(scheme, host))


def suggested_entry(scheme: str, host: str) -> str:
    """The entry to add for a URL: the bare host for https (as Atlassian's examples write it),
    else with its scheme."""
    return host if scheme == "https" else f"{scheme}://{host}"
