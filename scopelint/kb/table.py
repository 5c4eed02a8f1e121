"""The compiled table: build it from documents, write it, load it, and query it.

Layout (``data/table.json``, schema in ``data/table.schema.json``): provenance per document
(current documents, older versions, curated data), one sorted list of every scope name, a
catalog per product as indexes into that list, every distinct scope alternative once::

    [kind (0 classic, 1 granular), state, [scope indexes]]

one compact row per operation::

    [document index, method, path, operationId, deprecated, connect scope, [alternative indexes]]

and scopelint's curated removals and notes.  An operation whose document is an older version
(status "history") is one the current version dropped.  Rows and shared alternatives keep the
table small and quick to load: it is read on every pre-commit run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from scopelint.common.records import dataclass, replace
from scopelint.errors import DocumentError
from scopelint.kb.platform_scopes import FORGE_PLATFORM_SCOPES, NON_REST_SCOPES
from scopelint.kb.router import Router
from scopelint.model import (
    PRODUCTS,
    Alternative,
    Operation,
    Product,
    Removal,
    Resolution,
)

TABLE_FORMAT = 2
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "_data"
REPO_DATA = Path(__file__).resolve().parent.parent.parent / "data"
_KINDS: tuple[Any, Any] = ("classic", "granular")
# current: a document as Atlassian publishes it now; history: an older version of one (its
# operations in the table are the ones the current version dropped); curated: scopelint's own
# data file for endpoints no OpenAPI document describes.
DocumentStatus = Literal["current", "history", "curated"]


def data_dir() -> Path:
    """Where the embedded table lives: inside an installed wheel, or the repository's data/."""
    return PACKAGE_DATA if (PACKAGE_DATA / "table.json").is_file() else REPO_DATA


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    key: str
    title: str
    product: Product
    version: str
    sha256: str
    source: str  # file name or URL it was built from
    base_path: str
    operations: int
    validation_errors: int
    date: str | None = None  # ISO date this copy was taken, when known
    status: DocumentStatus = "current"
    of: str | None = None  # for an older version: the key of the document it is a version of
    note: str | None = None  # e.g. "modified copy: used for its scopes only"


