"""Scan many files: in this process for small runs, across processes for large trees.

Files can arrive as a stream (straight from discovery): the first ``PARALLEL_THRESHOLD``
files decide whether worker processes start, and after that each chunk goes to a worker as
soon as discovery has found it, so walking the tree and scanning it overlap.  Only the
small FileScans come back; file contents never leave the worker that read them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Protocol, TypeVar

from scopelint.model import FileScan
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import KeyedScan, scan_file, scan_file_keyed

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment

PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
CHUNK = 32  # files per task: small enough to balance the workers, large enough to batch
MAX_PENDING_PER_WORKER = 8  # tasks queued ahead of the workers (bounds memory on huge trees)


class ResultCache(Protocol):
    """A store of earlier scans (``scopelint.check.cache.ScanCache``)."""

    def lookup(self, file: DiscoveredFile) -> FileScan | str | None:
        """The cached scan when the file is unchanged (size and modification time, facts);
        the digest of the cached content when only its time or size moved; None: no entry."""

    def store(self, file: DiscoveredFile, keyed: KeyedScan) -> FileScan:
        """Remember ``keyed`` and return the scan to use (the cached one when unchanged)."""

    def linked(self, file: DiscoveredFile, environment: str) -> FileScan | None:
        """The cached linked scan of ``file`` with the environment of digest ``environment``."""

    def store_linked(self, file: DiscoveredFile, environment: str, scan: FileScan) -> None: ...

    def link_plan(self, summaries: str) -> list[tuple[str, str]] | None:
        """The files the last run linked, with their environments' digests, when its
        summaries had the digest ``summaries`` and every path it consulted looks the same."""

    def store_link_plan(self, summaries: str, plan: list[tuple[str, str]],
                        consulted: list[list[object]] | None = None) -> None:
        """Keep ``plan``; ``consulted``: ``[[path, stamp], ...]`` of every other path the
        linker consulted (:mod:`scopelint.scanning.linking.stamps`), checked before reuse."""


Progress = Callable[[int, int], None]  # (files scanned, files found so far)
_T = TypeVar("_T")
_R = TypeVar("_R")


def _scan_chunk(files: Sequence[DiscoveredFile]) -> list[FileScan]:
    return [scan_file(f) for f in files]


def _scan_keyed_chunk(tasks: Sequence[tuple[DiscoveredFile, str | None]]) -> list[KeyedScan]:
    return [scan_file_keyed(file, expected) for file, expected in tasks]


def _crashed(file: DiscoveredFile) -> FileScan:
    crashed = FileScan(file.display)
    crashed.warnings.append(f"{file.display}: a parser crashed on this file; skipped")
    crashed.skipped = "a parser crashed on this file"
    return crashed


def _crashed_keyed(task: tuple[DiscoveredFile, str | None]) -> KeyedScan:
    return KeyedScan(_crashed(task[0]))  # no digest: never cached


def _workers(jobs: int) -> int:
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def scan_many(files: Sequence[DiscoveredFile], jobs: int = 0) -> list[FileScan]:
    """Scan ``files`` in order; ``jobs`` 0 picks automatically, 1 forces one process."""
    return scan_stream(files, jobs, [])


def scan_stream(
    files: Iterable[DiscoveredFile], jobs: int, collected: list[DiscoveredFile],
    cache: ResultCache | None = None, progress: Progress | None = None,
) -> list[FileScan]:
    """Scan ``files`` (any iterable) in order, appending each file to ``collected`` as it
    arrives; with ``cache``, files it holds unchanged are not read, and the others' scans
    are stored in it; ``progress`` is told (files scanned, files found so far) as it goes."""
    scanned = [0]

    def done(count: int) -> None:
        scanned[0] += count
        if progress is not None:
            progress(scanned[0], len(collected))

    if cache is None:
        def arriving() -> Iterator[DiscoveredFile]:
            for file in files:
                collected.append(file)
                yield file

        return _run(arriving(), jobs, _scan_chunk, _crashed, done)
    hits: dict[int, FileScan] = {}
    sent: list[int] = []

    def misses() -> Iterator[tuple[DiscoveredFile, str | None]]:
        for file in files:
            collected.append(file)
            found = cache.lookup(file)
            if isinstance(found, FileScan):
                hits[len(collected) - 1] = found
                done(1)
                continue
            sent.append(len(collected) - 1)
            yield file, found

    keyed = _run(misses(), jobs, _scan_keyed_chunk, _crashed_keyed, done)
    for index, result in zip(sent, keyed, strict=True):
        hits[index] = cache.store(collected[index], result)
    return [hits[index] for index in range(len(collected))]


def _run(stream: Iterator[_T], jobs: int, chunk_of: Callable[[list[_T]], list[_R]],
         crashed: Callable[[_T], _R], done: Callable[[int], None]) -> list[_R]:
    head = list(islice(stream, PARALLEL_THRESHOLD))
    workers = _workers(jobs)
    if workers <= 1 or len(head) < PARALLEL_THRESHOLD:
        items = head + list(stream)
        results: list[_R] = []
        for start in range(0, len(items), CHUNK):
            results.extend(chunk_of(items[start : start + CHUNK]))
            done(min(CHUNK, len(items) - start))
        return results
    return _in_workers(head, stream, workers, chunk_of, crashed, done)


def _chunks(head: list[_T], stream: Iterator[_T]) -> Iterator[list[_T]]:
    for start in range(0, len(head), CHUNK):
        yield head[start : start + CHUNK]
    while True:
        chunk = list(islice(stream, CHUNK))
        if not chunk:
            return
        yield chunk


def _in_workers(
    head: list[_T],
    stream: Iterator[_T],
    workers: int,
    chunk_of: Callable[[list[_T]], list[_R]],
    crashed: Callable[[_T], _R],
    done: Callable[[int], None],
) -> list[_R]:
    """Scan chunks in a process pool.  A worker that dies (a parser crashing on some file)
    breaks the pool: the chunks in flight are then scanned again in isolation, down to the
    one file that kills its worker, and the rest of the tree goes on in a new pool."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: list[_R] = []
    chunks = _chunks(head, stream)
    limit = workers * MAX_PENDING_PER_WORKER
    while True:
        pending: deque[tuple[Future[list[_R]], list[_T]]] = deque()
        in_hand: list[_T] | None = None  # taken from the stream, not yet submitted
        broken = False
        with ProcessPoolExecutor(max_workers=workers) as pool:
            try:
                for chunk in chunks:
                    in_hand = chunk
                    pending.append((pool.submit(chunk_of, chunk), chunk))
                    in_hand = None
                    while len(pending) >= limit or (pending and pending[0][0].done()):
                        results.extend(pending[0][0].result())
                        done(len(pending.popleft()[1]))
                while pending:
                    results.extend(pending[0][0].result())
                    done(len(pending.popleft()[1]))
            except BrokenProcessPool:
                broken = True
        if not broken:
            return results
        for _future, chunk in pending:  # in order: results stay in file order
            results.extend(_isolated(chunk, chunk_of, crashed))
        if in_hand is not None:
            results.extend(_isolated(in_hand, chunk_of, crashed))


