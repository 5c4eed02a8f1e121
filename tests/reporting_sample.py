"""Hand-made findings and rule metadata for the reporting tests."""

from __future__ import annotations

from dataclasses import replace

from scopelint.model import Edit, Finding, Fix, LintResult, Location, Severity
from scopelint.rules.base import RuleInfo

RULES: dict[str, RuleInfo] = {
    "SL001": RuleInfo(
        code="SL001",
        name="bare-site-url",
        severity=Severity.ERROR,
        summary="Scoped tokens must call the api.atlassian.com gateway.",
        explanation="A scoped API token is rejected on https://<site>.atlassian.net.",
        bad_example="requests.get('https://acme.atlassian.net/rest/api/3/myself')",
        good_example="requests.get(f'https://api.atlassian.com/ex/jira/{cloud_id}/rest/api/3/myself')",
    ),
    "SL002": RuleInfo(
        code="SL002",
        name="missing-scopes",
        severity=Severity.ERROR,
        summary="The token lacks a scope the endpoint needs.",
        explanation="Add the missing scopes to the token or the app manifest.",
        bad_example="scopes:\n  - read:jira-user",
        good_example="scopes:\n  - read:jira-user\n  - read:jira-work",
    ),
    "SL003": RuleInfo(
        code="SL003",
        name="unused-scope",
        severity=Severity.WARNING,
        summary="A declared scope is never needed.",
        explanation="Drop scopes nothing uses: least privilege.",
        bad_example="scopes: [write:jira-work]",
        good_example="scopes: []",
    ),
    "SL007": RuleInfo(
        code="SL007",
        name="deprecated-endpoint",
        severity=Severity.INFO,
        summary="The endpoint is deprecated.",
        explanation="Move to the replacement before it is removed.",
        bad_example="GET /rest/api/3/search",
        good_example="GET /rest/api/3/search/jql",
    ),
}

MANIFEST_EDIT = Edit(
    path="manifest.yml", line=9, column=1, end_line=9, end_column=1, text="    - read:jira-work\n"
)
SAME_FILE_EDIT = Edit(
    path="src/app.py", line=12, column=18, end_line=12, end_column=38, text="/rest/api/3/issue/1"
)


def sl002(line: int, column: int = 5, *, fix: Fix | None = None) -> Finding:
    return Finding(
        code="SL002",
        name="missing-scopes",
        severity=Severity.ERROR,
        location=Location("src/app.py", line, column, line, column + 40),
        message="GET /rest/api/3/issue/{issueIdOrKey} needs read:jira-work, not declared",
        endpoint=("GET", "/rest/api/3/issue/{issueIdOrKey}"),
        missing_scopes=("read:jira-work",),
        identity="GET /rest/api/3/issue/{issueIdOrKey}",
        fix=fix,
    )


def make_findings() -> list[Finding]:
    return [
        sl002(12, fix=Fix("Add read:jira-work to manifest.yml", True, (MANIFEST_EDIT, SAME_FILE_EDIT))),
        sl002(30, 9),
        Finding(
            code="SL003",
            name="unused-scope",
            severity=Severity.WARNING,
            location=Location("manifest.yml", 8, 7),
            message="scope write:jira-work is declared but nothing needs it",
            unused_scopes=("write:jira-work",),
            identity="write:jira-work",
        ),
        Finding(
            code="SL007",
            name="deprecated-endpoint",
            severity=Severity.INFO,
            location=Location("docs/my notes #1.md", 3, 1),
            message="50% done, `GET /rest/api/3/search` | deprecated: use /search/jql @team",
            endpoint=("GET", "/rest/api/3/search"),
            identity="GET /rest/api/3/search",
        ),
    ]


def moved(finding: Finding, by: int) -> Finding:
    loc = finding.location
    end_line = None if loc.end_line is None else loc.end_line + by
    return replace(finding, location=replace(loc, line=loc.line + by, end_line=end_line))


def make_result() -> LintResult:
    return LintResult(
        findings=make_findings(),
        files_scanned=12,
        calls_found=4,
        warnings=["vendor/broken.yaml: not valid YAML, skipped"],
        root="/home/dev/project",
        tool_version="0.1.0",
        kb_version="2026-11-28 (embedded)",
    )
