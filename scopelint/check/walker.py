"""Discovery beside the lookups: on a large tree with a warm result cache, a forked child
process walks the tree (listing folders, matching ``.gitignore`` files) and takes each file's
``stat``, while this process reads the cache's shards and looks the files up as they arrive.

A warm run of a large tree is nothing but those two halves (~0.35 s of CPU each on a
20,000-file tree), so with two cores its wall time is about that of the larger half instead
of their sum.  The child is forked after the imports (Linux ``fork``: it shares the loaded
modules, nothing is imported again) and sends back, in batches, only
``(path, display path, explicit, size, mtime_ns, ctime_ns, inode)`` per file (the numbers
packed, the paths separated by NUL, which no path holds), then the discovery's warnings and the declaration
files that govern the walked files (JSON); the order of files and warnings is the one a walk
in this process gives, so the output is the same byte for byte.

When it is not used (one process instead): ``-j 1``; one usable core; not Linux; a small
project (the cache's shards hold less than :data:`LARGE_CACHE_BYTES`: a first run, a hook
run, a small repository); no folder among the paths; the cache off; another thread running
(forking a threaded process is unsafe) or ``os.stat``/``os.scandir`` replaced (someone is
watching the files this process reads, as the hook's recorder does: a child's reads would
escape it).  A child that dies or sends something unexpected costs nothing but time: this
process walks again from the file where the child stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from scopelint.errors import ScopelintError
from scopelint.scanning.discovery import DiscoveredFile

# Shard bytes (~300 per cached file) above which a warm run forks the walker: ~1,800 files.
# Below it the whole warm run takes less than ~0.1 s and a fork (~5 ms) would not pay.
LARGE_CACHE_BYTES = 512 * 1024
FIRST_BATCH = 128  # files in the child's first message: this process starts early
BATCH = 1024  # files per later message
_HEADER = struct.Struct("<cI")  # kind, body length
_COUNT = struct.Struct("<I")  # files in a batch
_STAMP = struct.Struct("<BQqqQ")  # per file: flags (1: explicit, 2: stat taken), size, mtime, ctime, inode

Discover = Callable[[list[str]], Iterator[DiscoveredFile]]  # (warnings to append to) -> files


def usable(jobs: int, shards: Path) -> bool:
    """Whether discovery of a tree should run in a forked child (see the module's docstring);
    ``shards``: the result cache's folder."""
    if jobs == 1 or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if jobs <= 0:
        try:
            if len(os.sched_getaffinity(0)) < 2:
                return False
        except (AttributeError, OSError):
            if (os.cpu_count() or 1) < 2:
                return False
    import posix

    if os.stat is not posix.stat or os.scandir is not posix.scandir or os.lstat is not posix.lstat:
        return False  # a tracer (the hook's recorder) would not see the child's reads
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    total = 0
    try:
        with os.scandir(shards) as listing:
            for entry in listing:
                if entry.name.startswith("shard-"):
                    total += entry.stat(follow_symlinks=False).st_size
                    if total >= LARGE_CACHE_BYTES:
                        return True
    except OSError:
        return False
    return False


class ForkedWalk:
    """The files ``discover(warnings)`` yields, in its order, each with its ``stat`` taken,
    found by a forked child (iterate once); its warnings are appended to ``warnings`` once the
    walk is done.  A ScopelintError of the walk (a missing path, a bad exclude pattern) is
    raised by the iteration, after the files found before it.

    ``context``: a function of every file walked that the child calls once the walk is done
    (the declaration files that govern them: ``os.path`` questions only); its answer is
    :attr:`context` once the iteration is over, None when the child could not give it.
    """

    def __init__(self, discover: Discover, warnings: list[str],
                 context: Callable[[list[DiscoveredFile]], Iterable[DiscoveredFile]] | None = None) -> None:
        self._discover = discover
        self._warnings = warnings
        self._context = context
        self.context: list[DiscoveredFile] | None = None

    def _fork(self) -> tuple[int, int] | None:
        """Start the child: (its pid, the read end of its pipe); None when the system refuses
        a pipe (EMFILE) or a process (EAGAIN under a pids limit or ``ulimit -u``, ENOMEM)."""
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: walk, stat, send; never returns
            os.close(read_end)
            _child(self._discover, self._context, write_end)
        os.close(write_end)
        return pid, read_end

    def __iter__(self) -> Iterator[DiscoveredFile]:
        started = self._fork()
        if started is None:  # walk here
            yield from self._discover(self._warnings)
            return
        pid, read_end = started
        given = 0  # files handed out: a walk here after a failed child skips them
        finished = False
        try:
            with os.fdopen(read_end, "rb", buffering=1 << 16) as pipe:
                while True:
                    kind, body = _receive(pipe)
                    if kind == b"F":  # files
                        batch = _files(body)
                        if batch is None:
                            break  # nonsense: walk here (below)
                        for file in batch:
                            given += 1
                            yield file
                    elif kind == b"E":  # the end: [warnings, [[path, display], ...] or null]
                        warned, context = json.loads(body)
                        self._warnings.extend(warned)
                        if context is not None:
                            self.context = [DiscoveredFile(path, shown, False) for path, shown in context]
                        finished = True
                        break
                    elif kind == b"X":  # the walk's error
                        finished = True
                        raise ScopelintError(json.loads(body))
                    else:  # the child died (nothing more to read), or gave up
                        break
        finally:
            _reap(pid, finished)
        if not finished:
            for index, file in enumerate(self._discover(self._warnings)):
                if index >= given:
                    yield file


def _files(body: bytes) -> list[DiscoveredFile] | None:
    """The files of a batch the child sent (their count, a stamp each, then each one's path and
    display path, NUL-separated); None when it is not one."""
    if len(body) < _COUNT.size:
        return None
    (count,) = _COUNT.unpack_from(body)
    end = _COUNT.size + count * _STAMP.size
    if count == 0 or len(body) < end:
        return None
    names = body[end:].decode("utf-8", "surrogatepass").split("\0")
    if len(names) != 2 * count:
        return None
    pairs = iter(names)
    return [
        DiscoveredFile(fspath, display, bool(flags & 1), (size, mtime, ctime, inode) if flags & 2 else None)
        for (flags, size, mtime, ctime, inode), fspath, display
        in zip(_STAMP.iter_unpack(body[_COUNT.size : end]), pairs, pairs, strict=False)
    ]


def _receive(pipe: BinaryIO) -> tuple[bytes, bytes]:
    """(kind, body) of the child's next message; (b"", b"") at the end of its output."""
    header = pipe.read(_HEADER.size)
    if len(header) != _HEADER.size:
        return b"", b""
    kind, length = _HEADER.unpack(header)
    body = pipe.read(length)
    return (kind, body) if len(body) == length else (b"", b"")


def _reap(pid: int, finished: bool) -> None:
    """Wait for the child (killed first unless it finished its walk)."""
    import signal

    if not finished:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _child(discover: Discover, context: Callable[[list[DiscoveredFile]], Iterable[DiscoveredFile]] | None,
           fd: int) -> None:
    code = 1
    try:
        import gc

        gc.disable()  # a short life that makes no cycles
        with os.fdopen(fd, "wb", buffering=1 << 16) as pipe:

            def send(kind: bytes, body: bytes) -> None:
                pipe.write(_HEADER.pack(kind, len(body)))
                pipe.write(body)

            def send_files(stamps: bytearray, names: list[str]) -> None:
                text = "\0".join(names).encode("utf-8", "surrogatepass")
                send(b"F", _COUNT.pack(len(names) // 2) + stamps + text)
                pipe.flush()

            warnings: list[str] = []
            walked: list[DiscoveredFile] = []
            stamps = bytearray()
            names: list[str] = []
            size = 2 * FIRST_BATCH
            stat, pack = os.stat, _STAMP.pack
            try:
                for file in discover(warnings):
                    walked.append(file)
                    flags = 1 if file.explicit else 0
                    try:
                        info = stat(file.fspath)
                        stamps += pack(flags | 2, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                                       info.st_ino)
                    except (OSError, struct.error):
                        stamps += pack(flags, 0, 0, 0, 0)
                    names += (file.fspath, file.display)
                    if len(names) >= size:
                        send_files(stamps, names)
                        stamps, names, size = bytearray(), [], 2 * BATCH
            except ScopelintError as exc:
                if names:
                    send_files(stamps, names)
                if type(exc) is ScopelintError:
                    send(b"X", json.dumps(str(exc)).encode("ascii"))
                else:  # a subclass: the parent walks again and raises it itself
                    send(b"C", b"")
            else:
                if names:
                    send_files(stamps, names)
                found: list[tuple[str, str]] | None = None
                if context is not None:
                    try:
                        found = [(file.fspath, file.display) for file in context(walked)]
                    except Exception:  # the parent asks itself
                        found = None
                send(b"E", json.dumps([warnings, found]).encode("ascii"))
        code = 0
    except BaseException:  # whatever happens, the parent walks again (exit code 1)
        pass
    finally:
        os._exit(code)
