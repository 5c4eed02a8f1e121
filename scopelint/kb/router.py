"""Resolve a concrete request (path or URL, possibly templated) to the operation it calls.

Accepted inputs: a path (``/rest/api/3/issue/PPT-28``), a path without its leading slash, a
site URL (``https://acme.atlassian.net/...``), a gateway URL
(``https://api.atlassian.com/ex/jira/<cloudId>/...``), a Bitbucket URL
(``https://api.bitbucket.org/2.0/...``), a path behind an unknown base (``{BASE}/rest/...``),
and placeholders as code writes them (``{key}``, ``${key}``, ``$KEY``, ``:key``, ``<key>``,
``%s``, ``{}``).  Query strings, fragments, trailing and doubled slashes, and
percent-encoding do not matter.  ``latest`` stands for a versioned prefix's version:
``/rest/api/latest/`` is ``/rest/api/2/`` (Atlassian's Jira platform REST API: latest is
version 2), any other ``/rest/<name>/latest/`` the newest version the table has
(``/rest/agile/latest/`` is ``/rest/agile/1.0/``).  A literal segment wins over a parameter.
Built once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

from scopelint.common.lazy_re import lazy_compile
from scopelint.kb.hosts import host_kind as kind_of_host
from scopelint.kb.hosts import split_gateway_path
from scopelint.kb.products import product_of_path
from scopelint.model import HostKind, Operation, Resolution

_PLACEHOLDER_SEGMENT = lazy_compile(
    r"\{[^{}/]*\}|\$\{[^}]*\}|\$\w+|:\w+|<[\w-]+>|%[sdri]|%\(\w+\)[sdri]|\*"
)
_TEMPLATE_PARAM = lazy_compile(r"\{[^{}/]+\}")
_ANCHORS = ("/rest/", "/wiki/", "/2.0/", "/ex/", "/jsm/")
_CATCH_ALL_PARAMS = frozenset({"{path}"})
_VERSION = lazy_compile(r"\d+(?:\.\d+)*")
_LATEST = lazy_compile(r"^/rest/([^/]+)/latest(?=/|$)")
# Atlassian documents /rest/api/latest as version 2 of the Jira platform REST API.
FIXED_LATEST: dict[str, str] = {"api": "2"}


class _Node:
    __slots__ = ("candidates", "catch_all", "literals", "operations", "param", "patterns")

    def __init__(self) -> None:
        self.literals: dict[str, _Node] = {}
        self.param: _Node | None = None
        self.patterns: list[tuple[re.Pattern[str], _Node]] = []
        self.catch_all: _Node | None = None  # a trailing {path} that may span segments
        self.operations: dict[str, Operation] = {}
        self.candidates: tuple[Operation, ...] | None = None  # operations.values(), once built


_PLACEHOLDER_STARTS = frozenset("{$:<%*")


def _is_placeholder(segment: str) -> bool:
    return segment[0] in _PLACEHOLDER_STARTS and _PLACEHOLDER_SEGMENT.fullmatch(segment) is not None


def _segment_pattern(segment: str) -> re.Pattern[str]:
    parts = _TEMPLATE_PARAM.split(segment)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


class Router:
    """A trie of path segments, built lazily: operations are inserted per three-segment prefix
    (``rest/api/3``, ``wiki/api/v2``, ``2.0/repositories``) the first time a lookup needs it,
    so a project that calls one API never pays for the other two thousand operations."""

    def __init__(self, operations: Iterable[Operation]) -> None:
        self._root = _Node()
        self._all = operations if isinstance(operations, tuple) else tuple(operations)
        self._unique: list[Operation] | None = None  # without a repeated (method, path), once asked
        self._pending: dict[tuple[str, ...], list[Operation]] = {}
        self._prefixes: set[tuple[str, str]] = set()  # (name, segment) of every /rest/<name>/<segment>
        self._version_sets: dict[str, set[str]] | None = None
        self._latest: dict[str, str] | None = None
        pending, prefixes = self._pending, self._prefixes
        # One split per operation (most paths start with three literal segments: their group
        # is inserted when a lookup needs it).  A repeated (method, path) is harmless here: the
        # trie keeps the first operation of a (method, path) (``setdefault``), as before.
        for operation in self._all:
            parts = operation.path.split("/", 4)
            if len(parts) > 3:
                first, second, third = parts[1], parts[2], parts[3]
                if first == "rest" and parts[0] == "":
                    prefixes.add((second, third))
                if parts[0] == "" and first and second and third and "{" not in first + second + third:
                    group = pending.get((first, second, third))
                    if group is None:
                        pending[(first, second, third)] = [operation]
                    else:
                        group.append(operation)
                    continue
            key = _group_key([s for s in operation.path.split("/") if s])
            if key is None:
                self._insert(operation)
            else:
                pending.setdefault(key, []).append(operation)

    @property
    def _operations(self) -> list[Operation]:
        """Every operation, the first of each (method, path) only."""
        if self._unique is None:
            seen: set[tuple[str, str]] = set()
            unique = []
            for operation in self._all:
                if (operation.method, operation.path) not in seen:
                    seen.add((operation.method, operation.path))
                    unique.append(operation)
            self._unique = unique
        return self._unique

    @property
    def _versions(self) -> dict[str, set[str]]:
        """/rest/<name>/<version>/: name -> versions (a segment that is a version number)."""
        if self._version_sets is None:
            found: dict[str, set[str]] = {}
            for name, segment in self._prefixes:
                if _VERSION.fullmatch(segment):
                    found.setdefault(name, set()).add(segment)
            self._version_sets = found
        return self._version_sets

    def _load_group(self, segments: list[str]) -> None:
        head = segments[:3]
        if any("%" in segment for segment in head):
            head = [unquote(segment) for segment in head]
        key = _group_key(head)
        if key is not None:
            group = self._pending.pop(key, None)
            if group is not None:
                for operation in group:
                    self._insert(operation)

    def _load_all(self) -> None:
        for group in self._pending.values():
            for operation in group:
                self._insert(operation)
        self._pending.clear()

    def _insert(self, operation: Operation) -> None:
        node = self._root
        segments = [s for s in operation.path.split("/") if s]
        for index, segment in enumerate(segments):
            if "{" not in segment:
                node = node.literals.setdefault(segment, _Node())
            elif _TEMPLATE_PARAM.fullmatch(segment):
                if index == len(segments) - 1 and segment in _CATCH_ALL_PARAMS:
                    if node.catch_all is None:
                        node.catch_all = _Node()
                    if node.param is None:
                        node.param = node.catch_all
                    node = node.catch_all
                else:
                    if node.param is None:
                        node.param = _Node()
                    node = node.param
            else:
                pattern = _segment_pattern(segment)
                for existing, child in node.patterns:
                    if existing.pattern == pattern.pattern:
                        node = child
                        break
                else:
                    child = _Node()
                    node.patterns.append((pattern, child))
                    node = child
        node.operations.setdefault(operation.method, operation)

    # ------------------------------------------------------------------ normalising

    @property
    def latest(self) -> dict[str, str]:
        """``/rest/<name>/latest`` -> the version it stands for, per versioned prefix name."""
        if self._latest is None:
            found = {name: max(found, key=_version_order) for name, found in self._versions.items()}
            self._latest = {**found, **FIXED_LATEST}
        return self._latest

    def latest_note(self, method: str | None, url: str) -> str | None:
        """Why ``url``, under a ``latest`` prefix, matches nothing: the operation exists only in
        another version (``/rest/api/latest`` is version 2; ``GET /rest/api/3/x`` is v3 only)."""
        path = _normalise(url)[0]
        match = _LATEST.match(path)
        if match is None:
            return None
        name = match.group(1)
        latest = self.latest.get(name)
        for version in sorted(self._versions.get(name, ()), key=_version_order, reverse=True):
            if version == latest:
                continue
            candidate = f"/rest/{name}/{version}" + path[match.end() :]
            found = self.resolve(method, candidate).operation
            if found is not None:
                return (
                    f"/rest/{name}/latest is version {latest}; {found.method} {found.path} exists "
                    f"only in version {version}: call /rest/{name}/{version}/... instead"
                )
        return None

    @staticmethod
    def normalise(url: str) -> tuple[str, HostKind, str | None, str | None]:
        """(full path, host kind, host, gateway product) of a request URL or path
        (``/rest/api/latest`` is ``/rest/api/2``; other ``latest`` prefixes need the table:
        :meth:`resolve`)."""
        path, host_kind, host, gateway_product = _normalise(url)
        return _apply_latest(path, FIXED_LATEST), host_kind, host, gateway_product

    # ------------------------------------------------------------------ matching

    def _match(self, segments: list[str]) -> _Node | None:
        if self._pending:
            self._load_group(segments)
        return _descend(self._root, segments, 0, len(segments))

    def resolve(self, method: str | None, url: str) -> Resolution:
        path, host_kind, host, gateway_product = _normalise(url)
        if "/latest" in path:
            path = _apply_latest(path, self.latest)
        segments = path.split("/")[1:]
        if self._pending:
            self._load_group(segments)
        node = _find(self._root, segments) if path != "/" else None
        if (node is None or not node.operations) and host_kind == "relative" \
                and path.startswith(_CONFLUENCE_UNDER_WIKI):
            # `{CONFLUENCE_URL}/rest/api/content/{id}`: the base is not known, and Confluence
            # Cloud serves these paths under /wiki (the base is the site's /wiki)
            if self._pending:
                self._load_group(["wiki", *segments])
            wiki = _find(self._root, ["wiki", *segments])
            if wiki is not None and wiki.operations:
                node, path = wiki, "/wiki" + path
                segments = path.split("/")[1:]
        operation: Operation | None = None
        candidates: tuple[Operation, ...] = ()
        wanted = method.upper() if method else None
        if node is not None:
            operations = node.operations
            cached = node.candidates
            if cached is None:
                cached = node.candidates = tuple(operations.values())
            candidates = cached
            if wanted is not None:
                operation = operations.get(wanted)
                if operation is None and wanted == "HEAD":
                    operation = operations.get("GET")
            elif "GET" in operations:
                operation = operations["GET"]
            elif len(operations) == 1:
                operation = candidates[0]
        product = operation.product if operation is not None else product_of_path(path)
        return Resolution(
            wanted, url, path, host_kind, host, gateway_product, product, operation, candidates
        )

    def is_prefix(self, path: str) -> bool:
        """True when ``path`` (normalised) is a proper prefix of some operation's path."""
        self._load_all()
        node: _Node | None = self._root
        for segment in (s for s in path.split("/") if s):
            if node is None:
                return False
            nxt = node.literals.get(segment)
            if nxt is None and _is_placeholder(segment):
                nxt = node.param
            node = nxt
        return node is not None and not node.operations

    # ------------------------------------------------------------------ suggestions

    def nearest(self, method: str | None, url: str, limit: int = 3) -> list[Operation]:
        """The known operations closest to ``url`` (same product first), for did-you-mean."""
        import difflib

        path = _apply_latest(_normalise(url)[0], self.latest)
        product = product_of_path(path)
        segments = [s for s in path.split("/") if s]
        wanted = method.upper() if method else None
        pool = [op for op in self._operations if product is None or op.product == product]

        def score(op: Operation) -> tuple[float, int]:
            template = [s for s in op.path.split("/") if s]
            total = 0.0
            for mine, theirs in zip(segments, template, strict=False):
                if mine == theirs or theirs.startswith("{"):
                    total += 1.0
                else:
                    total += difflib.SequenceMatcher(None, mine, theirs).ratio()
            similarity = total / max(len(segments), len(template), 1)
            return (similarity, 1 if op.method == wanted else 0)

        ranked = sorted(pool, key=score, reverse=True)
        return ranked[:limit]


