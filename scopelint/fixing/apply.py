"""Write fixes: apply Edits file by file, atomically, or show them as a unified diff.

Safety rules, per file (a file that breaks one is skipped with a one-line reason, the others
are still fixed):
- only regular files inside ``root`` are written; a path (or a symlink) leading outside is refused;
- a file whose content no longer has the sha256 the caller read (``snapshots``), or that
  changes between reading and writing, is not overwritten;
- overlapping edits are refused (identical duplicates count once); the rest apply bottom-up;
- the new content goes to a temporary file in the same folder, gets the old file's mode and
  replaces the old file with ``os.replace`` (readers see the old or the new file, never half);
- encodings are kept: UTF-8 (with or without BOM) and BOM-marked UTF-16; other bytes are refused.

Lines and columns are 1-based and count characters of the decoded text, lines split on
"\\n" only (as :class:`scopelint.scanning.source.SourceFile` counts them).
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scopelint.model import Edit
from scopelint.scanning.source import line_starts


@dataclass(slots=True)
class ApplyResult:
    changed: list[str] = field(default_factory=list)  # files written (diff_only: that would be)
    skipped: list[str] = field(default_factory=list)  # one line each: "<file>: <why>"
    diff: str = ""  # unified diff of every change (also filled when writing)
    edits_applied: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped


class _Skip(Exception):
    """A file that is left alone; ``str()`` is the reason."""


@dataclass(slots=True)
class _Decoded:
    text: str
    bom: bytes
    encoding: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The snapshot of a file as :func:`apply_edits` compares it."""
    return sha256_of(path.read_bytes())


def apply_edits(
    edits: Sequence[Edit],
    root: Path,
    diff_only: bool = False,
    snapshots: Mapping[str, str] | None = None,
) -> ApplyResult:
    """Apply ``edits`` under ``root``; with ``diff_only`` only describe them (nothing is written).

    ``snapshots`` maps an edit's ``path`` to the sha256 of the content the edits were computed
    from; a file whose content differs now is skipped.
    """
    result = ApplyResult()
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.path, []).append(edit)
    root_real = Path(os.path.realpath(root))
    diffs: list[str] = []
    for display in sorted(by_file):
        try:
            diff, applied = _apply_file(
                display, by_file[display], root, root_real, diff_only,
                (snapshots or {}).get(display),
            )
        except _Skip as reason:
            result.skipped.append(f"{display}: {reason}")
            continue
        if applied:
            result.changed.append(display)
            result.edits_applied += applied
            diffs.append(diff)
    result.diff = "".join(diffs)
    return result


def _target(display: str, root: Path, root_real: Path) -> Path:
    given = Path(display)
    lexical = given if given.is_absolute() else root / given
    absolute = Path(os.path.abspath(lexical))
    if not absolute.is_relative_to(Path(os.path.abspath(root))) and not absolute.is_relative_to(root_real):
        raise _Skip(f"is outside {root}; not changed")
    real = Path(os.path.realpath(absolute))
    if not real.is_relative_to(root_real):
        raise _Skip(f"leads outside {root} through a symlink; not changed")
    try:
        info = real.stat()
    except FileNotFoundError:
        raise _Skip("no such file; not changed") from None
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror or exc}); not changed") from None
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("is not a regular file; not changed")
    return real


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _decode(raw: bytes) -> _Decoded:
    bom, encoding = b"", "utf-8"
    for marker, marked_encoding in _BOMS:
        if raw.startswith(marker):
            bom, encoding = marker, marked_encoding
            break
    try:
        return _Decoded(raw[len(bom):].decode(encoding), bom, encoding)
    except UnicodeDecodeError:
        raise _Skip(f"is not valid {encoding.upper()} text; not changed") from None



def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    if not 1 <= line <= len(starts) or column < 1:
        raise _Skip(f"an edit at line {line}, column {column} is outside the file; not changed")
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    offset = starts[line - 1] + column - 1
    if offset > line_end:
        raise _Skip(f"an edit at line {line}, column {column} is outside the file; not changed")
    return offset


