"""JSON: ``{"findings": [...], "summary": {...}}`` for scripts and other tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from scopelint.model import Edit, Finding, LintResult
from scopelint.reporting.fingerprint import unique_fingerprints
from scopelint.reporting.summary import fixable_counts, ordered, severity_counts
from scopelint.rules.base import RuleInfo


def _edit(edit: Edit) -> dict[str, Any]:
    return {
        "path": edit.path,
        "line": edit.line,
        "column": edit.column,
        "end_line": edit.end_line,
        "end_column": edit.end_column,
        "text": edit.text,
    }


def finding_dict(finding: Finding, fingerprint: str) -> dict[str, Any]:
    loc = finding.location
    data: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
    }
    if loc.end_line is not None:
        data["end_line"] = loc.end_line
    if loc.end_column is not None:
        data["end_column"] = loc.end_column
    data["message"] = finding.message
    if finding.endpoint is not None:
        method, path = finding.endpoint
        data["endpoint"] = {"method": method, "path": path}
    if finding.missing_scopes:
        data["missing_scopes"] = list(finding.missing_scopes)
    if finding.unused_scopes:
        data["unused_scopes"] = list(finding.unused_scopes)
    if finding.related:  # e.g. the calls that use the site URL an SL001 is reported at
        data["related"] = [
            {"path": loc.path, "line": loc.line, "column": loc.column} for loc in finding.related
        ]
    data["fingerprint"] = fingerprint
    if finding.fix is not None:
        data["fix"] = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [_edit(e) for e in finding.fix.edits],
        }
    return data


def summary_dict(result: LintResult) -> dict[str, Any]:
    by_code = Counter(f.code for f in result.findings)
    return {
        "files": result.files_scanned,  # checked; the skipped ones are not counted
        "files_skipped": len(result.skipped),
        "calls": result.calls_found,
        "calls_resolved": result.calls_resolved,
        "calls_unresolved": result.calls_unresolved,
        "notes": list(result.notes),
        "findings": len(result.findings),
        "by_code": dict(sorted(by_code.items())),
        "by_severity": {s.value: n for s, n in severity_counts(result.findings).items()},
        "fixed": result.fixed,
        "fixable": dict(zip(("safe", "unsafe"), fixable_counts(result.findings), strict=True)),
        "stale_baseline": list(result.stale_baseline),
        "tool_version": result.tool_version,
        "kb_version": result.kb_version,
    }


class JsonReporter:
    name = "json"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        findings = ordered(result.findings)
        fingerprints = unique_fingerprints(findings)
        document = {
            "findings": [finding_dict(f, fp) for f, fp in zip(findings, fingerprints, strict=True)],
            "summary": summary_dict(result),
        }
        return json.dumps(document, indent=2, ensure_ascii=False)


REPORTER = JsonReporter()
