"""Build a compiled table from Atlassian's OpenAPI documents (files or URLs)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopelint import __version__
from scopelint.errors import DocumentError
from scopelint.kb.openapi_loader import load_operations, parse_document
from scopelint.kb.table import DocumentInfo, table_to_json
from scopelint.kb.validation import validate_document
from scopelint.model import Operation


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


def build_table(
    sources: Sequence[str],
    strict: bool = False,
    validate: bool = True,
    fetch: Callable[[str], bytes] | None = None,
    show_errors: int = 3,
) -> BuildResult:
    """Read, validate and compile every source; raises DocumentError on the first bad one."""
    documents: list[DocumentInfo] = []
    operations: list[Operation] = []
    seen: set[tuple[str, str]] = set()
    catalogs: dict[str, set[str]] = {}
    warnings: list[str] = []
    keys: set[str] = set()
    for source in sources:
        raw = read_source(source, fetch)
        document = parse_document(raw, source)
        key = document_key(source)
        if key in keys:
            raise DocumentError(f"{source}: a document named {key!r} was given twice")
        keys.add(key)
        errors = 0
        if validate:
            report = validate_document(document, show=show_errors)
            errors = report.errors
            if errors:
                count = f"{errors}{'+' if report.capped else ''}"
                noun = "error" if errors == 1 and not report.capped else "errors"
                if strict:
                    first = report.first[0] if report.first else "invalid"
                    raise DocumentError(f"{source}: fails OpenAPI validation ({count} {noun}): {first}")
                warnings.append(f"{source}: {count} OpenAPI validation {noun} (continuing)")
                warnings.extend(f"{source}:   {line}" for line in report.first)
        loaded = load_operations(document, key)
        added = 0
        for op in loaded.operations:
            if (op.method, op.path) in seen:
                continue
            seen.add((op.method, op.path))
            operations.append(op)
            added += 1
        catalogs.setdefault(loaded.product, set()).update(loaded.catalog)
        documents.append(
            DocumentInfo(
                key=key,
                title=loaded.title,
                product=loaded.product,
                version=loaded.version,
                sha256=hashlib.sha256(raw).hexdigest(),
                source=source.rsplit("/", 1)[-1] if "://" not in source else source,
                base_path=loaded.base_path,
                operations=added,
                validation_errors=errors,
            )
        )
    table = table_to_json(operations, documents, catalogs, generator=f"scopelint {__version__}")
    return BuildResult(table=table, warnings=warnings, operations=len(operations))
