"""The forum case end to end: curl against the site with a half-granular scoped token.

A user gave a scoped API token five granular scopes and called
``https://acme.atlassian.net/rest/api/3/issue/PPT-28``; Atlassian answered "Issue does not
exist or you do not have permission to see it".  `scopelint check` must say both why (the site
URL: SL001) and what is missing (SL002: the other seven granular scopes, or read:jira-work).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from cli_helpers import scopelint
from click.testing import Result

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"

MISSING_GRANULAR = {
    "read:issue-meta:jira",
    "read:issue-security-level:jira",
    "read:issue.vote:jira",
    "read:issue.changelog:jira",
    "read:avatar:jira",
    "read:status:jira",
    "read:field-configuration:jira",
}
CURL_LINE = 5  # the `curl --location '...'` line of fetch-issue.sh


def copy_project(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root)
    (root / ".git").mkdir()  # the project's top: no config above it is read
    return root


def findings(result: Result) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def test_forum_case_reports_site_url_and_the_seven_missing_scopes(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)

    result = scopelint(["check", "--format", "json", "."], root)

    assert result.exit_code == 1
    on_curl = {f["code"]: f for f in findings(result) if f["path"] == "fetch-issue.sh"}
    assert set(on_curl) == {"SL001", "SL002"}
    assert on_curl["SL001"]["line"] == CURL_LINE
    gateway = "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/PPT-28"
    assert gateway in on_curl["SL001"]["message"]

    missing = on_curl["SL002"]
    assert missing["line"] == CURL_LINE
    assert missing["endpoint"] == {"method": "GET", "path": "/rest/api/3/issue/{issueIdOrKey}"}
    assert set(missing["missing_scopes"]) == MISSING_GRANULAR
    for scope in MISSING_GRANULAR:
        assert scope in missing["message"]
    assert "read:jira-work" in missing["message"]  # the classic alternative is offered too
    assert ".scopelint.toml" in missing["message"]  # names the declaration it checked


def test_forum_case_text_output_points_at_the_curl_line(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)

    result = scopelint(["check"], root)

    assert result.exit_code == 1
    assert f"fetch-issue.sh:{CURL_LINE}:" in result.stdout
    lines = result.stdout.splitlines()
    sl002 = [line for line in lines if "SL002 [missing-scopes]" in line]
    assert len(sl002) == 1
    assert "read:issue-meta:jira" in sl002[0] and "read:jira-work" in sl002[0]


def test_forum_case_with_the_classic_scope_only_the_site_url_remains(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)
    (root / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")

    result = scopelint(["check", "--format", "json"], root)

    assert result.exit_code == 1
    assert [(f["code"], f["line"]) for f in findings(result)] == [("SL001", CURL_LINE)]


def test_forum_case_with_all_nine_granular_scopes_is_covered(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)
    nine = sorted(MISSING_GRANULAR | {"read:issue:jira", "read:user:jira"})

    result = scopelint(["check", "--format", "json", "--scopes", ",".join(nine)], root)

    assert {f["code"] for f in findings(result)} == {"SL001"}


def test_the_gateway_form_of_the_same_call_is_clean_with_the_classic_scope(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    (tmp_path / "fetch-issue.sh").write_text(
        "#!/bin/sh\n"
        "curl --location \"https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/issue/PPT-28\" \\\n"
        "  --header \"Authorization: Basic $ATLASSIAN_AUTH\"\n",
        encoding="utf-8",
    )

    result = scopelint(["check"], tmp_path)

    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.stdout
