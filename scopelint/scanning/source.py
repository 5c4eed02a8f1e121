"""A file as the extractors see it: decoded text plus offset -> line/column mapping.

Parsers that work on UTF-8 bytes (tree-sitter, ``ast``'s column offsets) report byte
offsets; :class:`ByteOffsets` (and :meth:`SourceFile.char_offset`) is the one place that
turns them into character offsets.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.records import dataclass, field
from scopelint.model import FileScan, Location


@dataclass(slots=True)
class SourceFile:
    path: Path  # where it is on disk
    display: str  # how findings name it (relative to the working directory where possible)
    text: str  # decoded (UTF-8, or UTF-16 with BOM; undecodable bytes replaced)
    forge_app: bool = False  # under a Forge manifest (scanning/forge_context.py)
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _bytes: ByteOffsets | None = field(default=None, repr=False)

    @classmethod
    def from_text(cls, text: str, display: str = "<string>", path: Path | None = None) -> SourceFile:
        return cls(path=path or Path(display), display=display, text=text)

    def _starts(self) -> list[int]:
        if not self._line_starts:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def char_offset(self, byte_offset: int) -> int:
        """Character offset of a byte offset into ``text`` encoded as UTF-8."""
        if self._bytes is None:
            self._bytes = ByteOffsets(self.text)
        return self._bytes.char(byte_offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into ``text``."""
        starts = self._starts()
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def location(self, offset: int, end_offset: int | None = None) -> Location:
        line, column = self.line_col(offset)
        if end_offset is None:
            return Location(self.display, line, column)
        end_line, end_column = self.line_col(end_offset)
        return Location(self.display, line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        starts = self._starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end]


_NON_ASCII_RE = lazy_compile(r"[^\x00-\x7f]")


class ByteOffsets:
    """Maps byte offsets of ``text`` encoded as UTF-8 to character offsets, O(log n) each.

    Lone surrogates (possible in decoded text) count as three bytes, as
    ``encode("utf-8", "surrogatepass")`` writes them.  An offset inside a multi-byte
    character maps to that character.
    """

    __slots__ = ("_byte_starts", "_extra_after")

    def __init__(self, text: str) -> None:
        self._byte_starts: list[int] = []  # byte offset of each non-ASCII character
        self._extra_after: list[int] = []  # bytes beyond one per character, up to and with it
        extra = 0
        for match in _NON_ASCII_RE.finditer(text):
            code = ord(match.group())
            width = 2 if code < 0x800 else 3 if code < 0x10000 else 4
            self._byte_starts.append(match.start() + extra)
            extra += width - 1
            self._extra_after.append(extra)

    def char(self, byte_offset: int) -> int:
        count = bisect.bisect_left(self._byte_starts, byte_offset)
        return byte_offset - (self._extra_after[count - 1] if count else 0)


def line_starts(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts (lines split on "\\n" only)."""
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def decode(data: bytes) -> str:
    """Decode file bytes: BOM-marked UTF-16/UTF-8, else UTF-8 with replacement characters."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- refusals

TOO_DEEP = "too deeply nested to scan"


def refuse_too_deep(scan: FileScan) -> None:
    """Mark ``scan`` as not checked because its code nests deeper than a parser (or the
    analysis after it) can follow in bounded time and stack, with one warning naming the
    file.  Every language's front-end says it the same way; the text-level checks still run."""
    if scan.skipped != TOO_DEEP:
        scan.warnings.append(f"{scan.path}: {TOO_DEEP}; only text-level checks ran")
    scan.skipped = TOO_DEEP
