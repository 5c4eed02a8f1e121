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


class TextReporter:
    name = "text"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        lines = [finding_line(f) for f in ordered(result.findings)]
        lines.extend(f"Note: {note}" for note in result.notes)
        lines.append(summary_line(result))
        return "\n".join(lines)


REPORTER = TextReporter()
