"""One `check` run end to end: lint, fix, narrow to changed lines, baseline, render.

:func:`execute` does everything but rendering (the library's ``scopelint.api.check`` stops
there); :func:`run` renders the report too (the CLI).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scopelint.check.engine import LintOptions, lint
from scopelint.common.records import dataclass, field
from scopelint.kb.preference import Prefer
from scopelint.model import Finding, LintResult

if TYPE_CHECKING:
    from scopelint.fixing.suppressions import AddOutcome
    from scopelint.scanning.parallel import Progress

# Adds findings from inputs other than files (recorded traffic: scopelint.observe) to the
# result, located in those inputs; returns their paths, which --since does not narrow.
FindingSource = Callable[[LintOptions, LintResult], Collection[str]]


@dataclass(slots=True)
class CheckRequest:
    paths: Sequence[Path] = (Path("."),)
    cwd: Path = field(default_factory=Path.cwd)
    output_format: str = "text"
    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    exclude: Sequence[str] = ()
    scopes: Sequence[str] | None = None
    config: Path | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    since: str | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    jobs: int = 0
    more_findings: Sequence[FindingSource] = ()
    prefer: Prefer | None = None  # --prefer granular|classic (see LintOptions.prefer)
    add_suppressions: bool = False
    force_exclude: bool = False
    isolated: bool = False
    stdin: tuple[str, bytes] | None = None  # (the file name it stands for, its bytes)
    colour: bool = False  # paint the text and grouped reports
    cache: bool = False  # keep per-file scans between runs (the CLI: on unless --no-cache)
    progress: Progress | None = None  # told (files scanned, files found so far) while scanning


@dataclass(slots=True)
class CheckOutcome:
    result: LintResult
    report: str = ""
    diff_text: str = ""
    added: AddOutcome | None = None  # --add-suppressions
    baseline_written: int | None = None  # entries --write-baseline wrote
    scopes_added: dict[str, list[str]] = field(default_factory=dict)  # --fix: declaration -> scopes
    # --fix: Forge manifest -> egress/image entries added, as (dotted list, entry)
    entries_added: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    fixes_applied: list[Finding] = field(default_factory=list)  # --fix (--diff: would be)


def execute(request: CheckRequest) -> tuple[LintResult, str]:
    """(the findings left after fixing, ``since`` and the baseline; the ``--diff`` text).

    Raises ScopelintError for a bad configuration, revision or baseline file.
    """
    outcome = execute_all(request)
    return outcome.result, outcome.diff_text


def execute_all(request: CheckRequest) -> CheckOutcome:
    """:func:`execute`, with everything a run did (no report rendered)."""
    options = LintOptions(
        paths=request.paths,
        cwd=request.cwd,
        select=request.select,
        extend_ignore=request.ignore,
        exclude=request.exclude,
        scopes=request.scopes,
        config=request.config,
        jobs=request.jobs,
        prefer=request.prefer,
        force_exclude=request.force_exclude,
        isolated=request.isolated,
        stdin=request.stdin,
        cache=request.cache,
        progress=request.progress,
    )
    result = lint(options)
    diff_text = ""
    scopes_added: dict[str, list[str]] = {}
    entries_added: dict[str, list[tuple[str, str]]] = {}
    fixes_applied: list[Finding] = []
    if request.fix:
        from scopelint.fixing.plan import fix_findings

        fixed = fix_findings(result, options.cwd, unsafe=request.unsafe_fixes, diff_only=request.diff)
        diff_text = fixed.diff_text
        if not request.diff and fixed.changed_files:
            remaining = lint(options)  # what is left after the writes
            remaining.fixed = fixed.fixed
            remaining.warnings = result.warnings + fixed.warnings + [
                w for w in remaining.warnings if w not in result.warnings
            ]
            result = remaining
        else:
            result.warnings.extend(fixed.warnings)
            result.fixed = fixed.fixed  # --diff: what would be fixed
        if not request.diff:
            scopes_added, entries_added = fixed.scopes_added, fixed.entries_added
        fixes_applied = fixed.applied
    if request.fix:
        result.fix_mode = "diff" if request.diff else "fix"
        result.unsafe_fixes = request.unsafe_fixes
    baseline_written: int | None = None
    always_shown: set[str] = set()
    for source in request.more_findings:  # after fixing: these carry no fix
        always_shown.update(source(options, result))
    changed: dict[str, set[int]] | None = None
    if request.since:  # read after fixing (lines may move), before a baseline is written
        from scopelint.check.changed_lines import changed_lines

        changed = changed_lines(request.since, request.cwd, request.paths)
        for finding in result.findings:  # recorded traffic is not code: --since keeps it all
            if finding.location.path in always_shown:
                changed.setdefault(finding.location.path, set()).add(finding.location.line)
    if request.write_baseline is not None:
        from scopelint.check.baseline import write_baseline

        baseline_written = write_baseline(request.write_baseline, result.findings)
    if request.baseline is not None:
        from scopelint.check.baseline import apply_baseline

        cwd = request.cwd
        result.findings, result.stale_baseline = apply_baseline(
            result.findings, request.baseline, set(result.scanned_paths),
            present=lambda path: os.path.lexists(os.path.join(cwd, path)),
        )
    # After the baseline: a baseline records (and is matched against) every finding, so
    # findings on unchanged lines neither go missing from it nor show up as stale.
    if changed is not None:
        from scopelint.check.changed_lines import filter_to_changed

        result.findings = filter_to_changed(result.findings, changed, request.cwd)
    outcome = CheckOutcome(
        result=result, diff_text=diff_text, baseline_written=baseline_written, scopes_added=scopes_added,
        entries_added=entries_added, fixes_applied=fixes_applied,
    )
    if request.add_suppressions:
        from scopelint.fixing.suppressions import add_suppressions

        outcome.added = add_suppressions(result.findings, request.cwd, diff_only=request.diff)
        outcome.diff_text = outcome.added.diff_text
    return outcome


def run(request: CheckRequest) -> CheckOutcome:
    """:func:`execute_all`, then the report in ``request.output_format``."""
    outcome = execute_all(request)
    result = outcome.result
    if request.add_suppressions:
        return outcome
    if not result.kb_version and request.output_format != "text":
        from scopelint.kb.table import load_default

        result.kb_version = load_default().describe()  # the table was not needed to lint
    from scopelint.reporting import render
    from scopelint.rules import rule_infos

    outcome.report = render(request.output_format, result, rule_infos(), colour=request.colour)
    return outcome
