"""Suppression comments: rule names -> codes, which findings they hide, and which of them hid
nothing (for SL012 unused-suppression).

Reach, as in eslint and ruff: a comment at the end of a code line covers that line, a comment
alone on its line covers the next line, ``ignore-file`` covers the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable

from scopelint.common.records import replace
from scopelint.model import Finding, Suppression

MAX_UNKNOWN_WARNINGS = 10  # per file; then one line with the count

# (path, index of the comment in that file's list) -> the codes it suppressed
SuppressionUse = dict[tuple[str, int], frozenset[str]]


def resolve_suppressions(
    suppressions: dict[str, list[Suppression]], warnings: list[str]
) -> dict[str, list[Suppression]]:
    """Suppressions with rule names turned into codes.  A name or code of no rule stays as
    written (it matches nothing, so a typo never widens a comment to every rule) and gets a
    warning naming the comment's file and line."""
    from scopelint.rules.selection import rule_code

    resolved: dict[str, list[Suppression]] = {}
    for path, entries in suppressions.items():
        out = resolved.setdefault(path, [])
        unknown = 0
        for entry in entries:
            codes = set()
            for given in sorted(entry.codes):
                code = rule_code(given)
                if code is None:
                    unknown += 1
                    if unknown <= MAX_UNKNOWN_WARNINGS:
                        where = f"{path}:{entry.line}" + (f":{entry.column}" if entry.column else "")
                        shown = given if len(given) <= 40 else given[:40] + "…"
                        warnings.append(
                            f"{where}: unknown rule {shown!r} in a suppression comment (name a rule by "
                            "its code, e.g. SL001, or its name; `scopelint rules` lists them)"
                        )
                    code = given
                codes.add(code)
            out.append(entry if codes == entry.codes else replace(entry, codes=frozenset(codes)))
        if unknown > MAX_UNKNOWN_WARNINGS:
            warnings.append(
                f"{path}: {unknown - MAX_UNKNOWN_WARNINGS} more unknown rules in suppression comments"
            )
    return resolved


def covers(entry: Suppression, finding: Finding) -> bool:
    if entry.codes and finding.code not in entry.codes:
        return False
    return entry.covers_line(finding.location.line)


def suppress(
    findings: Iterable[Finding], suppressions: dict[str, list[Suppression]]
) -> tuple[list[Finding], SuppressionUse]:
    """(the findings no comment covers, the codes each comment suppressed).  A finding two
    comments cover counts as a use of both."""
    kept: list[Finding] = []
    use: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        path = finding.location.path
        hit = False
        for index, entry in enumerate(suppressions.get(path, ())):
            if covers(entry, finding):
                hit = True
                use.setdefault((path, index), set()).add(finding.code)
        if not hit:
            kept.append(finding)
    return kept, {key: frozenset(codes) for key, codes in use.items()}


def apply_suppressions(
    findings: Iterable[Finding], suppressions: dict[str, list[Suppression]]
) -> list[Finding]:
    """The findings no suppression comment covers."""
    return suppress(findings, suppressions)[0]
