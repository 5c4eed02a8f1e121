"""The compiled table: build it from documents, write it, load it, and query it.

Layout (``data/table.json``, schema in ``data/table.schema.json``): provenance per document,
one sorted list of every scope name, a catalog per product as indexes into that list, and
one compact row per operation::

    [document index, method, path, operationId, deprecated, connect scope,
     [[kind (0 classic, 1 granular), state, [scope indexes]], ...]]

Rows keep the table small and quick to load: it is read on every pre-commit run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

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
    """Operations, scope catalogs, removals and the router, from one compiled table."""

    def __init__(
        self,
        operations: Sequence[Operation],
        documents: Sequence[DocumentInfo],
        catalogs: dict[str, frozenset[str]],
        removals: Sequence[Removal] = (),
        built: str = "",
        origin: str = "embedded",
        path: Path | None = None,
    ) -> None:
        self.operations: tuple[Operation, ...] = tuple(operations)
        self.documents: list[DocumentInfo] = list(documents)
        self._catalogs = catalogs
        self._all_scopes: frozenset[str] = frozenset().union(*catalogs.values())
        self._removals = {(r.method, r.path): r for r in removals}
        self.built = built
        self.origin = origin
        self.path = path
        self._router: Router | None = None
        self._by_key: dict[tuple[str, str], Operation] | None = None

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
        return self._removals.get((method.upper(), template))

    @property
    def removals(self) -> list[Removal]:
        return list(self._removals.values())

    def scope_catalog(self, product: str | None = None) -> frozenset[str]:
        if product is None:
            return self._all_scopes
        return self._catalogs.get(product, frozenset())

    def is_platform_scope(self, scope: str) -> bool:
        return scope in NON_REST_SCOPES

    def is_known_scope(self, scope: str) -> bool:
        return scope in self._all_scopes or scope in NON_REST_SCOPES

    def similar_scopes(self, scope: str, limit: int = 3) -> list[str]:
        import difflib

        pool = sorted(self._all_scopes | FORGE_PLATFORM_SCOPES)
        return difflib.get_close_matches(scope, pool, n=limit, cutoff=0.6)

    def products_of_scope(self, scope: str) -> list[str]:
        return [p for p, names in self._catalogs.items() if scope in names]


# ---------------------------------------------------------------------- serialising


def table_to_json(
    operations: Iterable[Operation],
    documents: Sequence[DocumentInfo],
    catalogs: dict[str, set[str]],
    built: str | None = None,
    generator: str = "",
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
    rows = [
        [
            doc_index[op.document],
            op.method,
            op.path,
            op.operation_id,
            op.deprecated,
            op.connect_scope,
            [
                [_KINDS.index(alt.kind), alt.state, [index[s] for s in alt.scopes]]
                for alt in op.alternatives
            ],
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
        "scopes": scopes,
        "catalog": {
            product: sorted(index[s] for s in catalogs[product])
            for product in PRODUCTS
            if product in catalogs
        },
        "operations": rows,
    }


def table_from_json(
    data: Any, origin: str, path: Path | None, removals: Sequence[Removal] = ()
) -> KnowledgeBase:
    name = str(path) if path else "table"
    if not isinstance(data, dict) or data.get("format") != TABLE_FORMAT:
        raise DocumentError(f"{name}: not a scopelint table (format {TABLE_FORMAT} expected)")
    try:
        documents = [DocumentInfo(**doc) for doc in data["documents"]]
        scopes: list[str] = data["scopes"]
        alt_cache: dict[str, Alternative] = {}
        operations = []
        for doc_i, method, op_path, op_id, deprecated, connect, alts in data["operations"]:
            doc = documents[doc_i]
            alternatives = []
            for kind, state, indexes in alts:
                cache_key = f"{kind}{state}{indexes}"
                alt = alt_cache.get(cache_key)
                if alt is None:
                    alt = Alternative(_KINDS[kind], state, tuple(scopes[i] for i in indexes))
                    alt_cache[cache_key] = alt
                alternatives.append(alt)
            operations.append(
                Operation(
                    doc.product, method, op_path, op_id, deprecated, connect,
                    tuple(alternatives), doc.key,
                )
            )
        catalogs = {
            product: frozenset(scopes[i] for i in indexes)
            for product, indexes in data["catalog"].items()
        }
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise DocumentError(f"{name}: damaged scopelint table ({type(exc).__name__})") from None
    return KnowledgeBase(
        operations, documents, catalogs, removals, str(data.get("built", "")), origin, path
    )


def write_json_atomic(path: Path, data: Any, indent: int | None = None) -> None:
    """Write JSON so that readers see the old file or the whole new one, never half of it."""
    from scopelint.atomic import write_text_atomic

    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=(",", ":"))
    write_text_atomic(path, text + "\n")


def load_removals(path: Path | None = None) -> list[Removal]:
    path = path or data_dir() / "removals.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Removal(**entry) for entry in data["removals"]]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path}: damaged removals file ({type(exc).__name__})") from None


def load_table(path: Path, origin: str = "file") -> KnowledgeBase:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such table") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
    except ValueError:
        raise DocumentError(f"{path}: not a scopelint table (not JSON)") from None
    return table_from_json(data, origin, path, load_removals())


def cached_table_path() -> Path:
    """Where `scopelint kb update` keeps a newer table (the platform's user cache folder)."""
    from scopelint.user_cache import cache_dir

    return cache_dir() / "table.json"


@cache
def load_default() -> KnowledgeBase:
    """The table every command uses: the embedded one, or a newer one from `kb update`."""
    embedded = load_table(data_dir() / "table.json", origin="embedded")
    cached_path = cached_table_path()
    if cached_path.is_file():
        try:
            cached = load_table(cached_path, origin="cache")
        except DocumentError:
            return embedded
        if cached.built > embedded.built:
            return cached
    return embedded
