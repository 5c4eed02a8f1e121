"""GitLab Code Quality report (a JSON list of Code Climate issues).

Severity mapping: error -> "major", warning -> "minor", info -> "info".  (GitLab also knows
"critical" and "blocker"; scopelint keeps those for nothing, so a broken call shows as a major
issue next to other linters' findings instead of outranking security scanners.)
Fingerprints are unique per finding even when the same call appears twice in a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from scopelint.model import Finding, LintResult, Severity
from scopelint.reporting.fingerprint import normalise_path, unique_fingerprints
from scopelint.reporting.summary import ordered
from scopelint.rules.base import RuleInfo

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "major",
    Severity.WARNING: "minor",
    Severity.INFO: "info",
}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    data = _issue(finding, fingerprint)
    if finding.related:  # Code Climate's other_locations (GitLab shows the first location)
        data["other_locations"] = [
            {"path": normalise_path(loc.path), "lines": {"begin": loc.line}} for loc in finding.related
        ]
    return data


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{finding.code} [{finding.name}] {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": normalise_path(finding.location.path),
            "lines": {"begin": finding.location.line},
        },
    }


class GitlabReporter:
    name = "gitlab"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        findings = ordered(result.findings)
        fingerprints = unique_fingerprints(findings)
        issues = [issue(f, fp) for f, fp in zip(findings, fingerprints, strict=True)]
        return json.dumps(issues, indent=2, ensure_ascii=False)


REPORTER = GitlabReporter()
