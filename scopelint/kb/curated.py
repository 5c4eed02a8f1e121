"""scopelint's curated data: endpoints without an OpenAPI document, and retired operations.

* ``data/endpoints.json``: operations such as ``GET https://api.atlassian.com/me`` and scopes
  such as ``offline_access`` that Atlassian documents in prose only; compiled into the table
  like a document's operations (product ``identity``), each with its note and source URL.
* ``data/retired.json``: operations Atlassian removed (with the date) or dropped from a
  document, with the operation to call instead; compiled into the table's ``removals``.

Both are validated against ``data/table.schema.json`` (``$defs/curatedEndpoints`` and
``$defs/retiredList``): an entry without a source, or anything else the schema rejects,
fails the build with one line naming the file and the entry.  A replacement must be a
current operation of the table, and an operationId given for either side must be the
table's: the curated data cannot drift from the documents unnoticed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopelint.errors import DocumentError
from scopelint.model import Alternative, Operation, Product, Removal


@dataclass(slots=True)
class CuratedEndpoints:
    sha256: str
    operations: list[Operation] = field(default_factory=list)
    catalogs: dict[Product, set[str]] = field(default_factory=dict)
    notes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (note, source)


@dataclass(slots=True)
class RetiredEntry:
    removal: Removal
    operation_id: str | None
    replacement_operation_id: str | None


def _schema() -> dict[str, Any]:
    from scopelint.kb.table import data_dir

    schema: dict[str, Any] = json.loads((data_dir() / "table.schema.json").read_text("utf-8"))
    return schema


def _read_checked(path: Path, definition: str) -> tuple[Any, str]:
    """The parsed file and its sha256, after validating it against ``$defs/<definition>``."""
    from jsonschema import Draft202012Validator

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such curated data file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise DocumentError(f"{path}: not valid JSON ({' '.join(str(exc).split())[:120]})") from None
    schema = _schema()
    validator = Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "top level"
        entry = _entry_label(data, list(first.absolute_path))
        raise DocumentError(f"{path}: {where}{entry}: {' '.join(first.message.split())[:160]}")
    return data, hashlib.sha256(raw).hexdigest()


def _entry_label(data: Any, where: list[Any]) -> str:
    """`` (GET /me)`` for an error inside an entry that has a method and path."""
    if len(where) >= 2 and isinstance(data, dict):
        items = data.get(where[0])
        if isinstance(items, list) and isinstance(where[1], int) and where[1] < len(items):
            entry = items[where[1]]
            if isinstance(entry, dict) and "method" in entry and "path" in entry:
                return f" ({entry['method']} {entry['path']})"
            if isinstance(entry, dict) and "name" in entry:
                return f" ({entry['name']})"
    return ""


def load_endpoints(path: Path) -> CuratedEndpoints:
    data, sha256 = _read_checked(path, "curatedEndpoints")
    result = CuratedEndpoints(sha256=sha256)
    for entry in data["operations"]:
        alternatives = tuple(
            Alternative(alt["kind"], alt.get("state"), tuple(sorted(alt["scopes"])))
            for alt in entry["alternatives"]
        )
        product: Product = entry["product"]
        key = (entry["method"], entry["path"])
        if key in result.notes:
            raise DocumentError(f"{path}: {entry['method']} {entry['path']} is listed twice")
        result.operations.append(
            Operation(
                product=product,
                method=entry["method"],
                path=entry["path"],
                operation_id=entry.get("operation_id"),
                deprecated=False,
                connect_scope=None,
                alternatives=alternatives,
                document=f"curated-{product}",
            )
        )
        result.notes[key] = (entry["note"], entry["source"])
        for alt in alternatives:
            result.catalogs.setdefault(product, set()).update(alt.scopes)
    for scope in data["scopes"]:
        result.catalogs.setdefault(scope["product"], set()).add(scope["name"])
    return result


def load_retired(path: Path) -> tuple[list[RetiredEntry], str]:
    data, sha256 = _read_checked(path, "retiredList")
    entries: list[RetiredEntry] = []
    seen: set[tuple[str, str]] = set()
    for entry in data["retired"]:
        key = (entry["method"], entry["path"])
        if key in seen:
            raise DocumentError(f"{path}: {entry['method']} {entry['path']} is listed twice")
        seen.add(key)
        entries.append(
            RetiredEntry(
                Removal(
                    method=entry["method"],
                    path=entry["path"],
                    removed_on=entry.get("removed_on", ""),
                    replacement=entry["replacement"] or "",
                    notice=entry["note"],
                    source=entry["source"],
                ),
                entry.get("operation_id"),
                entry.get("replacement_operation_id"),
            )
        )
    return entries, sha256
