"""Build a compiled table from Atlassian's OpenAPI documents (files or URLs).

Two ways in: a list of documents (``kb build A.json B.json``), each a current document; or a
build list (``kb build --sources data/sources.toml``, see :mod:`scopelint.kb.sources`), whose
documents also bring their older versions (:mod:`scopelint.kb.history`: the operations they
dropped stay in the table, marked by the older version they were last seen in) and whose
curated data (:mod:`scopelint.kb.curated`) adds endpoints without a document and the
removals and replacements Atlassian announced.

Table order: the current documents (the first that has an operation owns it), the curated
endpoints, then the older versions with the operations their successors dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopelint import __version__
from scopelint.errors import DocumentError
from scopelint.kb.openapi_loader import LoadedDocument, load_operations, parse_document
from scopelint.kb.sources import BuildList, SourceDocument
from scopelint.kb.table import DocumentInfo, table_to_json
from scopelint.kb.validation import validate_document
from scopelint.model import Operation, Removal


@dataclass(slots=True)
class BuildResult:
    table: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    operations: int = 0


def document_key(source: str) -> str:
    """``../specs/jira-platform.json`` -> ``jira-platform``; a URL's last path segment."""
    name = source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    for suffix in (".json", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name or "document"


def read_source(source: str, fetch: Callable[[str], bytes] | None = None) -> bytes:
    if source.startswith(("http://", "https://")):
        if fetch is None:
            raise DocumentError(f"{source}: reading documents from URLs needs --allow-network")
        return fetch(source)
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{source}: is a directory, not an OpenAPI document") from None
    except OSError as exc:
        raise DocumentError(f"{source}: cannot read ({exc.strerror or exc})") from None


@dataclass(frozen=True, slots=True)
class BuildInput:
    """One document to compile: where to read it, its key, and what the table records."""

    source: str  # a file path or URL to read
    key: str  # its key in the table
    name: str  # recorded as its source: a file name (relative to the specs folder) or the URL
    date: str | None = None  # when this copy was taken, when known


@dataclass(frozen=True, slots=True)
class _Compiled:
    item: BuildInput
    sha256: str
    loaded: LoadedDocument
    validation_errors: int


@dataclass(slots=True)
class _Options:
    strict: bool
    validate: bool
    fetch: Callable[[str], bytes] | None
    show_errors: int
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    """The table being built: documents, operations (first one wins), catalogs."""

    documents: list[DocumentInfo] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)
    catalogs: dict[str, set[str]] = field(default_factory=dict)

    def add(self, operations: list[Operation]) -> int:
        added = 0
        for op in operations:
            if (op.method, op.path) in self.seen:
                continue
            self.seen.add((op.method, op.path))
            self.operations.append(op)
            self.catalogs.setdefault(op.product, set()).update(
                scope for alt in op.alternatives for scope in alt.scopes
            )
            added += 1
        return added

    def add_compiled(self, compiled: _Compiled) -> None:
        loaded = compiled.loaded
        self.catalogs.setdefault(loaded.product, set()).update(loaded.catalog)
        added = self.add(loaded.operations)
        self.documents.append(_info(compiled, added))


def _info(compiled: _Compiled, operations: int, **extra: Any) -> DocumentInfo:
    loaded = compiled.loaded
    return DocumentInfo(
        key=compiled.item.key,
        title=loaded.title,
        product=loaded.product,
        version=loaded.version,
        sha256=compiled.sha256,
        source=compiled.item.name,
        base_path=loaded.base_path,
        operations=operations,
        validation_errors=compiled.validation_errors,
        date=compiled.item.date,
        **extra,
    )


def _compile(item: BuildInput, options: _Options) -> _Compiled:
    source = item.source
    raw = read_source(source, options.fetch)
    document = parse_document(raw, source)
    errors = 0
    if options.validate:
        report = validate_document(document, show=options.show_errors)
        errors = report.errors
        if errors:
            count = f"{errors}{'+' if report.capped else ''}"
            noun = "error" if errors == 1 and not report.capped else "errors"
            if options.strict:
                first = report.first[0] if report.first else "invalid"
                raise DocumentError(f"{source}: fails OpenAPI validation ({count} {noun}): {first}")
            options.warnings.append(f"{source}: {count} OpenAPI validation {noun} (continuing)")
            options.warnings.extend(f"{source}:   {line}" for line in report.first)
    loaded = load_operations(document, item.key)
    return _Compiled(item, hashlib.sha256(raw).hexdigest(), loaded, errors)


def _input(source: str) -> BuildInput:
    name = source.rsplit("/", 1)[-1] if "://" not in source else source
    return BuildInput(source, document_key(source), name)


def build_table(
    sources: Sequence[str],
    strict: bool = False,
    validate: bool = True,
    fetch: Callable[[str], bytes] | None = None,
    show_errors: int = 3,
) -> BuildResult:
    """Read, validate and compile every source; raises DocumentError on the first bad one."""
    return build_inputs([_input(source) for source in sources], strict, validate, fetch, show_errors)


def build_inputs(
    inputs: Sequence[BuildInput],
    strict: bool = False,
    validate: bool = True,
    fetch: Callable[[str], bytes] | None = None,
    show_errors: int = 3,
) -> BuildResult:
    """Read, validate and compile every input as a current document."""
    options = _Options(strict, validate, fetch, show_errors)
    table = _Table()
    keys: set[str] = set()
    for item in inputs:
        compiled = _compile(item, options)
        if item.key in keys:
            raise DocumentError(f"{item.source}: a document named {item.key!r} was given twice")
        keys.add(item.key)
        table.add_compiled(compiled)
    data = table_to_json(
        table.operations, table.documents, table.catalogs, generator=f"scopelint {__version__}"
    )
    return BuildResult(table=data, warnings=options.warnings, operations=len(table.operations))


