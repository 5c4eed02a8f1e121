"""Grouped by file, as ruff's ``grouped`` format: a heading per file, its findings indented
under it (``  line:col CODE [name] message``), then each rule's documentation URL and the
summary.  Long reports read file by file."""

from __future__ import annotations

from collections.abc import Mapping

from scopelint.model import Finding, LintResult
from scopelint.reporting.style import BOLD, SEVERITY_COLOURS, paint
from scopelint.reporting.summary import one_line, ordered
from scopelint.reporting.text import docs_lines, painted_summary
from scopelint.rules.base import RuleInfo


def _entry(finding: Finding, width: int, colour: bool) -> str:
    loc = finding.location
    where = f"{loc.line}:{loc.column}".ljust(width)
    code = paint(finding.code, BOLD, SEVERITY_COLOURS[finding.severity], on=colour)
    return f"  {where} {code} [{finding.name}] {one_line(finding.message)}"


class GroupedReporter:
    name = "grouped"
    supports_colour = True

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo], colour: bool = False) -> str:
        findings = ordered(result.findings)
        by_file: dict[str, list[Finding]] = {}
        for finding in findings:
            by_file.setdefault(finding.location.path, []).append(finding)
        lines: list[str] = []
        for path, group in by_file.items():
            width = max(len(f"{f.location.line}:{f.location.column}") for f in group)
            lines.append(paint(f"{path}:", BOLD, on=colour))
            lines.extend(_entry(finding, width, colour) for finding in group)
            lines.append("")
        lines.extend(docs_lines(findings, rules, colour))
        lines.extend(f"Note: {note}" for note in result.notes)
        lines.append(painted_summary(result, colour))
        return "\n".join(lines)


REPORTER = GroupedReporter()
