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

from scopelint.cli.hook import (
    ERR,
    ERR_BYTES,
    MAX_ENTRY,
    MAX_REPLAYS,
    OUT,
    OUT_BYTES,
    PREFIX,
    encode_entry,
    stamp,
)

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


class _Output:
    """What a run wrote through :class:`_Tee` (``chunks``, None when not kept) and the first
    write or flush that failed, as (stream 0 stdout / 1 stderr, the error)."""

    def __init__(self, keep: bool) -> None:
        self.chunks: list[tuple[int, Any]] | None = [] if keep else None
        self.failed: tuple[int, OSError] | None = None

    def fail(self, where: int, exc: OSError) -> None:
        if self.failed is None:
            self.failed = (where, exc)


class _Tee:
    """A standard stream that notes what goes through it (text, and bytes written to its
    ``buffer``) and any write or flush that fails, and otherwise is the stream (its encoding,
    isatty, fileno ...)."""

    def __init__(self, stream: Any, text: int, data: int, output: _Output) -> None:
        self._stream, self._text, self.output = stream, text, output
        if hasattr(stream, "buffer"):  # (a stream without one stays without one)
            self.buffer = _BufferTee(stream.buffer, text, data, output)

    def write(self, text: Any) -> int:
        try:
            written: int = self._stream.write(text)
        except OSError as exc:
            self.output.fail(self._text, exc)
            raise
        if written is not None and text and written < len(text):  # cut short
            self.output.fail(self._text, OSError(0, "output cut short"))
        if text and self.output.chunks is not None:
            self.output.chunks.append((self._text, text))
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self.output.fail(self._text, exc)
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _BufferTee:
    def __init__(self, buffer: Any, where: int, data: int, output: _Output) -> None:
        self._buffer, self._where, self._data, self.output = buffer, where, data, output

    def write(self, data: Any) -> int:
        try:
            written: int = self._buffer.write(data)
        except OSError as exc:
            self.output.fail(self._where, exc)
            raise
        if written is not None and data and written < len(data):  # cut short
            self.output.fail(self._where, OSError(0, "output cut short"))
        if data and self.output.chunks is not None:
            self.output.chunks.append((self._data, bytes(data)))
        return written

    def flush(self) -> None:
        try:
            self._buffer.flush()
        except OSError as exc:
            self.output.fail(self._where, exc)
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._buffer, name)


def guard_output(run: Callable[[], Any]) -> Any:
    """Call ``run`` (the full CLI) with stdout and stderr watched; a write to either that
    fails (a reader gone, a full disk, ``> /dev/full``) ends the run with
    :func:`scopelint.cli.hook.output_failed`'s code (0 for a broken pipe, else 2 and one line
    on stderr) by ``SystemExit``, never a traceback.  Otherwise ``run``'s return value or
    ``SystemExit``, after stdout and stderr are flushed (so output still buffered cannot be
    lost unnoticed)."""
    from scopelint.cli.hook import output_failed

    current: Any = sys.stdout
    installed = not isinstance(current, _Tee)
    saved = sys.stdout, sys.stderr
    if isinstance(current, _Tee):  # (record() watches already)
        output = current.output
    else:
        output = _Output(keep=False)
        if sys.stdout is not None:
            sys.stdout = _Tee(sys.stdout, OUT, OUT_BYTES, output)
        if sys.stderr is not None:
            sys.stderr = _Tee(sys.stderr, ERR, ERR_BYTES, output)
    try:
        try:
            result = run()
        except SystemExit:
            _flush()
            if output.failed is not None:
                sys.exit(output_failed(*output.failed))
            raise
        except OSError:
            if output.failed is None:
                raise
            sys.exit(output_failed(*output.failed))
        _flush()
        if output.failed is not None:
            sys.exit(output_failed(*output.failed))
        return result
    finally:
        if installed:
            sys.stdout, sys.stderr = saved


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # (noted by the stream's _Tee)
            pass


def record(args: list[str], entry_path: str, digest: str) -> int:
    """Run the full CLI on ``args``, then keep what it wrote and consulted at ``entry_path``
    when the run may be replayed: it ended with exit 0 or 1 (``sys.exit`` or the value the
    CLI returned), every write to stdout and stderr went through whole, no worker process
    was started and every path consulted was named.  Exits with the run's code, as the full
    CLI does."""
    consulted = Consulted(os.getcwd())
    output = _Output(keep=True)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = _Tee(stdout, OUT, OUT_BYTES, output)
    sys.stderr = _Tee(stderr, ERR, ERR_BYTES, output)
    consulted.install()
    code: object = None  # an exception other than SystemExit: nothing is recorded
    try:
        from scopelint.cli.fast import main as full

        returned = full(args)
        code = 0 if returned is None else returned
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        raise
    finally:
        consulted.uninstall()
        sys.stdout, sys.stderr = stdout, stderr
        workers = any(module in sys.modules for module in WORKER_MODULES)
        recordable = type(code) is int and code in (0, 1)
        if recordable and output.failed is None and consulted.complete and not workers:
            consulted.note_modules()
            assert output.chunks is not None and isinstance(code, int)
            _save(entry_path, encode_entry(digest, consulted.stamps, output.chunks, code))
    sys.exit(code)


def _save(entry_path: str, entry: bytes) -> None:
    """Write the entry atomically and keep the newest :data:`MAX_REPLAYS` of its project;
    failures are ignored (an entry only saves time)."""
    from pathlib import Path

    from scopelint.common.atomic import write_atomic

    if len(entry) > MAX_ENTRY:  # (would not be read)
        return
    try:
        try:  # a FIFO, device or link there is not written into (write_atomic would): replaced
            if os.lstat(entry_path).st_mode & 0o170000 != 0o100000:
                os.unlink(entry_path)
        except FileNotFoundError:
            pass
        write_atomic(Path(entry_path), entry, make_parents=True)
        folder = os.path.dirname(entry_path)
        entries = [e for e in os.scandir(folder) if e.name.startswith(PREFIX) and e.is_file()]
        if len(entries) > MAX_REPLAYS:
            entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
            for stale in entries[MAX_REPLAYS:]:
                os.unlink(stale.path)
    except (OSError, ValueError):
        return
