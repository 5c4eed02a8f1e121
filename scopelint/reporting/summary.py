"""Counting and wording shared by the human-readable reporters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scopelint.model import Finding, LintResult, Severity

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_RANK: dict[Severity, int] = {s: i for i, s in enumerate(SEVERITY_ORDER)}
_SEVERITY_WORDS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "infos"),
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


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
    """One line: what was found (or that nothing was), how many calls were resolved, plus
    fixes and stale baseline entries."""
    files = plural(result.files_scanned, "file")
    if result.findings:
        problems = plural(len(result.findings), "problem")
        line = f"Found {problems} ({severity_breakdown(result.findings)}) in {files}; {calls_clause(result)}."
    else:
        line = f"All checks passed ({files}, {calls_clause(result)})."
    if result.fixed:
        line += f" Fixed {plural(result.fixed, 'problem')}."
    if result.stale_baseline:
        stale = plural(len(result.stale_baseline), "stale baseline entry", "stale baseline entries")
        line += f" {stale}."
    return line