def _find(root: _Node, segments: list[str]) -> _Node | None:
    """:func:`_descend` from the root, trying its first choice at every step without recursion.

    Most paths match along the first choice; only when that fails does the search backtrack.
    """
    node = root
    for segment in segments:
        following: _Node | None = None
        if segment[:1] not in _PLACEHOLDER_STARTS or _PLACEHOLDER_SEGMENT.fullmatch(segment) is None:
            following = node.literals.get(segment)
            if following is None:
                if "%" in segment:
                    following = node.literals.get(unquote(segment))
                if following is None and node.patterns:
                    for pattern, child in reversed(node.patterns):
                        if pattern.fullmatch(segment):
                            following = child
                            break
        if following is None:
            following = node.param
            if following is None:
                break  # a trailing {path} or another branch: the full search below decides
        node = following
    else:
        if node.operations:
            return node
    return _descend(root, segments, 0, len(segments))


def _descend(node: _Node, segments: list[str], index: int, count: int) -> _Node | None:
    """Depth first, best first: a literal, then a partly templated segment, then a parameter,
    then a trailing ``{path}`` that takes the rest."""
    if index == count:
        return node if node.operations else None
    segment = segments[index]
    if segment[:1] not in _PLACEHOLDER_STARTS or _PLACEHOLDER_SEGMENT.fullmatch(segment) is None:
        literal = node.literals.get(segment)
        if literal is None and "%" in segment:
            literal = node.literals.get(unquote(segment))
        if literal is not None:
            found = _descend(literal, segments, index + 1, count)
            if found is not None:
                return found
        for pattern, child in reversed(node.patterns):
            if pattern.fullmatch(segment):
                found = _descend(child, segments, index + 1, count)
                if found is not None:
                    return found
    if node.param is not None:
        found = _descend(node.param, segments, index + 1, count)
        if found is not None:
            return found
    catch_all = node.catch_all
    if catch_all is not None and catch_all.operations:
        return catch_all
    return None


