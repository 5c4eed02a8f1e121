"""reviewdog Diagnostic Format (rdjson), for reviewdog ``-f=rdjson``.

rdjson counts columns in UTF-8 bytes while scopelint counts characters, so positions on lines
with non-ASCII text are converted by reading that line of the file (relative paths are read
under the run's root).  When the file cannot be read the character column is kept.
Suggestions carry the fix's edits that apply to the finding's own file (reviewdog attaches a
suggestion to the file of its diagnostic).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scopelint.model import Edit, Finding, LintResult, Severity
from scopelint.reporting.fingerprint import normalise_path
from scopelint.reporting.summary import SEVERITY_ORDER, ordered
from scopelint.rules.base import DOCS_URL, RuleInfo

SOURCE_URL = DOCS_URL.split("/blob/", 1)[0]

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "ERROR",
    Severity.WARNING: "WARNING",
    Severity.INFO: "INFO",
}


class ByteColumns:
    """Converts 1-based character columns to 1-based UTF-8 byte columns, file by file."""

    def __init__(self, root: str) -> None:
        self._root = Path(root)
        self._lines: dict[str, list[str] | None] = {}

    def _file_lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            full = Path(path) if Path(path).is_absolute() else self._root / path
            try:
                text = full.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                self._lines[path] = None
            else:
                self._lines[path] = text.split("\n")
        return self._lines[path]

    def convert(self, path: str, line: int, column: int) -> int:
        lines = self._file_lines(path)
        if lines is None or not 1 <= line <= len(lines):
            return column
        prefix = lines[line - 1][: column - 1]
        if prefix.isascii():
            return column
        return len(prefix.encode("utf-8")) + 1 + max(0, column - 1 - len(prefix))


def _position(columns: ByteColumns, path: str, line: int, column: int | None) -> dict[str, int]:
    if column is None:
        return {"line": line}
    return {"line": line, "column": columns.convert(path, line, column)}


def _suggestion(columns: ByteColumns, edit: Edit) -> dict[str, Any]:
    return {
        "range": {
            "start": _position(columns, edit.path, edit.line, edit.column),
            "end": _position(columns, edit.path, edit.end_line, edit.end_column),
        },
        "text": edit.text,
    }


def diagnostic(
    finding: Finding, rules: Mapping[str, RuleInfo], columns: ByteColumns
) -> dict[str, Any]:
    loc = finding.location
    range_: dict[str, Any] = {"start": _position(columns, loc.path, loc.line, loc.column)}
    if loc.end_line is not None:
        range_["end"] = _position(columns, loc.path, loc.end_line, loc.end_column)
    code: dict[str, str] = {"value": finding.code}
    rule = rules.get(finding.code)
    if rule is not None:
        code["url"] = rule.help_uri
    data: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": normalise_path(loc.path), "range": range_},
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    if finding.related:
        data["related_locations"] = [
            {
                "message": "used here",
                "location": {
                    "path": normalise_path(place.path),
                    "range": {"start": _position(columns, place.path, place.line, place.column)},
                },
            }
            for place in finding.related
        ]
    if finding.fix is not None:
        own_file = normalise_path(loc.path)
        edits = [e for e in finding.fix.edits if normalise_path(e.path) == own_file]
        if edits:
            data["suggestions"] = [_suggestion(columns, e) for e in edits]
    return data


def overall_severity(findings: list[Finding]) -> str:
    present = {f.severity for f in findings}
    for severity in SEVERITY_ORDER:
        if severity in present:
            return SEVERITIES[severity]
    return SEVERITIES[Severity.INFO]


class RdjsonReporter:
    name = "rdjson"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        findings = ordered(result.findings)
        columns = ByteColumns(result.root)
        document = {
            "source": {"name": "scopelint", "url": SOURCE_URL},
            "severity": overall_severity(findings),
            "diagnostics": [diagnostic(f, rules, columns) for f in findings],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)


REPORTER = RdjsonReporter()
