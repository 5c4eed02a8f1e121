"""A file as the extractors see it: decoded text plus offset -> line/column mapping."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from scopelint.model import Location


@dataclass(slots=True)
class SourceFile:
    path: Path  # where it is on disk
    display: str  # how findings name it (relative to the working directory where possible)
    text: str  # decoded (UTF-8, or UTF-16 with BOM; undecodable bytes replaced)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_text(cls, text: str, display: str = "<string>", path: Path | None = None) -> SourceFile:
        return cls(path=path or Path(display), display=display, text=text)

    def _starts(self) -> list[int]:
        if not self._line_starts:
            self._line_starts = line_starts(self.text)
        return self._line_starts

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
