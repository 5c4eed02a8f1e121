"""Connect ``atlassian-connect.json``: the Connect scopes an app declares, and their hierarchy.

Connect scopes are coarse (READ, WRITE, DELETE, PROJECT_ADMIN / SPACE_ADMIN, ADMIN, plus
ACT_AS_USER and ACCESS_EMAIL_ADDRESSES) and imply one another:
ADMIN ⊃ PROJECT_ADMIN (Jira) / SPACE_ADMIN (Confluence) ⊃ DELETE ⊃ WRITE ⊃ READ ⊃ NONE.
The OpenAPI documents give each operation's Connect scope as ``x-atlassian-connect-scope``;
``NONE`` needs nothing and ``INACCESSIBLE`` cannot be called by a Connect app at all.
Descriptors may spell scopes in lower case; they are reported upper-cased.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Final

from scopelint.model import FileScan, Location, ScopeDeclaration
from scopelint.scanning.declarations.forge_manifest import directory_of
from scopelint.scanning.source import SourceFile

SOURCE: Final = "connect-descriptor"

CONNECT_SCOPES: tuple[str, ...] = (
    "READ",
    "WRITE",
    "DELETE",
    "PROJECT_ADMIN",
    "SPACE_ADMIN",
    "ADMIN",
    "ACT_AS_USER",
    "ACCESS_EMAIL_ADDRESSES",
)

NO_SCOPE = "NONE"  # needs no declared scope
INACCESSIBLE = "INACCESSIBLE"  # no Connect app can call it, whatever it declares

# Each declared scope -> every scope it grants (itself included).
_GRANTS: dict[str, frozenset[str]] = {
    "READ": frozenset({"READ"}),
    "WRITE": frozenset({"WRITE", "READ"}),
    "DELETE": frozenset({"DELETE", "WRITE", "READ"}),
    "PROJECT_ADMIN": frozenset({"PROJECT_ADMIN", "DELETE", "WRITE", "READ"}),
    "SPACE_ADMIN": frozenset({"SPACE_ADMIN", "DELETE", "WRITE", "READ"}),
    "ADMIN": frozenset({"ADMIN", "PROJECT_ADMIN", "SPACE_ADMIN", "DELETE", "WRITE", "READ"}),
    "ACT_AS_USER": frozenset({"ACT_AS_USER"}),
    "ACCESS_EMAIL_ADDRESSES": frozenset({"ACCESS_EMAIL_ADDRESSES"}),
}


def granted_scopes(declared: Iterable[str]) -> frozenset[str]:
    """Every Connect scope the declared ones grant, implied ones included (and NONE)."""
    granted: set[str] = {NO_SCOPE}
    for scope in declared:
        name = scope.strip().upper()
        granted |= _GRANTS.get(name, {name})
    return frozenset(granted)


def connect_covers(declared: Iterable[str], needed: str | None) -> bool:
    """True when an app declaring ``declared`` may call an operation needing ``needed``.

    ``needed`` None (the documents do not say) is treated as covered: there is nothing to
    check against.  ``INACCESSIBLE`` is never covered.
    """
    if needed is None:
        return True
    wanted = needed.strip().upper()
    if wanted in ("", NO_SCOPE):
        return True
    if wanted == INACCESSIBLE:
        return False
    return wanted in granted_scopes(declared)


def connect_missing(declared: Iterable[str], needed: str | None) -> str | None:
    """The Connect scope to add so ``declared`` covers ``needed``.

    None when it is already covered, or when no scope can help (``INACCESSIBLE``).
    """
    declared = tuple(declared)
    if connect_covers(declared, needed) or needed is None:
        return None
    wanted = needed.strip().upper()
    return None if wanted == INACCESSIBLE else wanted


# --------------------------------------------------------------------------- extraction

_CONNECT_KEYS = ("key", "baseUrl", "modules", "scopes", "authentication", "lifecycle")
_SCOPES_KEY = re.compile(r'"scopes"\s*:\s*')
_GAP = re.compile(r"[\s,]*")


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        document = json.loads(source.text)
    except json.JSONDecodeError as exc:
        scan.warnings.append(
            f"{source.display}: cannot parse JSON (line {exc.lineno}: {exc.msg}); "
            "Connect descriptor not read"
        )
        return scan
    except RecursionError:
        scan.warnings.append(f"{source.display}: JSON nested too deeply; Connect descriptor "
                             "not read")
        return scan
    if not isinstance(document, dict) or not any(key in document for key in _CONNECT_KEYS):
        return scan
    root = directory_of(source.display)
    scopes = document.get("scopes")
    if scopes is None:  # no scopes: the app may only call what needs NONE
        return _with(scan, ScopeDeclaration(SOURCE, _document_start(source), root, ()))
    if not isinstance(scopes, list) or not all(isinstance(item, str) for item in scopes):
        scan.warnings.append(f"{source.display}: scopes is not a list of strings; ignored")
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
