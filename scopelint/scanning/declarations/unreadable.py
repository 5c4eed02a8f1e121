"""A declaration file that cannot be read, as data for rule SL011 (unreadable-declaration).

The readers of Forge manifests, Connect descriptors and scopelint's own configuration record
what stopped them (a parse error, scopes that are not a list of strings) with the place the
parser named, instead of a warning: a declaration nobody can read means scopes nobody checks.
"""

from __future__ import annotations

import re

from scopelint.common.lazy_re import lazy_compile
from scopelint.model import FileScan, Location, UnreadableDeclaration
from scopelint.scanning.source import SourceFile

FORGE_MANIFEST = "Forge manifest"
CONNECT_DESCRIPTOR = "Connect descriptor"
SCOPELINT_CONFIG = "scopelint configuration"

_TOML_POSITION_RE = lazy_compile(r"\(at line (\d+), column (\d+)\)")
_LINE_RE = lazy_compile(r"\bline (\d+)")


def record(scan: FileScan, source: SourceFile, kind: str, reason: str,
           line: int = 1, column: int = 1) -> None:
    """Note in ``scan`` that ``source`` (a declaration of ``kind``) cannot be read."""
    lines = len(source.text.rstrip().split("\n"))  # a parser at the end of the text: its last line
    line = min(max(line, 1), lines)
    column = max(column, 1)
    scan.unreadable.append(
        UnreadableDeclaration(Location(source.display, line, column), kind, " ".join(reason.split()))
    )


def yaml_position(exc: Exception) -> tuple[int, int]:
    """(line, column), 1-based, of a ruamel YAML error; (1, 1) when it names none."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = getattr(mark, "line", None), getattr(mark, "column", None)
    if isinstance(line, int):
        return line + 1, (column + 1 if isinstance(column, int) else 1)
    return 1, 1


def message_position(message: str) -> tuple[int, int]:
    """(line, column) named in a parser's message ("... (at line 3, column 9)", "line 3: ...")."""
    match = _TOML_POSITION_RE.search(message)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = _LINE_RE.search(message)
    return (int(match.group(1)), 1) if match else (1, 1)


def key_position(source: SourceFile, key: str) -> tuple[int, int]:
    """Where a top-level-looking ``key`` (``key =``, ``key:``, ``"key":``) is first written."""
    name = re.escape(key)
    pattern = re.compile(
        rf"""^[ \t]*(?:["']?{name}["']?[ \t]*[=:]|\[\[?[ \t]*(?:[\w-]+\.)*{name}[ \t]*\]\]?)""",
        re.MULTILINE,
    )
    match = pattern.search(source.text)
    if match is None:
        return 1, 1
    line, _column = source.line_col(match.start())
    text = source.line_text(line)
    return line, len(text) - len(text.lstrip()) + 1
