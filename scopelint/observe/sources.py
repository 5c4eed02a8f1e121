"""Where recorded traffic comes from: HAR files and request logs, on disk or standard input.

A recording is opened as a stream of bytes (never read whole): gzip-compressed files
(``.har.gz``, recognised by their magic bytes) are decompressed as they are read, a UTF-8
byte order mark is skipped, and a UTF-16 file (with its byte order mark) is re-encoded as
UTF-8 on the way.  Errors are ``RecordingError``: one line naming the file.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from scopelint.observe.har import RecordingError

RecordingKind = Literal["har", "log"]
STDIN = "-"
STDIN_NAME = "<stdin>"
BLOCK = 1 << 20  # bytes read at a time
_LINE_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Recording:
    """One HAR file or request log named on the command line (``-``: standard input)."""

    kind: RecordingKind
    name: str

    def display(self, cwd: Path) -> str:
        """The path as findings and warnings show it: relative to ``cwd`` where possible."""
        if self.name == STDIN:
            return STDIN_NAME
        path = Path(self.name)
        absolute = path if path.is_absolute() else cwd / path
        try:
            return absolute.relative_to(cwd).as_posix()
        except ValueError:
            return path.as_posix()

    def path(self, cwd: Path) -> Path:
        """Where the recording is (for stdin: a name in ``cwd``, to find what governs it)."""
        if self.name == STDIN:
            return cwd / STDIN_NAME
        path = Path(self.name)
        return path if path.is_absolute() else cwd / path


def check_recordings(recordings: list[Recording]) -> None:
    """Standard input can be read once: more than one ``-`` is a usage error."""
    if sum(1 for r in recordings if r.name == STDIN) > 1:
        raise RecordingError("standard input ('-') can be given as one recording only")


def _open(recording: Recording, cwd: Path, shown: str) -> BinaryIO:
    if recording.name == STDIN:
        return sys.stdin.buffer
    path = recording.path(cwd)
    try:
        if path.is_dir():
            raise RecordingError(f"{shown}: is a directory, not a {_what(recording)}")
        return path.open("rb")
    except FileNotFoundError:
        raise RecordingError(f"{shown}: no such file") from None
    except OSError as exc:
        raise RecordingError(f"{shown}: cannot read ({exc.strerror or type(exc).__name__})") from None


def _what(recording: Recording) -> str:
    return "HAR file" if recording.kind == "har" else "request log"


def _decoded(stream: BinaryIO, first: bytes, shown: str) -> Iterator[bytes]:
    """UTF-8 blocks of a stream whose first bytes are ``first`` (BOM handling)."""
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8):]
    elif first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        block = first
        while block:
            yield decoder.decode(block).encode("utf-8")
            block = stream.read(BLOCK)
        yield decoder.decode(b"", final=True).encode("utf-8")
        return
    if first:
        yield first
    while True:
        block = stream.read(BLOCK)
        if not block:
            return
        yield block


def byte_blocks(
    recording: Recording, cwd: Path, shown: str, warn: Callable[[str], None] | None = None
) -> Iterator[bytes]:
    """The recording's bytes as UTF-8, block by block (decompressed, BOM removed).

    A gzip stream cut short or damaged after some data came out of it ends the blocks there
    and calls ``warn`` (as a truncated plain file just ends: the reader keeps what came
    before); without ``warn``, or when nothing came out, it is a ``RecordingError``.
    """
    stream = _open(recording, cwd, shown)
    yielded = False
    try:
        source: BinaryIO = stream
        head = stream.read(2)
        if head == b"\x1f\x8b":  # gzip
            source = _Gunzip(gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb"))  # type: ignore[assignment]
            head = b""
        try:
            first = head + source.read(BLOCK)
            for block in _decoded(source, first, shown):
                yielded = yielded or bool(block)
                yield block
        except (OSError, EOFError) as exc:  # a damaged gzip stream
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if warn is None or not yielded:
                raise RecordingError(f"{shown}: cannot read ({reason})") from None
            warn(f"the compressed data is cut short or damaged ({reason}); read what came before it")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def text_lines(
    recording: Recording, cwd: Path, shown: str, warn: Callable[[str], None] | None = None
) -> Iterator[str]:
    """The recording's lines as text (UTF-8, undecodable bytes replaced); a very long line is
    cut to its first 64 KiB plus one character, so it is seen as too long without being held."""
    blocks = byte_blocks(recording, cwd, shown, warn)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    for block in blocks:
        text = decoder.decode(block)
        if len(pending) > _LINE_LIMIT:  # inside an endless line: drop text up to its end
            ends = [i for i in (text.find("\n"), text.find("\r")) if i != -1]
            if not ends:
                continue
            end = min(ends) + (2 if text[min(ends):min(ends) + 2] == "\r\n" else 1)
            yield pending + "\n"
            pending, text = "", text[end:]
        pending += text
        lines = pending.splitlines(keepends=True)
        pending = ""
        if lines and not lines[-1].endswith(("\n", "\r")):
            pending = lines.pop()[: _LINE_LIMIT + 1]  # keep the start of a long line only
        yield from lines
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


class _Gunzip:
    """``read(n)``: what the gzip stream gives at once (``read1``), so the data before a cut
    comes out before the ``EOFError`` of the cut (``GzipFile.read(n)`` would drop it)."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream = stream

    def read(self, size: int) -> bytes:
        return self._stream.read1(size)


class _Prefixed(io.RawIOBase):
    """A stream that gives ``head`` first, then the rest of ``stream`` (gzip needs the magic)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
