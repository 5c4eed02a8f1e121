"""Plain text: one finding a line, then one summary line (made for pre-commit hooks)."""

from __future__ import annotations

from collections.abc import Mapping

from scopelint.model import Finding, LintResult
from scopelint.reporting.summary import one_line, ordered, summary_line
from scopelint.rules.base import RuleInfo


def finding_line(finding: Finding) -> str:
    """``path:line:col: SL002 [missing-scopes] message``."""
    loc = finding.location
    return (
        f"{loc.path}:{loc.line}:{loc.column}: {finding.code} [{finding.name}] "
        f"{one_line(finding.message)}"
    )


def docs_lines(findings: list[Finding], rules: Mapping[str, RuleInfo]) -> list[str]:
    """One line per rule that has findings: ``SL002 missing-scopes: <its documentation URL>``."""
    lines = []
    for code in sorted({f.code for f in findings}):
        info = rules.get(code)
        if info is not None:
            lines.append(f"{code} {info.name}: {info.help_uri}")
    return lines


class TextReporter:
    name = "text"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        findings = ordered(result.findings)
        lines = [finding_line(f) for f in findings]
        lines.extend(docs_lines(findings, rules))
        lines.append(summary_line(result))
        return "\n".join(lines)


REPORTER = TextReporter()
