"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Paths are relative URIs against ``%SRCROOT%`` (the run's root directory), columns count
Unicode code points, and every result carries a line-independent ``scopelint/v1``
fingerprint so alerts follow code that moves.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from scopelint.model import Edit, Finding, LintResult, Location, Severity
from scopelint.reporting.fingerprint import unique_fingerprints
from scopelint.reporting.summary import ordered
from scopelint.reporting.uris import directory_uri, file_uri, is_absolute, relative_uri
from scopelint.rules.base import DOCS_URL, RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = DOCS_URL.split("/blob/", 1)[0]
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "scopelint/v1"

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def _artifact_location(path: str) -> dict[str, str]:
    if is_absolute(path):
        return {"uri": file_uri(path)}
    return {"uri": relative_uri(path), "uriBaseId": SRCROOT}


def _region(location: Location) -> dict[str, int]:
    region = {"startLine": location.line, "startColumn": location.column}
    if location.end_line is not None:
        region["endLine"] = location.end_line
    if location.end_column is not None:
        region["endColumn"] = location.end_column
    return region


def _fence(code: str) -> str:
    longest = run = 0
    for char in code:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def _help(rule: RuleInfo) -> dict[str, str]:
    text = (
        f"{rule.summary}\n\n{rule.explanation}\n\n"
        f"Bad:\n{rule.bad_example.rstrip()}\n\nGood:\n{rule.good_example.rstrip()}"
    )
    bad_fence, good_fence = _fence(rule.bad_example), _fence(rule.good_example)
    markdown = (
        f"**{rule.summary}**\n\n{rule.explanation}\n\n"
        f"Bad:\n\n{bad_fence}\n{rule.bad_example.rstrip()}\n{bad_fence}\n\n"
        f"Good:\n\n{good_fence}\n{rule.good_example.rstrip()}\n{good_fence}\n\n"
        f"[Documentation]({rule.help_uri})"
    )
    return {"text": text, "markdown": markdown}


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": _help(rule),
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _unknown_rule_descriptor(finding: Finding) -> dict[str, Any]:
    """A finding whose rule is not in the metadata still gets a (minimal) rule entry."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _replacement(edit: Edit) -> dict[str, Any]:
    return {
        "deletedRegion": {
            "startLine": edit.line,
            "startColumn": edit.column,
            "endLine": edit.end_line,
            "endColumn": edit.end_column,
        },
        "insertedContent": {"text": edit.text},
    }


def _fixes(finding: Finding) -> list[dict[str, Any]]:
    if finding.fix is None or not finding.fix.edits:
        return []
    by_path: dict[str, list[Edit]] = defaultdict(list)
    for edit in finding.fix.edits:
        by_path[edit.path].append(edit)
    changes = [
        {
            "artifactLocation": _artifact_location(path),
            "replacements": [_replacement(e) for e in sorted(edits, key=_edit_start)],
        }
        for path, edits in by_path.items()
    ]
    return [{"description": {"text": finding.fix.description}, "artifactChanges": changes}]


def _edit_start(edit: Edit) -> tuple[int, int]:
    return (edit.line, edit.column)


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(finding.location.path),
                    "region": _region(finding.location),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": index,
                "physicalLocation": {
                    "artifactLocation": _artifact_location(loc.path),
                    "region": _region(loc),
                },
                "message": {"text": "used here"},
            }
            for index, loc in enumerate(finding.related, start=1)
        ]
    fixes = _fixes(finding)
    if fixes:
        result["fixes"] = fixes
    properties: dict[str, Any] = {}
    if finding.endpoint is not None:
        method, path = finding.endpoint
        properties["endpoint"] = {"method": method, "path": path}
    if finding.missing_scopes:
        properties["missingScopes"] = list(finding.missing_scopes)
    if finding.unused_scopes:
        properties["unusedScopes"] = list(finding.unused_scopes)
    if properties:
        result["properties"] = properties
    return result


def _driver(result: LintResult, descriptors: list[dict[str, Any]]) -> dict[str, Any]:
    full_name = "scopelint"
    if result.tool_version:
        full_name += f" {result.tool_version}"
    if result.kb_version:
        full_name += f", knowledge base {result.kb_version}"
    driver: dict[str, Any] = {
        "name": "scopelint",
        "fullName": full_name,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }
    if result.tool_version:
        driver["version"] = result.tool_version
        if _SEMVER.match(result.tool_version):
            driver["semanticVersion"] = result.tool_version
    if result.kb_version:
        driver["properties"] = {"knowledgeBaseVersion": result.kb_version}
    return driver


def build_log(result: LintResult, rules: Mapping[str, RuleInfo]) -> dict[str, Any]:
    """The SARIF log as plain data."""
    findings = ordered(result.findings)
    descriptors = [_rule_descriptor(rules[code]) for code in sorted(rules)]
    index_of = {code: i for i, code in enumerate(sorted(rules))}
    for finding in findings:
        if finding.code not in index_of:
            index_of[finding.code] = len(descriptors)
            descriptors.append(_unknown_rule_descriptor(finding))
    fingerprints = unique_fingerprints(findings)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    notifications = [
        {"level": "warning", "message": {"text": warning}} for warning in result.warnings
    ] + [{"level": "note", "message": {"text": note}} for note in result.notes]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": _driver(result, descriptors)},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(result.root)}},
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(f, index_of[f.code], fp) for f, fp in zip(findings, fingerprints, strict=True)
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReporter:
    name = "sarif"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        return json.dumps(build_log(result, rules), indent=2, ensure_ascii=False)


REPORTER = SarifReporter()