def _group_key(segments: list[str]) -> tuple[str, ...] | None:
    """The first three segments when they are all literal (a lazily built part of the trie)."""
    if len(segments) < 3 or any("{" in s for s in segments[:3]):
        return None
    return (segments[0], segments[1], segments[2])


def _looks_like_host(authority: str) -> bool:
    """``//acme.atlassian.net/...`` is scheme-relative; ``//rest/api/...`` a doubled slash."""
    host = authority.rpartition("@")[2].partition(":")[0]
    return "." in host or ":" in authority or host.lower() == "localhost"


def _apply_latest(path: str, latest: dict[str, str]) -> str:
    """``/rest/agile/latest/board`` -> ``/rest/agile/1.0/board`` (a name ``latest`` knows)."""
    match = _LATEST.match(path)
    if match is None or match.group(1) not in latest:
        return path
    return f"/rest/{match.group(1)}/{latest[match.group(1)]}" + path[match.end() :]


def _version_order(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _from_anchor(path: str) -> str:
    """Cut whatever stands before the first REST anchor (an unknown base, a placeholder)."""
    best = -1
    for anchor in _ANCHORS:
        index = path.find(anchor)
        if index != -1 and (best == -1 or index < best):
            best = index
    return path[best:] if best > 0 else path


_CONFLUENCE_UNDER_WIKI = ("/rest/api/", "/api/v2/")


def _normalise(url: str) -> tuple[str, HostKind, str | None, str | None]:
    """(full path, host kind, host, gateway product) of a request URL or path; a ``latest``
    prefix is left as written (:func:`_apply_latest` maps it)."""
    text = url.strip()
    if "?" in text or "#" in text:
        for mark in ("#", "?"):
            cut = text.find(mark)
            if cut != -1:
                text = text[:cut]
    host: str | None = None
    host_kind: HostKind = "relative"
    scheme_end = text.find("://")
    if scheme_end != -1 or (text.startswith("//") and _looks_like_host(text[2:].partition("/")[0])):
        rest = text[scheme_end + 3 :] if scheme_end != -1 else text[2:]
        authority, slash, path = rest.partition("/")
        path = slash + path
        host = authority.rpartition("@")[2].partition(":")[0].lower() or None
        host_kind = kind_of_host(host) if host is not None else "other"
        if host_kind == "other":
            path = _from_anchor(path)
    elif text.startswith("/"):
        path = text if text.startswith(_ANCHORS) else _from_anchor(text)
    else:
        path = _from_anchor("/" + text)

    gateway_product: str | None = None
    gateway = split_gateway_path(path)
    if gateway is not None:
        gateway_product = gateway[0] or None
        path = gateway[2]
        if host is None:
            host_kind = "gateway"
    if "//" in path or path.endswith("/"):
        path = "/" + "/".join(s for s in path.split("/") if s)
    if gateway_product == "confluence" and path.startswith(("/rest/", "/api/v2/")):
        path = "/wiki" + path
    return path, host_kind, host, gateway_product