class KnowledgeBase:
    """Operations, scope catalogs, removals and the router, from one compiled table.

    ``operations`` holds every operation any known version of a document had: the current
    ones, and those a newer version dropped (their document is an older version, status
    "history"); :meth:`removal` says which are retired and how.
    """

    def __init__(
        self,
        operations: Sequence[Operation],
        documents: Sequence[DocumentInfo],
        catalogs: dict[str, frozenset[str]],
        removals: Sequence[Removal] = (),
        built: str = "",
        origin: str = "embedded",
        path: Path | None = None,
        notes: dict[tuple[str, str], tuple[str, str]] | None = None,
        curated_files: Sequence[dict[str, str]] = (),
    ) -> None:
        self.operations: tuple[Operation, ...] = tuple(operations)
        self.documents: list[DocumentInfo] = list(documents)
        self._catalogs = catalogs
        self._all_scopes: frozenset[str] = frozenset().union(*catalogs.values())
        self.curated_removals: tuple[Removal, ...] = tuple(removals)  # from data/retired.json
        self._removals: dict[tuple[str, str], Removal] | None = None
        self.notes: dict[tuple[str, str], tuple[str, str]] = notes or {}
        self.curated_files: list[dict[str, str]] = list(curated_files)  # provenance
        self.built = built
        self.origin = origin
        self.path = path
        self._router: Router | None = None
        self._by_key: dict[tuple[str, str], Operation] | None = None
        self._current: tuple[Operation, ...] | None = None
        self._platform: frozenset[str] | None = None

    # ------------------------------------------------------------------ identity

    @property
    def version(self) -> str:
        return self.built[:10] if self.built else "unknown"

    def describe(self) -> str:
        return f"{self.version} ({self.origin})"

    # ------------------------------------------------------------------ lookups

    @property
    def router(self) -> Router:
        if self._router is None:
            self._router = Router(self.operations)
        return self._router

    def resolve(self, method: str | None, url: str) -> Resolution:
        router = self._router
        if router is None:
            router = self.router
        return router.resolve(method, url)

    def nearest(self, method: str | None, url: str, limit: int = 3) -> list[Operation]:
        return self.router.nearest(method, url, limit)

    def operation(self, method: str, template: str) -> Operation | None:
        if self._by_key is None:
            self._by_key = {(op.method, op.path): op for op in self.operations}
        return self._by_key.get((method.upper(), template))

    def removal(self, method: str, template: str) -> Removal | None:
        """How Atlassian retired ``method template``: removed, dropped from its document, or
        both; None while it is a current operation nobody announced the removal of."""
        removals = self._removals
        if removals is None:
            removals = self._removals = self._all_removals()
        return removals.get((method.upper(), template))

    @property
    def removals(self) -> list[Removal]:
        if self._removals is None:
            self._removals = self._all_removals()
        return list(self._removals.values())

    def _all_removals(self) -> dict[tuple[str, str], Removal]:
        found = {(r.method, r.path): r for r in self.curated_removals}
        history = {d.key: d for d in self.documents if d.status == "history"}
        if history:
            for op in self.operations:
                doc = history.get(op.document)
                if doc is None:
                    continue
                curated = found.get((op.method, op.path)) or Removal(op.method, op.path, "", "", "")
                found[(op.method, op.path)] = replace(
                    curated,
                    dropped_from=doc.of or "",
                    last_seen=doc.date or "",
                    last_version=doc.version,
                )
        return found

    def replacement(self, removal: Removal) -> Operation | None:
        """The operation a retired one's ``replacement`` names, when the table has it."""
        method, _, path = removal.replacement.partition(" ")
        return self.operation(method, path.strip()) if path else None

    @property
    def current_operations(self) -> tuple[Operation, ...]:
        """The operations Atlassian's documents list now (without the dropped ones)."""
        if self._current is None:
            history = {d.key for d in self.documents if d.status == "history"}
            self._current = tuple(op for op in self.operations if op.document not in history)
        return self._current

    @property
    def current_documents(self) -> list[DocumentInfo]:
        return [d for d in self.documents if d.status != "history"]

    def document(self, key: str) -> DocumentInfo | None:
        return next((d for d in self.documents if d.key == key), None)

    def note(self, method: str, template: str) -> tuple[str, str] | None:
        """(note, source URL) of a curated operation, e.g. ``GET /me``."""
        return self.notes.get((method.upper(), template))

    def scope_catalog(self, product: str | None = None) -> frozenset[str]:
        if product is None:
            return self._all_scopes
        return self._catalogs.get(product, frozenset())

    def is_platform_scope(self, scope: str) -> bool:
        """A valid scope that no REST operation of the table needs: a Forge platform scope,
        ``offline_access``, or a curated one whose operations no document lists
        (``read:account``).  Whether it is used cannot be known from calls."""
        if scope in NON_REST_SCOPES:
            return True
        if self._platform is None:
            curated = {d.product for d in self.documents if d.status == "curated"}
            names: set[str] = set()
            for product in curated:
                names |= self._catalogs.get(product, frozenset())
            for op in self.operations:
                if op.product in curated:
                    for alt in op.alternatives:
                        names.difference_update(alt.scopes)
            self._platform = frozenset(names)
        return scope in self._platform

    def is_known_scope(self, scope: str) -> bool:
        return scope in self._all_scopes or scope in NON_REST_SCOPES

    def similar_scopes(self, scope: str, limit: int = 3) -> list[str]:
        """The known scopes ``scope`` most likely misspells (``scope_names.did_you_mean``)."""
        from scopelint.kb.scope_names import did_you_mean

        return did_you_mean(scope, self._all_scopes | FORGE_PLATFORM_SCOPES, limit)

    def products_of_scope(self, scope: str) -> list[str]:
        return [p for p, names in self._catalogs.items() if scope in names]


# ---------------------------------------------------------------------- serialising


def table_to_json(
    operations: Iterable[Operation],
    documents: Sequence[DocumentInfo],
    catalogs: dict[str, set[str]],
    built: str | None = None,
    generator: str = "",
    removals: Sequence[Removal] = (),
    notes: dict[tuple[str, str], tuple[str, str]] | None = None,
    curated: Sequence[dict[str, str]] = (),
) -> dict[str, Any]:
    operations = list(operations)
    names: set[str] = set()
    for catalog in catalogs.values():
        names.update(catalog)
    for op in operations:
        for alt in op.alternatives:
            names.update(alt.scopes)
    scopes = sorted(names)
    index = {name: i for i, name in enumerate(scopes)}
    doc_index = {doc.key: i for i, doc in enumerate(documents)}
    alternatives: dict[Alternative, int] = {}
    for op in operations:
        for alt in op.alternatives:
            alternatives.setdefault(alt, len(alternatives))
    rows = [
        [
            doc_index[op.document],
            op.method,
            op.path,
            op.operation_id,
            op.deprecated,
            op.connect_scope,
            [alternatives[alt] for alt in op.alternatives],
        ]
        for op in operations
    ]
    return {
        "format": TABLE_FORMAT,
        "generator": generator,
        "built": built or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "documents": [
            {
                "key": d.key,
                "title": d.title,
                "product": d.product,
                "version": d.version,
                "sha256": d.sha256,
                "source": d.source,
                "base_path": d.base_path,
                "operations": d.operations,
                "validation_errors": d.validation_errors,
                "date": d.date,
                "status": d.status,
                "of": d.of,
                "note": d.note,
            }
            for d in documents
        ],
        "curated": list(curated),
        "scopes": scopes,
        "catalog": {
            product: sorted(index[s] for s in catalogs[product])
            for product in PRODUCTS
            if product in catalogs
        },
        "alternatives": [
            [_KINDS.index(alt.kind), alt.state, [index[s] for s in alt.scopes]] for alt in alternatives
        ],
        "operations": rows,
        "removals": [
            [r.method, r.path, r.removed_on, r.replacement, r.notice, r.source] for r in removals
        ],
        "notes": [
            [method, path, note, source] for (method, path), (note, source) in (notes or {}).items()
        ],
    }