def _isolated(chunk: list[_T], chunk_of: Callable[[list[_T]], list[_R]],
              crashed: Callable[[_T], _R]) -> list[_R]:
    """Scan ``chunk`` in a fresh one-worker pool, halving it until the file that kills the
    worker stands alone; that file gets a one-line warning instead of results."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(chunk_of, chunk).result()
    except BrokenProcessPool:
        if len(chunk) == 1:
            return [crashed(chunk[0])]
        middle = len(chunk) // 2
        return _isolated(chunk[:middle], chunk_of, crashed) + _isolated(chunk[middle:], chunk_of, crashed)


LINKED_PARALLEL_THRESHOLD = 48  # files scanned again with their imports linked


def _scan_linked_chunk(items: Sequence[tuple[DiscoveredFile, Environment]]) -> list[FileScan]:
    return [scan_file(file, environment) for file, environment in items]


def scan_linked(items: Sequence[tuple[DiscoveredFile, Environment]], jobs: int = 0,
                cache: ResultCache | None = None) -> list[FileScan]:
    """Scan each file again with its linked environment (the linker's second pass), in order;
    across processes when there are many; with ``cache``, a file whose environment is the one
    it was cached with is not scanned again.  A worker that dies costs its chunk the linking:
    those files keep a plain scan."""
    if cache is None:
        return _scan_linked(items, jobs)[0]
    digests = [environment_digest(env) for _f, env in items]
    found: list[FileScan | None] = [cache.linked(file, digest) if digest else None
                                    for (file, _env), digest in zip(items, digests, strict=True)]
    todo = [index for index, scan in enumerate(found) if scan is None]
    fresh, linked = _scan_linked([items[index] for index in todo], jobs)
    for index, scan in zip(todo, fresh, strict=True):
        if linked and digests[index]:
            cache.store_linked(items[index][0], digests[index], scan)
        found[index] = scan
    return [scan for scan in found if scan is not None]


def environment_digest(environment: Environment) -> str:
    """A SHA-256 (hex) of everything a linked environment holds; "" for another kind."""
    import hashlib
    import json

    from scopelint.scanning.core.environment import ModuleEnvironment

    if not isinstance(environment, ModuleEnvironment):
        return ""
    data = {module: {name: export.to_json() for name, export in table.items()}
            for module, table in environment.modules.items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


def _scan_linked(
    items: Sequence[tuple[DiscoveredFile, Environment]], jobs: int
) -> tuple[list[FileScan], bool]:
    """(the scans, whether they are linked: False when a worker died and plain scans stand in)."""
    workers = _workers(jobs)
    if workers <= 1 or len(items) < LINKED_PARALLEL_THRESHOLD:
        return _scan_linked_chunk(items), True
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [list(items[start : start + CHUNK]) for start in range(0, len(items), CHUNK)]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return [scan for done in pool.map(_scan_linked_chunk, chunks) for scan in done], True
    except BrokenProcessPool:
        return _scan_chunk([file for file, _environment in items]), False
