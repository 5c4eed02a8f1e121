"""Scan many files: in this process for small runs, across processes for large trees."""

from __future__ import annotations

import os
from collections.abc import Sequence

from scopelint.model import FileScan
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file

PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
CHUNK = 64


def _scan_chunk(files: Sequence[DiscoveredFile]) -> list[FileScan]:
    return [scan_file(f) for f in files]


def scan_many(files: Sequence[DiscoveredFile], jobs: int = 0) -> list[FileScan]:
    """Scan ``files`` in order; ``jobs`` 0 picks automatically, 1 forces one process."""
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        return _scan_chunk(files)
    from concurrent.futures import ProcessPoolExecutor

    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    results: list[FileScan] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for scans in pool.map(_scan_chunk, chunks):
            results.extend(scans)
    return results
