"""scopelint as a library: the same operations as the CLI, returning plain objects.

    from scopelint.api import check, find_calls, scopes_for
    result = check(["src"])              # LintResult with .findings
    new = check(["src"], baseline="scopelint-baseline.json", since="origin/main")
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
    baseline: str | Path | None = None,
    write_baseline: str | Path | None = None,
    since: str | None = None,
    jobs: int = 0,
    force_exclude: bool = False,
    isolated: bool = False,
) -> LintResult:
    """Lint ``paths`` (relative to ``cwd``, default: the working directory) as ``scopelint check``.

    - ``select`` / ``ignore``: rule codes or prefixes (``select=None``: the configuration's);
      ``exclude``: gitignore-style globs; ``scopes``: declared scopes that override every
      declaration found; ``config``: a configuration file (relative to ``cwd``) instead of
      the one found.
    - ``baseline``: a baseline file (relative to ``cwd``): findings recorded there are left out,
      and entries that matched nothing are listed in ``result.stale_baseline``.
    - ``write_baseline``: record today's findings in this file (relative to ``cwd``) first.
    - ``since``: a git revision; only findings on lines added or changed since it are kept
      (uncommitted and untracked files count as changed).
    - ``jobs``: worker processes (0: automatic).
    - ``force_exclude``: skip paths an exclude pattern matches even when they are in ``paths``
      (otherwise they are checked, with a warning in ``result.warnings``); ``isolated``: read no
      configuration file.

    Rule selectors (``select``, ``ignore``, the configuration's, suppression comments) are
    codes, code prefixes, rule names or ``ALL``; one that names no rule raises ScopelintError.

    Nothing is printed.  Raises :class:`~scopelint.errors.ScopelintError` (a
    ``ConfigError`` for a bad configuration) for a missing path, a bad baseline file, an
    unknown revision, or a scope of ``scopes`` no Atlassian document knows.
    """
    from scopelint.check.run import CheckRequest, execute

    where = Path(cwd).resolve() if cwd else Path.cwd()

    def under_cwd(path: str | Path | None) -> Path | None:
        return None if path is None else where / path

    request = CheckRequest(
        paths=[Path(p) for p in paths],
        cwd=where,
        select=select,
        ignore=ignore,
        exclude=exclude,
        scopes=scopes,
        config=under_cwd(config) if config else None,
        since=since,
        baseline=under_cwd(baseline),
        write_baseline=under_cwd(write_baseline),
        jobs=jobs,
        force_exclude=force_exclude,
        isolated=isolated,
    )
    result, _diff = execute(request)
    return result


def find_calls(
    paths: Sequence[str | Path], *, cwd: str | Path | None = None, exclude: Sequence[str] = (),
    config: str | Path | bool = False,
) -> list[CallSite]:
    """Every Atlassian REST call site (and API base URL) in ``paths``.

    ``exclude``: gitignore-style globs.  ``config``: False (the default) reads no
    configuration; True reads the one :func:`check` finds from ``cwd`` (its ``exclude``
    applies); a path (relative to ``cwd``) reads that file.  Raises ScopelintError for a
    configuration that cannot be read.
    """
    from scopelint.check.engine import find_calls as find

    where = Path(cwd).resolve() if cwd else Path.cwd()
    chosen = config if isinstance(config, bool) else where / config
    return find(paths, cwd=where, exclude=exclude, config=chosen)


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
