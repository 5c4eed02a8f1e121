"""Cross-file linking: the second phase of a scan (issue #13).

Phase one scans every file alone, in parallel; a programming-language file's scan carries a
summary (``FileScan.summary``): what the module exports that can carry a URL or a method,
what it imports, and which imported names its calls asked about; a file that was not
parsed (nothing Atlassian in it) carries the imports read from its text.

:func:`link_scans` then builds the :class:`~scopelint.scanning.linking.project.Project`
from those summaries, decides which scanned files would find more with their imports
linked -- a parsed file whose calls asked for a name the project exports, an unparsed one
that imports such a module -- and scans just those again, each with its environment (in
worker processes when there are many).  Their new scans replace the old ones.  Modules the
run was not given (a pre-commit run over a few staged files) are read on demand, only as
far as the given files' imports lead; findings stay on the given files.

Nothing here raises on bad input: an import cycle, a missing module, a module that cannot
be parsed, or a name that cannot be resolved leaves the placeholder it had.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core.environment import FileSummary, ModuleEnvironment
from scopelint.scanning.discovery import DiscoveredFile, display_path
from scopelint.scanning.linking.project import Project

if TYPE_CHECKING:
    from scopelint.scanning.parallel import ResultCache

__all__ = ["link_buffer", "link_scans"]


def link_scans(
    files: Sequence[DiscoveredFile], scans: list[FileScan], top: Path, cwd: Path, jobs: int = 0,
    partial: bool = False, cache: ResultCache | None = None,
) -> list[FileScan]:
    """``scans`` (one per file of ``files``, in order) with the files that import values of
    other project modules scanned again with those values linked.

    ``partial``: the run was not given the whole project (a pre-commit run over staged files,
    a subfolder), so a module it imports may be one the run did not scan: the files' imports
    are followed even when nothing scanned exports anything."""
    started = time.time_ns()  # consulted files not older than this are not trusted
    memo = _summaries_digest(files, scans, top) if cache is not None and not partial else ""
    if memo and cache is not None:
        reused = _reuse(files, scans, cache, memo)
        if reused is not None:
            return reused
    summaries: dict[Path, FileSummary] = {}
    positions: dict[Path, int] = {}
    for position, (file, scan) in enumerate(zip(files, scans, strict=False)):
        if scan.summary is None:
            continue
        summary = FileSummary.from_json(scan.summary, file.display)
        if summary is None:
            continue
        path = Path(os.path.abspath(file.path))
        summaries[path] = summary
        positions[path] = position
    if not summaries or (not partial and not any(
        s.parsed and (s.exports or s.depends_on) for s in summaries.values()
    )):
        if memo and cache is not None:
            cache.store_link_plan(memo, [])
        return scans  # nothing any file could take from another

    from scopelint.scanning.scan import summarise_path

    project = Project(top, summaries, lambda path: summarise_path(path, display_path(path, cwd)),
                      lambda path: display_path(path, cwd))
    work: list[tuple[int, ModuleEnvironment]] = []
    for path, position in positions.items():
        if project.needs_linking(path):
            work.append((position, project.environment(path)))
    from scopelint.scanning.parallel import environment_digest, scan_linked

    if memo and cache is not None:
        plan = [(files[position].display, environment_digest(env)) for position, env in work]
        # Everything the linker looked at besides the summaries: modules read from outside
        # the scanned set, tsconfig/package.json/go.mod, folders listed, files probed.
        scanned = {str(path) for path in summaries}
        consulted = project.resolver.read | (project.resolver.consulted - scanned)
        from scopelint.scanning.linking import stamps

        recorded = stamps.record(consulted, started)
        if recorded is not None and all(digest for _display, digest in plan):
            cache.store_link_plan(memo, plan, recorded)
    if not work:
        return scans
    rescanned = scan_linked([(files[position], env) for position, env in work], jobs, cache)
    result = list(scans)
    for (position, _env), scan in zip(work, rescanned, strict=True):
        scan.summary = scans[position].summary
        result[position] = scan
    return result


def _summaries_digest(files: Sequence[DiscoveredFile], scans: Sequence[FileScan], top: Path) -> str:
    """A SHA-256 (hex) of the project top and every file's path and summary: the linker's
    input from the scan (what it read from disk besides is kept with the plan, stamped)."""
    import hashlib
    import json

    every = [[file.display, scan.summary] for file, scan in zip(files, scans, strict=False)
             if scan.summary is not None]  # one dumps: a call per file costs twice as much
    text = json.dumps([str(top), every], separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _reuse(files: Sequence[DiscoveredFile], scans: list[FileScan], cache: ResultCache,
           memo: str) -> list[FileScan] | None:
    """The linked scans of the last run whose summaries were the same, when the cache has
    them all; else None."""
    plan = cache.link_plan(memo)
    if plan is None:
        return None
    where = {file.display: position for position, file in enumerate(files)}
    result = list(scans)
    for display, environment in plan:
        position = where.get(display)
        linked = cache.linked(files[position], environment) if position is not None else None
        if position is None or linked is None:
            return None
        linked.summary = scans[position].summary
        result[position] = linked
    return result


def link_buffer(file: DiscoveredFile, data: bytes, scan: FileScan, top: Path, cwd: Path) -> FileScan:
    """``scan`` of a buffer an editor piped in as ``file`` (``--stdin-filename``), scanned
    again with its imports linked when the project's modules give its calls more (the other
    modules are read from disk, only as far as the buffer's imports lead)."""
    if scan.summary is None:
        return scan
    summary = FileSummary.from_json(scan.summary, file.display)
    if summary is None:
        return scan
    from scopelint.scanning.scan import scan_bytes, summarise_path

    path = Path(os.path.abspath(file.path))
    project = Project(top, {path: summary}, lambda p: summarise_path(p, display_path(p, cwd)),
                      lambda p: display_path(p, cwd))
    if not project.needs_linking(path):
        return scan
    linked = scan_bytes(file, data, project.environment(path))
    linked.summary = scan.summary
    return linked
