"""`scopelint scopes [METHOD] URL` (issue #18 item 11): a site URL gets the gateway form it
needs, and a URL without a method answers for every method of its path."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import scopelint

SITE = "https://acme.atlassian.net/rest/api/3/issue/PPT-28"
GATEWAY = "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/PPT-28"


def test_a_site_url_gets_the_gateway_hint(tmp_path: Path) -> None:
    result = scopelint(["scopes", "GET", SITE], tmp_path)

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "GET /rest/api/3/issue/{issueIdOrKey}"
    hint = [line for line in result.stdout.splitlines() if "gateway" in line]
    assert len(hint) == 1
    assert GATEWAY in hint[0] and "scopelint cloud-id acme.atlassian.net" in hint[0]


def test_the_gateway_hint_in_json(tmp_path: Path) -> None:
    data = json.loads(scopelint(["scopes", "GET", SITE, "--format", "json"], tmp_path).stdout)

    assert data["gateway_url"] == GATEWAY


def test_a_gateway_or_relative_url_needs_no_hint(tmp_path: Path) -> None:
    for url in (GATEWAY.replace("{cloudId}", "abc"), "/rest/api/3/issue/PPT-28"):
        out = scopelint(["scopes", "GET", url], tmp_path).stdout
        assert "gateway" not in out.lower().replace("/ex/jira/abc", "")


def test_an_unknown_operation_on_a_site_still_gets_the_hint(tmp_path: Path) -> None:
    result = scopelint(["scopes", "GET", f"{SITE}/nothing"], tmp_path)

    assert result.exit_code == 1
    assert "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/PPT-28/nothing" in result.stderr


def test_without_a_method_every_method_of_the_path(tmp_path: Path) -> None:
    result = scopelint(["scopes", SITE], tmp_path)

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line.endswith("/rest/api/3/issue/{issueIdOrKey}")]
    assert headings == [
        "GET /rest/api/3/issue/{issueIdOrKey}",
        "PUT /rest/api/3/issue/{issueIdOrKey}",
        "DELETE /rest/api/3/issue/{issueIdOrKey}",
    ]
    assert result.stdout.count("gateway") == 1


def test_without_a_method_in_json_a_list(tmp_path: Path) -> None:
    data = json.loads(scopelint(["scopes", "/rest/api/3/issue/PPT-28", "--format", "json"], tmp_path).stdout)

    assert [op["method"] for op in data] == ["GET", "PUT", "DELETE"]


def test_a_method_alone_or_three_words_are_usage_errors(tmp_path: Path) -> None:
    for args in (["scopes", "GET"], ["scopes", "GET", SITE, "extra"]):
        result = scopelint(args, tmp_path)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
