"""Run the full CLI and record a replay entry for :mod:`scopelint.cli.hook`.

While the run goes, every path it consults is noted with its stamp *before* it is used
(:class:`Consulted`): ``os.stat``/``os.lstat`` (and so ``os.path.exists``, ``Path.is_file``
...; a folder only as being there), ``os.scandir``/``os.listdir`` (and so ``os.walk``,
``Path.iterdir``, globbing: a listed folder's stamp changes when an entry is added or
removed) and ``open``/``io.open`` for reading (and so ``Path.read_bytes``).  After it, every
module file the process ran is noted too, so a changed scopelint, a rule added to the
registry or an upgraded grammar makes every entry stale.
A file the run changes after reading it (the result cache's shards, the note that a
configuration is valid) is stale at the next run, which runs in full and records again: the
entry converges after one more run.  What the run writes is taken from ``sys.stdout`` and
``sys.stderr`` (text and bytes, in order) as it is written through.
"""

from __future__ import annotations

import builtins
import io
import os
import sys
from collections.abc import Callable
from typing import Any

from scopelint.cli.hook import ERR, ERR_BYTES, MAX_REPLAYS, OUT, OUT_BYTES, PREFIX, encode_entry, stamp

# a module imported only when a run starts worker processes, whose reads are not seen here
WORKER_MODULES = ("concurrent.futures.process", "multiprocessing")


class Consulted:
    """The paths a run consults, each with its stamp when first consulted; ``complete`` is
    False once a path could not be named (a stat relative to a folder descriptor)."""

    def __init__(self, cwd: str) -> None:
        self.cwd = cwd
        self.stamps: dict[tuple[str, str], str] = {}
        self.complete = True
        self._saved: list[tuple[object, str, object]] = []

    def note(self, kind: str, path: Any, by_descriptor: bool = False) -> None:
        """Stamp ``path`` the first time it is consulted.  A descriptor instead of a path is
        a stat of a file opened by path (noted then), but a folder listed or a file read by
        descriptor names nothing to stamp: the run is then not recorded."""
        if isinstance(path, int):
            if by_descriptor:
                self.complete = False
            return
        try:
            name = os.fsdecode(os.fspath(path))
        except TypeError:
            self.complete = False
            return
        absolute = name if os.path.isabs(name) else os.path.join(self.cwd, name)
        if (kind, absolute) not in self.stamps:
            self.stamps[kind, absolute] = stamp(kind, absolute)

    def install(self) -> None:
        real_stat, real_lstat, real_scandir, real_listdir, real_open = (
            os.stat, os.lstat, os.scandir, os.listdir, io.open
        )

        def traced_stat(path: Any, *args: Any, dir_fd: Any = None, follow_symlinks: bool = True) -> Any:
            if dir_fd is not None:
                self.complete = False
            self.note("s" if follow_symlinks else "l", path)
            return real_stat(path, *args, dir_fd=dir_fd, follow_symlinks=follow_symlinks)

        def traced_lstat(path: Any, *args: Any, dir_fd: Any = None) -> Any:
            if dir_fd is not None:
                self.complete = False
            self.note("l", path)
            return real_lstat(path, *args, dir_fd=dir_fd)

        def traced_scandir(path: Any = ".") -> Any:
            self.note("d", path, by_descriptor=True)
            return real_scandir(path)

        def traced_listdir(path: Any = ".") -> Any:
            self.note("d", path, by_descriptor=True)
            return real_listdir(path)

        def traced_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if not any(letter in mode for letter in "wax+"):
                self.note("s", file, by_descriptor=True)
            return real_open(file, mode, *args, **kwargs)

        replacements: list[tuple[object, str, Callable[..., Any]]] = [
            (os, "stat", traced_stat), (os, "lstat", traced_lstat), (os, "scandir", traced_scandir),
            (os, "listdir", traced_listdir), (io, "open", traced_open), (builtins, "open", traced_open),
        ]
        for owner, name, function in replacements:
            self._saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, function)

    def uninstall(self) -> None:
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)
        self._saved.clear()

    def note_modules(self) -> None:
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None)
            if isinstance(path, str):
                self.note("s", path)


class _Tee:
    """A standard stream that records what goes through it (text, and bytes written to its
    ``buffer``) and otherwise is the stream (its encoding, isatty, fileno ...)."""

    def __init__(self, stream: Any, text: int, data: int, chunks: list[tuple[int, Any]]) -> None:
        self._stream, self._text, self._chunks = stream, text, chunks
        if hasattr(stream, "buffer"):  # (a stream without one stays without one)
            self.buffer = _BufferTee(stream.buffer, data, chunks)

    def write(self, text: Any) -> int:
        written: int = self._stream.write(text)
        if text:
            self._chunks.append((self._text, text))
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _BufferTee:
    def __init__(self, buffer: Any, data: int, chunks: list[tuple[int, Any]]) -> None:
        self._buffer, self._data, self._chunks = buffer, data, chunks

    def write(self, data: Any) -> int:
        written: int = self._buffer.write(data)
        if data:
            self._chunks.append((self._data, bytes(data)))
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._buffer, name)


def record(args: list[str], entry_path: str, digest: str) -> int:
    """Run the full CLI on ``args``, then keep what it wrote and consulted at ``entry_path``
    when the run may be replayed (exit 0 or 1, no worker process, every path named).
    Exits with the run's code, as the full CLI does."""
    consulted = Consulted(os.getcwd())
    chunks: list[tuple[int, Any]] = []
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = _Tee(stdout, OUT, OUT_BYTES, chunks)
    sys.stderr = _Tee(stderr, ERR, ERR_BYTES, chunks)
    consulted.install()
    code: object = None  # an exception other than SystemExit: nothing is recorded
    try:
        from scopelint.cli.main import main as full

        full(args)
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        raise
    finally:
        consulted.uninstall()
        sys.stdout, sys.stderr = stdout, stderr
        workers = any(module in sys.modules for module in WORKER_MODULES)
        if isinstance(code, int) and code in (0, 1) and consulted.complete and not workers:
            consulted.note_modules()
            _save(entry_path, encode_entry(digest, consulted.stamps, chunks, code))
    return 0


def _save(entry_path: str, entry: bytes) -> None:
    """Write the entry atomically and keep the newest :data:`MAX_REPLAYS` of its project;
    failures are ignored (an entry only saves time)."""
    from pathlib import Path

    from scopelint.common.atomic import write_atomic

    try:
        write_atomic(Path(entry_path), entry, make_parents=True)
        folder = os.path.dirname(entry_path)
        entries = [e for e in os.scandir(folder) if e.name.startswith(PREFIX) and e.is_file()]
        if len(entries) > MAX_REPLAYS:
            entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
            for stale in entries[MAX_REPLAYS:]:
                os.unlink(stale.path)
    except (OSError, ValueError):
        return
