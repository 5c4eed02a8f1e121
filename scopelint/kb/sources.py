"""The build list (``data/sources.toml``): which documents the table is built from.

Each entry is one Atlassian OpenAPI document: its key in the table, its current file, the
date of that copy, where Atlassian publishes it, and its older versions (``history``, oldest
first), which together with the current file form a *chain*: one document over time.  The
list also names scopelint's curated data files.  File names of documents are relative to
the specs folder (``../shared/specs``); curated files are relative to the list itself.

The list is validated against ``scopelint/schemas/sources.schema.json``; anything it rejects
is a one-line :class:`~scopelint.errors.DocumentError` naming the list.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scopelint.errors import DocumentError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "sources.schema.json"


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a document: a file (relative to the specs folder) and its date."""

    file: str
    date: str | None  # ISO date the copy was taken; None when unknown (no history then)
    title: str | None = None  # an accepted info.title other than the current version's
    allow_older: bool = False  # accepted although dated after the next version
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    key: str  # the document's name in the table, e.g. "confluence-v1"
    current: Version
    url: str | None  # where Atlassian publishes it
    history: tuple[Version, ...] = ()  # older versions, oldest first

    @property
    def chain(self) -> tuple[Version, ...]:
        """Every version, oldest first, the current one last."""
        return (*self.history, self.current)

    def version_key(self, version: Version) -> str:
        """The table key of a version: the document's key, or ``key@date`` for an older one."""
        return self.key if version is self.current else f"{self.key}@{version.date}"


@dataclass(frozen=True, slots=True)
class BuildList:
    path: Path
    documents: tuple[SourceDocument, ...]
    endpoints: Path | None = None  # curated endpoints and scopes
    retired: Path | None = None  # curated removals and replacements

    @property
    def current_files(self) -> set[str]:
        return {doc.current.file for doc in self.documents}

    @property
    def history_files(self) -> set[str]:
        """Files that are older versions of a document (not current documents themselves)."""
        return {version.file for doc in self.documents for version in doc.history}

    def document(self, key: str) -> SourceDocument | None:
        return next((doc for doc in self.documents if doc.key == key), None)


def load_build_list(path: Path, validate: bool = True) -> BuildList:
    """Read and check a build list; one-line DocumentError naming ``path`` when it is wrong.

    ``validate=False`` skips the JSON Schema (and its import) for the list shipped with
    scopelint, which the tests validate."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such build list") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: not valid TOML ({' '.join(str(exc).split())[:160]})") from None
    except (RecursionError, MemoryError):
        raise DocumentError(f"{path}: not valid TOML (nested too deeply)") from None
    if validate:
        _validate(data, path)
    documents = tuple(_document(entry) for entry in data["document"])
    _check_unique(documents, path)
    curated = data.get("curated", {})
    return BuildList(
        path=path,
        documents=documents,
        endpoints=path.parent / curated["endpoints"] if "endpoints" in curated else None,
        retired=path.parent / curated["retired"] if "retired" in curated else None,
    )


def default_build_list(validate: bool = True) -> BuildList:
    """The build list shipped with scopelint (next to the embedded table)."""
    from scopelint.kb.table import data_dir

    return load_build_list(data_dir() / "sources.toml", validate)


def _validate(data: Any, path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "top level"
        raise DocumentError(f"{path}: {where}: {' '.join(first.message.split())[:200]}")


def _version(entry: dict[str, Any]) -> Version:
    return Version(
        file=entry["file"],
        date=entry.get("date"),
        title=entry.get("title"),
        allow_older=bool(entry.get("allow_older", False)),
        note=entry.get("note"),
    )


def _document(entry: dict[str, Any]) -> SourceDocument:
    current = Version(file=entry["file"], date=entry.get("date"))
    return SourceDocument(
        key=entry["key"],
        current=current,
        url=entry.get("url"),
        history=tuple(_version(item) for item in entry.get("history", [])),
    )


def _check_unique(documents: tuple[SourceDocument, ...], path: Path) -> None:
    keys: set[str] = set()
    files: set[str] = set()
    for doc in documents:
        if doc.key in keys:
            raise DocumentError(f"{path}: the document key {doc.key!r} is listed twice")
        keys.add(doc.key)
        if doc.history and doc.current.date is None:
            raise DocumentError(f"{path}: {doc.key}: a document with a history needs its own date")
        for version in doc.chain:
            if version.file in files:
                raise DocumentError(f"{path}: {version.file} is listed twice")
            files.add(version.file)
        dates = [version.date for version in doc.history]
        if len(set(dates)) != len(dates):
            raise DocumentError(f"{path}: {doc.key}: two older versions share a date")
