"""Plain text: one finding a line, each rule's documentation URL, then one summary line (made
for pre-commit hooks).  With ``colour`` the path, the code and the summary are painted."""

from __future__ import annotations

from collections.abc import Mapping

from scopelint.model import Finding, LintResult
from scopelint.reporting.summary import one_line, ordered, summary_line
from scopelint.rules.base import RuleInfo


def finding_line(finding: Finding, colour: bool = False) -> str:
    """``path:line:col: SL002 [missing-scopes] message``."""
    loc = finding.location
    path, code = loc.path, finding.code
    if colour:
        from scopelint.reporting.style import BOLD, SEVERITY_COLOURS, paint

        path, code = paint(path, BOLD), paint(code, BOLD, SEVERITY_COLOURS[finding.severity])
    return f"{path}:{loc.line}:{loc.column}: {code} [{finding.name}] {one_line(finding.message)}"


def docs_lines(findings: list[Finding], rules: Mapping[str, RuleInfo], colour: bool = False) -> list[str]:
    """One line per rule that has findings: ``SL002 missing-scopes: <its documentation URL>``."""
    lines = []
    for code in sorted({f.code for f in findings}):
        info = rules.get(code)
        if info is not None:
            lines.append(f"{code} {info.name}: {info.help_uri}")
    if colour:
        from scopelint.reporting.style import DIM, paint

        lines = [paint(line, DIM) for line in lines]
    return lines


def painted_summary(result: LintResult, colour: bool = False) -> str:
    if not colour:
        return summary_line(result)
    from scopelint.reporting.style import BOLD, GREEN, RED, paint

    return paint(summary_line(result), BOLD, RED if result.findings else GREEN)


class TextReporter:
    name = "text"
    supports_colour = True

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo], colour: bool = False) -> str:
        findings = ordered(result.findings)
        lines = [finding_line(f, colour) for f in findings]
        lines.extend(docs_lines(findings, rules, colour))
        lines.extend(f"Note: {note}" for note in result.notes)
        lines.append(painted_summary(result, colour))
        return "\n".join(lines)


REPORTER = TextReporter()
