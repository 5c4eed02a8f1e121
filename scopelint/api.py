"""scopelint as a library: the same operations as the CLI, returning plain objects.

    from scopelint.api import check, find_calls, scopes_for
    result = check(["src"])              # LintResult with .findings
    calls = find_calls(["src"])          # list of CallSite
    op = scopes_for("GET", "/rest/api/3/issue/PPT-28")   # Operation or None
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scopelint.model import CallSite, LintResult, Operation


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
    from scopelint.check.engine import LintOptions, lint

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
    from scopelint.check.engine import find_calls as find

    return find(paths, cwd=Path(cwd) if cwd else None, exclude=exclude)


def scopes_for(method: str | None, url: str) -> Operation | None:
    from scopelint.kb.table import load_default

    return load_default().resolve(method, url).operation
