"""Fingerprints identify a finding without its line number."""

from __future__ import annotations

from dataclasses import replace

from reporting_sample import make_findings, moved, sl002

from scopelint.model import Finding, Location, Severity
from scopelint.reporting.fingerprint import (
    fingerprint,
    message_without_lines,
    unique_fingerprints,
)


def test_fingerprint_ignores_line_and_column_but_not_code_path_or_identity() -> None:
    base = sl002(12)
    assert fingerprint(base) == fingerprint(moved(base, 40))
    assert fingerprint(base) == fingerprint(replace(base, location=Location("src/app.py", 1, 99)))
    assert fingerprint(base) == fingerprint(replace(base, location=Location("./src/app.py", 1, 1)))
    assert fingerprint(base) != fingerprint(replace(base, code="SL001"))
    assert fingerprint(base) != fingerprint(replace(base, location=Location("src/other.py", 12, 5)))
    assert fingerprint(base) != fingerprint(replace(base, identity="POST /rest/api/3/issue"))


def test_fingerprint_is_a_stable_sha256() -> None:
    # a fixed value: a change here would orphan every baseline and SARIF alert out there
    finding = Finding(
        "SL003",
        "unused-scope",
        Severity.WARNING,
        Location("m.yml", 3, 1),
        "m",
        identity="write:jira-work",
    )
    expected = "f2767e67b450105cb717f5e71791dc32f2c62fd2a763570a5489a06d371ca802"
    assert fingerprint(finding) == expected
    assert fingerprint(moved(finding, 1)) == expected


def test_without_identity_the_message_counts_minus_line_numbers() -> None:
    at_3 = Finding("SL005", "x", Severity.INFO, Location("a.py", 3, 1), "dup of line 3 in a.py:3:7")
    at_9 = Finding("SL005", "x", Severity.INFO, Location("a.py", 9, 1), "dup of line 9 in a.py:9:1")
    other = replace(at_3, message="something else on line 3")
    assert fingerprint(at_3) == fingerprint(at_9)
    assert fingerprint(at_3) != fingerprint(other)
    assert message_without_lines("see lines 3-4 and L12, a.py:3") == "see and , a.py"


def test_unique_fingerprints_number_repeats_in_line_order() -> None:
    first, second = sl002(12), sl002(30)
    plain = fingerprint(first)
    # input order does not matter: numbering follows line order
    assert unique_fingerprints([second, first]) == [f"{plain}:1", plain]
    assert unique_fingerprints([first, second]) == [plain, f"{plain}:1"]


def test_unique_fingerprints_are_distinct_and_survive_moves() -> None:
    findings = make_findings()
    unique = unique_fingerprints(findings)
    assert len(set(unique)) == len(findings)
    assert unique == unique_fingerprints([moved(f, 5) for f in findings])
