"""Discovery beside the lookups: on a large tree with a warm result cache, a forked child
process walks the tree (listing folders, matching ``.gitignore`` files) and takes each file's
``stat``, while this process reads the cache's shards and looks the files up as they arrive.

A warm run of a large tree is nothing but those two halves (~0.35 s of CPU each on a
20,000-file tree), so with two cores its wall time is about that of the larger half instead
of their sum.  The child is forked after the imports (Linux ``fork``: it shares the loaded
modules, nothing is imported again) and sends back, in batches, only
``(path, display path, explicit, size, mtime_ns, ctime_ns, inode)`` per file, then the
discovery's warnings; the order of files and warnings is the one a walk in this process
gives, so the output is the same byte for byte.

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
import marshal
import os
import struct
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from scopelint.errors import ScopelintError
from scopelint.scanning.discovery import DiscoveredFile

# Shard bytes (~300 per cached file) above which a warm run forks the walker: ~1,800 files.
# Below it the whole warm run takes less than ~0.1 s and a fork (~5 ms) would not pay.
LARGE_CACHE_BYTES = 512 * 1024
BATCH = 1024  # files per message from the child
_HEADER = struct.Struct("<I")

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


def discover_beside(discover: Discover, warnings: list[str]) -> Iterator[DiscoveredFile]:
    """The files ``discover(warnings)`` yields, in its order, each with its ``stat`` taken,
    found by a forked child; its warnings are appended to ``warnings`` once the walk is done.
    A ScopelintError of the walk (a missing path, a bad exclude pattern) is raised here."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: walk, stat, send; never returns
        os.close(read_end)
        _child(discover, write_end)
    os.close(write_end)
    given = 0  # files handed out: a walk here after a failed child skips them
    finished = False
    try:
        with os.fdopen(read_end, "rb", buffering=1 << 16) as pipe:
            while True:
                message = _receive(pipe)
                if message is None:
                    break  # the child died or sent nonsense: walk here (below)
                kind = message[0]
                if kind == "files":
                    for fspath, display, explicit, size, mtime, ctime, inode in message[1]:
                        given += 1
                        taken = None if size is None else (size, mtime, ctime, inode)
                        yield DiscoveredFile(fspath, display, explicit, taken)
                elif kind == "end":
                    warnings.extend(message[1])
                    finished = True
                    break
                elif kind == "error":
                    finished = True
                    raise ScopelintError(message[1])
                else:
                    break
    finally:
        _reap(pid, finished)
    if not finished:
        for index, file in enumerate(discover(warnings)):
            if index >= given:
                yield file


def _receive(pipe: BinaryIO) -> tuple[Any, ...] | None:
    read = pipe.read
    header = read(_HEADER.size)
    if len(header) != _HEADER.size:
        return None
    (length,) = _HEADER.unpack(header)
    body = read(length)
    if len(body) != length:
        return None
    try:
        message = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(message, tuple) or not message:
        return None
    return message


def _reap(pid: int, finished: bool) -> None:
    """Wait for the child (killed first unless it finished its walk)."""
    import signal

    if not finished:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def _child(discover: Discover, fd: int) -> None:
    code = 1
    try:
        import gc

        gc.disable()  # a short life that makes no cycles
        with os.fdopen(fd, "wb", buffering=1 << 16) as pipe:

            def send(message: tuple[Any, ...]) -> None:
                body = marshal.dumps(message)
                pipe.write(_HEADER.pack(len(body)))
                pipe.write(body)

            warnings: list[str] = []
            batch: list[tuple[Any, ...]] = []
            stat = os.stat
            try:
                for file in discover(warnings):
                    try:
                        info = stat(file.fspath)
                        batch.append((file.fspath, file.display, file.explicit, info.st_size,
                                      info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
                    except OSError:
                        batch.append((file.fspath, file.display, file.explicit, None, None, None, None))
                    if len(batch) >= BATCH:
                        send(("files", batch))
                        pipe.flush()
                        batch = []
            except ScopelintError as exc:
                if batch:
                    send(("files", batch))
                if type(exc) is ScopelintError:
                    send(("error", str(exc)))
                else:  # a subclass: the parent walks again and raises it itself
                    send(("crash",))
            else:
                if batch:
                    send(("files", batch))
                send(("end", warnings))
        code = 0
    except BaseException:  # whatever happens, the parent walks again (exit code 1)
        pass
    finally:
        os._exit(code)
