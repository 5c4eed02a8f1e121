"""Counting and wording shared by the human-readable reporters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scopelint.common.words import plural as plural  # re-exported for the reporters
from scopelint.model import Finding, LintResult, Severity

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_RANK: dict[Severity, int] = {s: i for i, s in enumerate(SEVERITY_ORDER)}
_SEVERITY_WORDS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "infos"),
}


def one_line(text: str) -> str:
    """``text`` with line breaks turned into spaces (a finding is one line of output)."""
    return " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text


def related_text(finding: Finding, limit: int = 5) -> str:
    """The related locations of a finding as one line (``app.py:8:25, app.py:12:25``), at most
    ``limit`` of them then ``and N more``; empty when it has none."""
    shown = [f"{loc.path}:{loc.line}:{loc.column}" for loc in finding.related[:limit]]
    more = len(finding.related) - len(shown)
    if more > 0:
        shown.append(f"and {more} more")
    return ", ".join(shown)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by path, line, column, code."""
    return sorted(findings, key=Finding.sort_key)


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in SEVERITY_ORDER}


def severity_breakdown(findings: Iterable[Finding]) -> str:
    """``"2 errors, 1 warning"``: the non-zero severities, most severe first."""
    parts = []
    for severity, count in severity_counts(findings).items():
        if count:
            singular, many = _SEVERITY_WORDS[severity]
            parts.append(plural(count, singular, many))
    return ", ".join(parts)


def calls_clause(result: LintResult) -> str:
    """``5 calls resolved, 1 unresolved`` (an unresolved call's operation is unknown)."""
    return f"{plural(result.calls_resolved, 'call')} resolved, {result.calls_unresolved} unresolved"


def summary_line(result: LintResult) -> str:
    """One line: what was found (or that nothing was), how many calls scopelint resolved to an
    operation, what fixes did or can do, and stale baseline entries.

    ``Found 3 problems (2 errors, 1 warning) in 2 files, 7 scanned; 5 calls resolved, 1
    unresolved. 1 fixable with --fix.``  Files found but not checked (``result.skipped``) are
    not in the scanned count: ``...; 1 file skipped.``
    """
    scanned = result.files_scanned
    if result.findings:
        problems = plural(len(result.findings), "problem")
        files = plural(len({f.location.path for f in result.findings}), "file")
        line = (f"Found {problems} ({severity_breakdown(result.findings)}) in {files}, {scanned} scanned; "
                f"{calls_clause(result)}.")
    else:
        line = f"All checks passed ({plural(scanned, 'file')}, {calls_clause(result)})."
    if result.skipped:  # binary, not a regular file, too deeply nested: each has had a warning
        line = line[:-1] + f"; {plural(len(result.skipped), 'file')} skipped."
    fixes = fix_clause(result)
    if fixes:
        line += f" {fixes}."
    if result.stale_baseline:
        stale = plural(len(result.stale_baseline), "stale baseline entry", "stale baseline entries")
        line += f" {stale}."
    return line


def fixable_counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(findings with a safe fix, findings whose only fix is unsafe)."""
    safe = unsafe = 0
    for finding in findings:
        if finding.fix is not None:
            if finding.fix.safe:
                safe += 1
            else:
                unsafe += 1
    return safe, unsafe


def fix_clause(result: LintResult) -> str:
    """What --fix did or would do, as ruff says it: ``2 fixed (1 fixable with --unsafe-fixes)``,
    ``0 fixed``, ``1 would be fixed``, ``2 fixable with --fix (1 more with --unsafe-fixes)``;
    empty when nothing was asked and nothing can be fixed."""
    safe, unsafe = fixable_counts(result.findings)
    more = "" if result.unsafe_fixes or not unsafe else f" ({unsafe} fixable with --unsafe-fixes)"
    if result.fix_mode == "fix":
        return f"{result.fixed} fixed{more}"
    if result.fix_mode == "diff":
        more = more.replace("fixable", "more")
        return f"{result.fixed} would be fixed{more}"
    if safe and unsafe:
        return f"{safe} fixable with --fix ({unsafe} more with --unsafe-fixes)"
    if safe:
        return f"{safe} fixable with --fix"
    if unsafe:
        return f"{unsafe} fixable with --fix --unsafe-fixes"
    if result.fixed:  # a caller that fixed without saying how
        return f"{result.fixed} fixed"
    return ""
