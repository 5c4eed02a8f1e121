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

from scopelint.model import FileScan
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file

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
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    results: list[FileScan] = []
    pending: deque[Future[list[FileScan]]] = deque()
    limit = workers * MAX_PENDING_PER_WORKER
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in _chunks(head, stream, collected):
            pending.append(pool.submit(_scan_chunk, chunk))
            while len(pending) >= limit or (pending and pending[0].done()):
                results.extend(pending.popleft().result())
        while pending:
            results.extend(pending.popleft().result())
    return results