def _spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    starts = line_starts(text)
    spans: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int, str]] = set()
    for edit in edits:
        start = _offset(text, starts, edit.line, edit.column)
        end = _offset(text, starts, edit.end_line, edit.end_column)
        if end < start:
            raise _Skip(f"an edit at line {edit.line} ends before it starts; not changed")
        span = (start, end, edit.text)
        if span not in seen:
            seen.add(span)
            spans.append(span)
    spans.sort(key=lambda span: (span[0], span[1]))  # stable: insertions at one point keep order
    for before, after in itertools.pairwise(spans):
        if after[0] < before[1]:
            line = text.count("\n", 0, after[0]) + 1
            raise _Skip(f"overlapping edits at line {line}; not changed")
    return spans


def _apply_file(
    display: str,
    edits: list[Edit],
    root: Path,
    root_real: Path,
    diff_only: bool,
    expected_sha: str | None,
) -> tuple[str, int]:
    target = _target(display, root, root_real)
    try:
        before = target.stat()
        raw = target.read_bytes()
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror or exc}); not changed") from None
    digest = sha256_of(raw)
    if expected_sha is not None and digest != expected_sha:
        raise _Skip("changed on disk since it was read; not overwritten")
    decoded = _decode(raw)
    spans = _spans(decoded.text, edits)
    new_text = decoded.text
    for start, end, replacement in reversed(spans):
        new_text = new_text[:start] + replacement + new_text[end:]
    if new_text == decoded.text:
        return "", 0
    diff = unified_diff(display, decoded.text, new_text)
    if not diff_only:
        data = decoded.bom + new_text.encode(decoded.encoding)
        _write_atomic(target, data, before, digest)
    return diff, len(spans)


def _write_atomic(target: Path, data: bytes, before: os.stat_result, digest: str) -> None:
    """Replace ``target`` (already resolved, inside the tree) unless it changed since ``before``."""
    from scopelint.common.atomic import TempFileError, write_atomic

    def unchanged_since_read() -> None:
        now = target.stat()
        if (
            (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size)
            or sha256_of(target.read_bytes()) != digest
        ):
            raise _Skip("changed on disk while it was being fixed; not overwritten")

    try:
        write_atomic(target, data, durable=True, before_replace=unchanged_since_read)
    except TempFileError as exc:
        raise _Skip(f"cannot write in its folder ({exc.strerror or exc}); not changed") from None
    except OSError as exc:
        raise _Skip(f"cannot write ({exc.strerror or exc}); not changed") from None


def unified_diff(display: str, old: str, new: str) -> str:
    """A unified diff of one file (``a/<display>`` -> ``b/<display>``), git-style, for printing:
    every credential on every line is redacted (``--diff`` of --fix and of --add-suppressions)."""
    from scopelint.common.redact import scrub

    lines: list[str] = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{display}",
        tofile=f"b/{display}",
    ):
        line = scrub(line)
        if line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# --------------------------------------------------------------------------- text -> edits


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def edits_from_texts(path: str, old: str, new: str) -> tuple[Edit, ...]:
    """The smallest whole-line Edits that turn ``old`` into ``new`` (e.g. a scope_lists result).

    Each changed run of lines becomes one Edit, so fixes to different parts of one file can be
    combined; two fixes that insert at the same place both apply, in order.
    """
    if old == new:
        return ()
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = line_starts(old)
    line_offsets = [0]
    for line in old_lines:
        line_offsets.append(line_offsets[-1] + len(line))
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start_line, start_column = _position(starts, line_offsets[i1])
        end_line, end_column = _position(starts, line_offsets[i2])
        edits.append(
            Edit(path, start_line, start_column, end_line, end_column, "".join(new_lines[j1:j2]))
        )
    return tuple(edits)
