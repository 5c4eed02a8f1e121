"""Connect ``atlassian-connect.json``: the Connect scopes an app declares.

Descriptors may spell scopes in lower case; they are reported upper-cased.  What the scopes
grant (their hierarchy) is knowledge-base data: :mod:`scopelint.kb.connect`.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from scopelint.model import FileScan, Location, ScopeDeclaration
from scopelint.scanning.declarations import unreadable
from scopelint.scanning.declarations.forge_manifest import directory_of
from scopelint.scanning.declarations.unreadable import CONNECT_DESCRIPTOR
from scopelint.scanning.source import SourceFile

SOURCE: Final = "connect-descriptor"


# --------------------------------------------------------------------------- extraction

_CONNECT_KEYS = ("key", "baseUrl", "modules", "scopes", "authentication", "lifecycle")
_SCOPES_KEY = re.compile(r'"scopes"\s*:\s*')
_GAP = re.compile(r"[\s,]*")


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        document = json.loads(source.text)
    except json.JSONDecodeError as exc:
        unreadable.record(scan, source, CONNECT_DESCRIPTOR,
                          f"invalid JSON (line {exc.lineno}: {exc.msg})", exc.lineno, exc.colno)
        return scan
    except RecursionError:
        unreadable.record(scan, source, CONNECT_DESCRIPTOR, "JSON nested too deeply")
        return scan
    if not isinstance(document, dict) or not any(key in document for key in _CONNECT_KEYS):
        return scan
    root = directory_of(source.display)
    scopes = document.get("scopes")
    if scopes is None:  # no scopes: the app may only call what needs NONE
        return _with(scan, ScopeDeclaration(SOURCE, _document_start(source), root, ()))
    if not isinstance(scopes, list) or not all(isinstance(item, str) for item in scopes):
        line, column = unreadable.key_position(source, "scopes")
        unreadable.record(scan, source, CONNECT_DESCRIPTOR, "scopes is not a list of strings",
                          line, column)
        return scan
    location, item_lines = _locate_scopes(source, scopes)
    scope_lines: dict[str, int] = {}
    for item, line in zip(scopes, item_lines, strict=True):
        name = item.strip().upper()
        if name and name not in scope_lines:
            scope_lines[name] = line
    return _with(
        scan, ScopeDeclaration(SOURCE, location, root, tuple(scope_lines), scope_lines=scope_lines)
    )


def _with(scan: FileScan, declaration: ScopeDeclaration) -> FileScan:
    scan.declarations.append(declaration)
    return scan


def _document_start(source: SourceFile) -> Location:
    offset = len(source.text) - len(source.text.lstrip())
    return source.location(offset)


def _locate_scopes(source: SourceFile, scopes: list[Any]) -> tuple[Location, list[int]]:
    """The ``"scopes"`` key whose array equals ``scopes``, and the line of each item."""
    text = source.text
    decoder = json.JSONDecoder()
    for match in _SCOPES_KEY.finditer(text):
        try:
            value, _end = decoder.raw_decode(text, match.end())
        except (json.JSONDecodeError, RecursionError):
            continue
        if value != scopes:
            continue
        location = source.location(match.start())
        lines: list[int] = []
        position = match.end() + 1  # just after "["
        for _ in scopes:
            position = _GAP.match(text, position).end()  # type: ignore[union-attr]
            lines.append(source.line_col(position)[0])
            try:
                _item, position = decoder.raw_decode(text, position)
            except json.JSONDecodeError:
                return location, [location.line] * len(scopes)
        return location, lines
    start = _document_start(source)
    return start, [start.line] * len(scopes)
