"""Plain text: one finding a line, each rule's documentation URL, then one summary line (made
for pre-commit hooks).  With ``colour`` the path, the code and the summary are painted."""

from __future__ import annotations

from collections.abc import Mapping

from scopelint.model import Finding, LintResult
from scopelint.reporting.style import BOLD, DIM, GREEN, RED, SEVERITY_COLOURS, paint
from scopelint.reporting.summary import one_line, ordered, summary_line
from scopelint.rules.base import RuleInfo


def finding_line(finding: Finding, colour: bool = False) -> str:
    """``path:line:col: SL002 [missing-scopes] message``."""
    loc = finding.location
    code = paint(finding.code, BOLD, SEVERITY_COLOURS[finding.severity], on=colour)
    return (
        f"{paint(loc.path, BOLD, on=colour)}:{loc.line}:{loc.column}: {code} [{finding.name}] "
        f"{one_line(finding.message)}"
    )


def docs_lines(findings: list[Finding], rules: Mapping[str, RuleInfo], colour: bool = False) -> list[str]:
    """One line per rule that has findings: ``SL002 missing-scopes: <its documentation URL>``."""
    lines = []
    for code in sorted({f.code for f in findings}):
        info = rules.get(code)
        if info is not None:
            lines.append(paint(f"{code} {info.name}: {info.help_uri}", DIM, on=colour))
    return lines


def painted_summary(result: LintResult, colour: bool = False) -> str:
    return paint(summary_line(result), BOLD, RED if result.findings else GREEN, on=colour)


class TextReporter:
    name = "text"
    supports_colour = True

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo], colour: bool = False) -> str:
        findings = ordered(result.findings)
        lines = [finding_line(f, colour) for f in findings]
        lines.extend(docs_lines(findings, rules, colour))
        lines.append(painted_summary(result, colour))
        return "\n".join(lines)


REPORTER = TextReporter()
