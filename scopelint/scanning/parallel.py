"""Scan many files: in this process for small runs, across processes for large trees.

Files can arrive as a stream (straight from discovery): the first ``PARALLEL_THRESHOLD``
files decide whether worker processes start, and after that each chunk goes to a worker as
soon as discovery has found it, so walking the tree and scanning it overlap.  Only the
small FileScans come back; file contents never leave the worker that read them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment

PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
CHUNK = 32  # files per task: small enough to balance the workers, large enough to batch
MAX_PENDING_PER_WORKER = 8  # tasks queued ahead of the workers (bounds memory on huge trees)


def _scan_chunk(files: Sequence[DiscoveredFile]) -> list[FileScan]:
    return [scan_file(f) for f in files]


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
    files: Iterable[DiscoveredFile], jobs: int, collected: list[DiscoveredFile]
) -> list[FileScan]:
    """Scan ``files`` (any iterable) in order, appending each file to ``collected`` as it arrives."""
    stream = iter(files)
    head = list(islice(stream, PARALLEL_THRESHOLD))
    collected.extend(head)
    workers = _workers(jobs)
    if workers <= 1 or len(head) < PARALLEL_THRESHOLD:
        collected.extend(stream)
        return _scan_chunk(collected)
    return _in_workers(head, stream, workers, collected)


def _chunks(head: list[DiscoveredFile], stream: Iterator[DiscoveredFile],
            collected: list[DiscoveredFile]) -> Iterator[list[DiscoveredFile]]:
    for start in range(0, len(head), CHUNK):
        yield head[start : start + CHUNK]
    while True:
        chunk = list(islice(stream, CHUNK))
        if not chunk:
            return
        collected.extend(chunk)
        yield chunk


def _in_workers(
    head: list[DiscoveredFile],
    stream: Iterator[DiscoveredFile],
    workers: int,
    collected: list[DiscoveredFile],
) -> list[FileScan]:
    """Scan chunks in a process pool.  A worker that dies (a parser crashing on some file)
    breaks the pool: the chunks in flight are then scanned again in isolation, down to the
    one file that kills its worker, and the rest of the tree goes on in a new pool."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: list[FileScan] = []
    chunks = _chunks(head, stream, collected)
    limit = workers * MAX_PENDING_PER_WORKER
    while True:
        pending: deque[tuple[Future[list[FileScan]], list[DiscoveredFile]]] = deque()
        in_hand: list[DiscoveredFile] | None = None  # taken from the stream, not yet submitted
        broken = False
        with ProcessPoolExecutor(max_workers=workers) as pool:
            try:
                for chunk in chunks:
                    in_hand = chunk
                    pending.append((pool.submit(_scan_chunk, chunk), chunk))
                    in_hand = None
                    while len(pending) >= limit or (pending and pending[0][0].done()):
                        results.extend(pending[0][0].result())
                        pending.popleft()
                while pending:
                    results.extend(pending[0][0].result())
                    pending.popleft()
            except BrokenProcessPool:
                broken = True
        if not broken:
            return results
        for _future, chunk in pending:  # in order: results stay in file order
            results.extend(_isolated(chunk))
        if in_hand is not None:
            results.extend(_isolated(in_hand))


def _isolated(chunk: list[DiscoveredFile]) -> list[FileScan]:
    """Scan ``chunk`` in a fresh one-worker pool, halving it until the file that kills the
    worker stands alone; that file gets a one-line warning instead of results."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_scan_chunk, chunk).result()
    except BrokenProcessPool:
        if len(chunk) == 1:
            crashed = FileScan(chunk[0].display)
            crashed.warnings.append(f"{chunk[0].display}: a parser crashed on this file; skipped")
            return [crashed]
        middle = len(chunk) // 2
        return _isolated(chunk[:middle]) + _isolated(chunk[middle:])


LINKED_PARALLEL_THRESHOLD = 48  # files scanned again with their imports linked


def _scan_linked_chunk(items: Sequence[tuple[DiscoveredFile, Environment]]) -> list[FileScan]:
    return [scan_file(file, environment) for file, environment in items]


def scan_linked(items: Sequence[tuple[DiscoveredFile, Environment]], jobs: int = 0) -> list[FileScan]:
    """Scan each file again with its linked environment (the linker's second pass), in order;
    across processes when there are many.  A worker that dies costs its chunk the linking:
    those files keep a plain scan."""
    workers = _workers(jobs)
    if workers <= 1 or len(items) < LINKED_PARALLEL_THRESHOLD:
        return _scan_linked_chunk(items)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [list(items[start : start + CHUNK]) for start in range(0, len(items), CHUNK)]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return [scan for done in pool.map(_scan_linked_chunk, chunks) for scan in done]
    except BrokenProcessPool:
        return _scan_chunk([file for file, _environment in items])
