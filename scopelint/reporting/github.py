"""GitHub Actions workflow commands: one annotation per finding, most important first.

GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step, so the
reporter picks the 10 most important of each level (by rule code, then path and line) and
emits them in the text format's order (path, line, column), then a plain summary and the
omitted findings as plain text lines for the job log, in that order too.
"""

from __future__ import annotations

from collections.abc import Mapping

from scopelint.model import Finding, LintResult, Severity
from scopelint.reporting.summary import SEVERITY_ORDER, ordered, plural, related_text, summary_line
from scopelint.reporting.text import finding_line
from scopelint.rules.base import RuleInfo

MAX_PER_LEVEL = 10

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    loc = finding.location
    properties = [
        ("file", loc.path.replace("\\", "/")),
        ("line", str(loc.line)),
        ("col", str(loc.column)),
    ]
    if loc.end_line is not None:
        properties.append(("endLine", str(loc.end_line)))
        if loc.end_column is not None and loc.end_line == loc.line:
            properties.append(("endColumn", str(loc.end_column)))
    properties.append(("title", f"{finding.code} {finding.name}"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = finding.message
    if finding.related:  # an annotation has one place: the others go in its text
        message += f"\nUsed at {related_text(finding)}"
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def _importance(finding: Finding) -> tuple[str, str, int, int]:
    loc = finding.location
    return (finding.code, loc.path, loc.line, loc.column)


class GithubReporter:
    name = "github"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        annotated: list[Finding] = []
        omitted: list[Finding] = []
        for severity in SEVERITY_ORDER:
            of_level = sorted(
                (f for f in result.findings if f.severity is severity), key=_importance
            )
            annotated.extend(of_level[:MAX_PER_LEVEL])
            omitted.extend(of_level[MAX_PER_LEVEL:])
        lines = [annotation(f) for f in ordered(annotated)]
        lines.extend(f"::notice title=scopelint::{escape_data(note)}" for note in result.notes)
        lines.append(f"scopelint: {summary_line(result)}")
        if omitted:
            more = plural(len(omitted), "more finding")
            lines.append(f"scopelint: {more} not annotated (see the job log / SARIF)")
            lines.extend(finding_line(f) for f in ordered(omitted))
        return "\n".join(lines)


REPORTER = GithubReporter()
