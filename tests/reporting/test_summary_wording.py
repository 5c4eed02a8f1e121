"""Counts and grammar of the summary line with 0, 1 and 2 of everything (issue #18 item 12)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scopelint.model import Finding, Fix, LintResult, Location, Severity
from scopelint.reporting.summary import summary_line


def finding(path: str, severity: Severity = Severity.ERROR, fix: Fix | None = None) -> Finding:
    return Finding("SL001", "hardcoded-site-url", severity, Location(path, 1, 1), "m", fix=fix)


NO_CALLS = "; 0 calls resolved, 0 unresolved."
SAFE = Fix("add a scope", safe=True, target="manifest.yml", add_scopes=("read:jira-work",))
UNSAFE = Fix("use the gateway", safe=False)


@pytest.mark.parametrize(
    ("scanned", "calls", "unresolved", "expected"),
    [
        (0, 0, 0, "All checks passed (0 files, 0 calls resolved, 0 unresolved)."),
        (1, 1, 0, "All checks passed (1 file, 1 call resolved, 0 unresolved)."),
        (2, 2, 0, "All checks passed (2 files, 2 calls resolved, 0 unresolved)."),
        (1, 2, 0, "All checks passed (1 file, 2 calls resolved, 0 unresolved)."),
        (1, 3, 1, "All checks passed (1 file, 2 calls resolved, 1 unresolved)."),
        (1, 2, 2, "All checks passed (1 file, 0 calls resolved, 2 unresolved)."),
    ],
)
def test_clean(scanned: int, calls: int, unresolved: int, expected: str) -> None:
    result = LintResult(findings=[], files_scanned=scanned, calls_found=calls, calls_unresolved=unresolved)
    assert summary_line(result) == expected


@pytest.mark.parametrize(
    ("findings", "scanned", "expected"),
    [
        ([finding("a.py")], 1, "Found 1 problem (1 error) in 1 file, 1 scanned" + NO_CALLS),
        ([finding("a.py")], 7, "Found 1 problem (1 error) in 1 file, 7 scanned" + NO_CALLS),
        (
            [finding("a.py"), finding("a.py")], 2,
            "Found 2 problems (2 errors) in 1 file, 2 scanned" + NO_CALLS,
        ),
        (
            [finding("a.py"), finding("b.py", Severity.WARNING)], 2,
            "Found 2 problems (1 error, 1 warning) in 2 files, 2 scanned" + NO_CALLS,
        ),
        (
            [finding("a.py", Severity.WARNING), finding("b.py", Severity.WARNING),
             finding("b.py", Severity.INFO)],
            9, "Found 3 problems (2 warnings, 1 info) in 2 files, 9 scanned" + NO_CALLS,
        ),
    ],
)
def test_found(findings: list[Finding], scanned: int, expected: str) -> None:
    assert summary_line(LintResult(findings=findings, files_scanned=scanned)) == expected


def test_found_counts_resolved_and_unresolved_calls() -> None:
    result = LintResult(findings=[finding("a.py")], files_scanned=3, calls_found=5, calls_unresolved=1)

    assert summary_line(result) == (
        "Found 1 problem (1 error) in 1 file, 3 scanned; 4 calls resolved, 1 unresolved."
    )


@pytest.mark.parametrize(
    ("fixes", "mode", "unsafe_flag", "fixed", "clause"),
    [
        ([SAFE], "", False, 0, "1 fixable with --fix"),
        ([SAFE, SAFE], "", False, 0, "2 fixable with --fix"),
        ([UNSAFE], "", False, 0, "1 fixable with --fix --unsafe-fixes"),
        ([SAFE, UNSAFE, UNSAFE], "", False, 0, "1 fixable with --fix (2 more with --unsafe-fixes)"),
        ([UNSAFE, UNSAFE, UNSAFE], "fix", False, 0, "0 fixed (3 fixable with --unsafe-fixes)"),
        ([UNSAFE], "fix", False, 1, "1 fixed (1 fixable with --unsafe-fixes)"),
        ([None], "fix", False, 2, "2 fixed"),
        ([None], "fix", True, 0, "0 fixed"),
        ([SAFE, UNSAFE], "diff", False, 1, "1 would be fixed (1 more with --unsafe-fixes)"),
        ([SAFE, UNSAFE], "diff", True, 2, "2 would be fixed"),
    ],
)
def test_fix_clause(fixes: list[Fix | None], mode: str, unsafe_flag: bool, fixed: int, clause: str) -> None:
    findings = [finding("a.py", fix=fix) for fix in fixes]
    result = LintResult(
        findings=findings, files_scanned=1, fixed=fixed, fix_mode=mode, unsafe_fixes=unsafe_flag
    )
    count = len(findings)
    problems = "1 problem (1 error)" if count == 1 else f"{count} problems ({count} errors)"

    assert summary_line(result) == f"Found {problems} in 1 file, 1 scanned{NO_CALLS} {clause}."


@pytest.mark.parametrize(("stale", "words"), [(1, "1 stale baseline entry"), (2, "2 stale baseline entries")])
def test_stale_baseline_entries(stale: int, words: str) -> None:
    result = LintResult(findings=[], files_scanned=1, calls_found=0, stale_baseline=["x"] * stale)

    assert summary_line(result) == f"All checks passed (1 file, 0 calls resolved, 0 unresolved). {words}."
    assert summary_line(replace(result, fix_mode="fix", fixed=1)).endswith(f"1 fixed. {words}.")