def build_from_list(
    build_list: BuildList,
    specs_dir: Path,
    strict: bool = False,
    validate: bool = True,
    show_errors: int = 3,
) -> BuildResult:
    """Compile a build list: its documents (files relative to ``specs_dir``) with their
    older versions, and its curated data.  Nothing is written; any problem is one line."""
    from scopelint.kb.curated import load_endpoints, load_retired

    options = _Options(strict, validate, None, show_errors)
    table = _Table()
    current: dict[str, _Compiled] = {}
    for doc in build_list.documents:
        item = BuildInput(str(specs_dir / doc.current.file), doc.key, doc.current.file, doc.current.date)
        current[doc.key] = compiled = _compile(item, options)
        table.add_compiled(compiled)
    curated_files: list[dict[str, str]] = []
    notes: dict[tuple[str, str], tuple[str, str]] = {}
    if build_list.endpoints is not None:
        endpoints = load_endpoints(build_list.endpoints)
        curated_files.append({"source": build_list.endpoints.name, "sha256": endpoints.sha256})
        notes = endpoints.notes
        for product, names in endpoints.catalogs.items():
            table.catalogs.setdefault(product, set()).update(names)
        for product in dict.fromkeys(op.product for op in endpoints.operations):
            ops = [op for op in endpoints.operations if op.product == product]
            table.documents.append(
                DocumentInfo(
                    key=f"curated-{product}",
                    title="scopelint curated endpoints",
                    product=product,
                    version="1",
                    sha256=endpoints.sha256,
                    source=build_list.endpoints.name,
                    base_path="",
                    operations=table.add(ops),
                    validation_errors=0,
                    status="curated",
                    note="curated by hand; each operation names its source",
                )
            )
    for doc in build_list.documents:
        if doc.history:
            _add_history(table, doc, current[doc.key], specs_dir, options, str(build_list.path))
    removals: list[Removal] = []
    if build_list.retired is not None:
        entries, sha256 = load_retired(build_list.retired)
        curated_files.append({"source": build_list.retired.name, "sha256": sha256})
        removals = _checked_removals(entries, table.operations, build_list.retired)
    data = table_to_json(
        table.operations,
        table.documents,
        table.catalogs,
        generator=f"scopelint {__version__}",
        removals=removals,
        notes=notes,
        curated=curated_files,
    )
    return BuildResult(table=data, warnings=options.warnings, operations=len(table.operations))


def _add_history(
    table: _Table,
    doc: SourceDocument,
    current: _Compiled,
    specs_dir: Path,
    options: _Options,
    where: str,
) -> None:
    """The older versions of ``doc``, each with the operations it was the last to have."""
    from dataclasses import replace

    from scopelint.kb.diff import template_key
    from scopelint.kb.history import check_chain, dropped_operations
    from scopelint.kb.products import product_of_path

    older = [
        _compile(
            BuildInput(str(specs_dir / version.file), doc.version_key(version), version.file, version.date),
            options,
        )
        for version in doc.history
    ]
    versions = [*(c.loaded for c in older), current.loaded]
    check_chain(doc, versions, where)
    known = {template_key(op.method, op.path) for op in table.operations}
    product = current.loaded.product
    by_version: dict[int, list[Operation]] = {}
    outside: list[str] = []
    for dropped in dropped_operations(versions):
        op = dropped.operation
        if template_key(op.method, op.path) in known:
            continue  # another document has it now (or it moved there)
        if product_of_path(op.path) != product:
            outside.append(op.key)
            continue
        by_version.setdefault(dropped.version, []).append(replace(op, product=product))
    if outside:
        options.warnings.append(
            f"{where}: {doc.key}: {len(outside)} dropped operation(s) outside {product}'s REST "
            f"paths left out, e.g. {outside[0]}"
        )
    for index, compiled in enumerate(older):
        version = doc.history[index]
        added = table.add(by_version.get(index, []))
        table.documents.append(
            _info(compiled, added, status="history", of=doc.key, note=version.note)
        )


def _checked_removals(entries: Sequence[Any], operations: Sequence[Operation], path: Path) -> list[Removal]:
    """Curated removals with their paths and replacements checked against the table's
    operations (and written as the table's templates)."""
    from dataclasses import replace

    from scopelint.kb.diff import by_template, template_key

    every = by_template(operations)
    removals: list[Removal] = []
    for entry in entries:
        removal = entry.removal
        label = f"{path}: {removal.method} {removal.path}"
        op = every.get(template_key(removal.method, removal.path))
        if op is not None:
            if entry.operation_id is not None and op.operation_id != entry.operation_id:
                raise DocumentError(
                    f"{label}: the table's operationId is {op.operation_id!r}, not {entry.operation_id!r}"
                )
            removal = replace(removal, path=op.path)
        elif entry.operation_id is not None:
            raise DocumentError(f"{label}: no such operation in the table (operationId {entry.operation_id})")
        if removal.replacement:
            method, _, target = removal.replacement.partition(" ")
            new = every.get(template_key(method, target))
            if new is None:
                raise DocumentError(
                    f"{label}: its replacement {removal.replacement} is no operation of the table"
                )
            wanted = entry.replacement_operation_id
            if wanted is not None and new.operation_id != wanted:
                raise DocumentError(
                    f"{label}: the replacement's operationId is {new.operation_id!r}, "
                    f"not {wanted!r}"
                )
            removal = replace(removal, replacement=new.key)
        removals.append(removal)
    return removals