def table_from_json(data: Any, origin: str, path: Path | None) -> KnowledgeBase:
    name = str(path) if path else "table"
    if not isinstance(data, dict) or data.get("format") != TABLE_FORMAT:
        raise DocumentError(f"{name}: not a scopelint table (format {TABLE_FORMAT} expected)")
    try:
        documents = [DocumentInfo(**doc) for doc in data["documents"]]
        scopes: list[str] = data["scopes"]
        alternatives = [
            Alternative(_KINDS[kind], state, tuple([scopes[i] for i in indexes]))
            for kind, state, indexes in data["alternatives"]
        ]
        owners = [(doc.product, doc.key) for doc in documents]
        operations: list[Operation] = []
        append = operations.append
        for doc_i, method, op_path, op_id, deprecated, connect, alts in data["operations"]:
            product, key = owners[doc_i]
            append(
                Operation(
                    product, method, op_path, op_id, deprecated, connect,
                    tuple([alternatives[i] for i in alts]), key,
                )
            )
        catalogs = {
            product: frozenset(scopes[i] for i in indexes)
            for product, indexes in data["catalog"].items()
        }
        removals = [
            Removal(m, p, on, by, notice, source=source)
            for m, p, on, by, notice, source in data["removals"]
        ]
        notes = {(m, p): (note, source) for m, p, note, source in data["notes"]}
        curated = [{"source": str(c["source"]), "sha256": str(c["sha256"])} for c in data["curated"]]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise DocumentError(f"{name}: damaged scopelint table ({type(exc).__name__})") from None
    return KnowledgeBase(
        operations, documents, catalogs, removals, str(data.get("built", "")), origin, path, notes,
        curated,
    )


def write_json_atomic(path: Path, data: Any, indent: int | None = None) -> None:
    """Write JSON so that readers see the old file or the whole new one, never half of it."""
    from scopelint.common.atomic import write_atomic

    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, text + "\n", make_parents=True, follow_symlinks=True)


def load_table(path: Path, origin: str = "file") -> KnowledgeBase:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such table") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError, MemoryError):
        raise DocumentError(f"{path}: not a scopelint table (not JSON)") from None
    return table_from_json(data, origin, path)


def cached_table_path() -> Path:
    """Where `scopelint kb update` keeps a newer table (the platform's user cache folder)."""
    from scopelint.common.user_cache import cache_dir

    return cache_dir() / "table.json"


# Warnings loading the default table gave (a damaged cached table), for the command to print.
_NOTICES: list[str] = []


def take_notices() -> list[str]:
    """The warnings :func:`load_default` gave since the last call (one line each, naming
    the file), handed over once."""
    notices = list(_NOTICES)
    _NOTICES.clear()
    return notices


@cache
def load_default() -> KnowledgeBase:
    """The table every command uses: the embedded one, or a newer one from `kb update`.

    A cached table that cannot be read (not JSON, damaged) is a miss: it is moved aside to
    ``table.json.damaged`` (so it is reported once, not on every run), the embedded table is
    used, and one warning (:func:`take_notices`) says to run `scopelint kb update` again.
    """
    embedded = load_table(data_dir() / "table.json", origin="embedded")
    cached_path = cached_table_path()
    if cached_path.is_file():
        try:
            cached = load_table(cached_path, origin="cache")
        except DocumentError as exc:
            _NOTICES.append(f"{exc}; {_set_aside(cached_path)}the embedded table "
                            f"({embedded.built}) is used; `scopelint kb update` builds it again")
            return embedded
        if cached.built > embedded.built:
            return cached
    return embedded


def _set_aside(path: Path) -> str:
    """Move a damaged cached table to ``<name>.damaged``; what was done, for the warning."""
    aside = path.with_name(path.name + ".damaged")
    try:
        path.replace(aside)  # a rename of our own cache file, not a write put in place
    except OSError:
        return ""
    return f"moved to {aside.name}; "
