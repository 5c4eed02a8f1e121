"""`explain-error --scopes`: the token's scopes against the request's operation."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner, Result

from scopelint.cli.main import cli

GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
COMMENT_URL = f"{GATEWAY}/rest/api/3/issue/PPT-1/comment"
MISMATCH = "Unauthorized; scope does not match"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["explain-error", *args], catch_exceptions=False)


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_missing_scopes_are_named_for_each_alternative_closest_first() -> None:
    data = run_json(MISMATCH, "--method", "POST", "--url", COMMENT_URL,
                    "--scopes", "read:jira-work,read:comment:jira,offline_access")

    token = data["token_scopes"]
    assert token["operation"] == "POST /rest/api/3/issue/{issueIdOrKey}/comment"
    assert token["covered"] is False
    assert [(a["kind"], a["missing"]) for a in token["alternatives"]] == [
        ("classic", ["write:jira-work"]),
        ("granular", ["read:avatar:jira", "read:comment.property:jira", "read:group:jira",
                      "read:project-role:jira", "read:project:jira", "read:user:jira",
                      "write:comment:jira"]),
    ]
    assert data["request"]["scopes"] == ["read:jira-work", "read:comment:jira", "offline_access"]
    check = next(c for c in data["checks"] if c["id"] == "token-scopes")
    assert check["status"] == "problem"
    assert check["message"].startswith(
        "The token's scopes do not cover POST /rest/api/3/issue/{issueIdOrKey}/comment: "
        "add write:jira-work (classic), or the 7 granular scopes below."
    )
    matched = next(m for m in data["matched"] if m["id"] == "scope-does-not-match")
    assert matched["confirmed"] is True
    assert "the token lacks write:jira-work for POST /rest/api/3/issue/{issueIdOrKey}/comment" \
        in matched["evidence"]


def test_a_granular_token_is_told_the_granular_scopes_it_lacks_first() -> None:
    data = run_json(MISMATCH, "--url", f"{GATEWAY}/rest/api/3/project/PPT",
                    "--scopes", "read:project:jira read:user:jira")

    first = data["token_scopes"]["alternatives"][0]
    assert first["kind"] == "granular"
    assert "read:jira-work" not in first["missing"]


def test_scopes_that_cover_the_request_point_at_other_causes() -> None:
    result = run(MISMATCH, "--url", f"{GATEWAY}/rest/api/3/myself", "--scopes", "read:jira-user")

    assert result.exit_code == 0
    assert "[ok] The token's scopes cover GET /rest/api/3/myself (the classic alternative: " \
           "read:jira-user)." in result.stdout
    assert "look at the other causes" in result.stdout


def test_text_output_lists_what_each_alternative_still_needs() -> None:
    result = run(MISMATCH, "--method", "POST", "--url", COMMENT_URL, "--scopes", "read:jira-work")

    assert "      classic, Current: add write:jira-work (the token has 0 of 1)" in result.stdout
    assert "      granular, Beta: add read:avatar:jira," in result.stdout


def test_scopes_need_a_url_and_must_be_known() -> None:
    without_url = run(MISMATCH, "--scopes", "read:jira-work")
    assert without_url.exit_code == 2
    assert "--scopes needs --url" in without_url.stderr

    typo = run(MISMATCH, "--url", COMMENT_URL, "--scopes", "read:jira-work,offline-access")
    assert typo.exit_code == 2
    assert typo.stdout == ""
    assert "--scopes: unknown scope 'offline-access' (did you mean offline_access?)" in typo.stderr


def test_without_scopes_the_json_says_so() -> None:
    data = run_json(MISMATCH, "--url", COMMENT_URL)
    assert data["token_scopes"] is None
    assert "scopes" not in data["request"]
