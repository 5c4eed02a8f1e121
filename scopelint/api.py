"""scopelint as a library: the same operations as the CLI, returning plain objects.

    from scopelint.api import check, find_calls, scopes_for
    result = check(["src"])              # LintResult with .findings
    calls = find_calls(["src"])          # list of CallSite
    op = scopes_for("GET", "/rest/api/3/issue/PPT-28")   # Operation or None
    gone = retirement_for("GET", "/wiki/rest/api/space")  # Removal (dropped, replacement) or None
    traffic = recorded_traffic(har=["session.har"])       # scopelint.observe.session.Traffic
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scopelint.model import CallSite, LintResult, Operation, Removal

if TYPE_CHECKING:
    from scopelint.observe.session import Traffic


def check(
    paths: Sequence[str | Path] = (".",),
    *,
    cwd: str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    exclude: Sequence[str] = (),
    scopes: Sequence[str] | None = None,
    config: str | Path | None = None,
) -> LintResult:
    from scopelint.engine import LintOptions, lint

    options = LintOptions(
        paths=[Path(p) for p in paths],
        cwd=Path(cwd).resolve() if cwd else Path.cwd(),
        select=select,
        extend_ignore=ignore,
        exclude=exclude,
        scopes=scopes,
        config=Path(config) if config else None,
    )
    return lint(options)


def find_calls(
    paths: Sequence[str | Path], *, cwd: str | Path | None = None, exclude: Sequence[str] = ()
) -> list[CallSite]:
    """Every Atlassian REST call site (and API base URL) in ``paths``."""
    from scopelint.config import Settings
    from scopelint.engine import LintOptions, scan_paths

    options = LintOptions(
        paths=[Path(p) for p in paths],
        cwd=Path(cwd).resolve() if cwd else Path.cwd(),
        exclude=exclude,
        settings=Settings(),
    )
    return scan_paths(options, options.settings or Settings()).calls


def scopes_for(method: str | None, url: str) -> Operation | None:
    from scopelint.kb.table import load_default

    return load_default().resolve(method, url).operation


def retirement_for(method: str, url: str) -> Removal | None:
    """How Atlassian retired the operation ``method url`` calls: removed (``removed_on``), or
    dropped from its document (``dropped_from``, last seen ``last_seen``), with its
    ``replacement`` ("METHOD path", "" when none is known); None while it is current.  The
    operation itself (:func:`scopes_for`) keeps its last documented scopes."""
    from scopelint.kb.table import load_default

    kb = load_default()
    resolution = kb.resolve(method, url)
    template = resolution.operation.path if resolution.operation else resolution.path
    return kb.removal(method, template)


def recorded_traffic(
    har: Sequence[str | Path] = (), logs: Sequence[str | Path] = (), *, cwd: str | Path | None = None
) -> Traffic:
    """What HAR files and request logs (``METHOD URL [STATUS]`` a line) show: the requests to
    Atlassian APIs grouped per operation, with statuses and explained failures.  Raises
    ``scopelint.observe.har.RecordingError`` for a recording that cannot be read at all."""
    from scopelint.observe.session import read_traffic
    from scopelint.observe.sources import Recording

    recordings = [Recording("har", str(p)) for p in har] + [Recording("log", str(p)) for p in logs]
    return read_traffic(recordings, cwd=Path(cwd).resolve() if cwd else Path.cwd())
