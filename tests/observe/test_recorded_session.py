"""A session recorded at test time from the 127.0.0.1 Atlassian mimic: calls, check, suggest.

The integration (see observe_helpers.session_calls) reads and updates issues through the
gateway with a token that only has read:jira-work, calls the removed search, reads one issue
on the site URL, a Confluence page with an OAuth token, Bitbucket, the token endpoint, a CDN,
and the site with a browser cookie.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from observe_helpers import record_session, scopelint
from ruamel.yaml import YAML

GET_ISSUE = "/rest/api/3/issue/{issueIdOrKey}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recorded")
    (root / ".git").mkdir()
    (root / "recordings").mkdir()
    record_session(root / "recordings" / "session.har")
    return root


def calls_json(project: Path, *args: str) -> dict[str, Any]:
    result = scopelint(["calls", "--format", "json", "--har", "recordings/session.har", *args], project)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def by_call(data: dict[str, Any]) -> dict[tuple[str, str | None, str], dict[str, Any]]:
    return {(row["method"], row["endpoint"], row["host"]): row for row in data["calls"]}


def test_every_request_to_an_atlassian_host_is_resolved_and_counted(project: Path) -> None:
    data = calls_json(project)
    rows = by_call(data)
    gateway, site = "api.atlassian.com", "acme.atlassian.net"
    expected = {
        ("GET", GET_ISSUE, gateway): ({"200": 3, "404": 1}, [1, 2, 3, 13]),
        ("PUT", GET_ISSUE, gateway): ({"401": 1}, [4]),
        ("POST", "/rest/api/3/search", gateway): ({"410": 1}, [5]),
        ("POST", "/rest/api/3/search/jql", gateway): ({"200": 1}, [6]),
        ("GET", GET_ISSUE, site): ({"404": 1}, [7]),
        ("GET", "/wiki/api/v2/pages/{id}", gateway): ({"401": 1}, [8]),
        ("GET", "/2.0/repositories/{workspace}/{repo_slug}/pullrequests", "api.bitbucket.org"):
            ({"200": 1}, [9]),
        ("POST", None, "auth.atlassian.com"): ({"200": 1}, [10]),
        ("GET", "/rest/api/3/myself", site): ({"401": 1}, [12]),
    }
    assert {key: (row["statuses"], row["entries"]) for key, row in rows.items()} == expected
    assert rows[("GET", GET_ISSUE, gateway)]["operation_id"] == "getIssue"
    assert rows[("GET", GET_ISSUE, gateway)]["requests"] == 4
    assert rows[("POST", None, "auth.atlassian.com")]["kind"] == "identity"
    assert rows[("GET", "/rest/api/3/myself", site)]["auth"] == {"session": 1}
    assert rows[("PUT", GET_ISSUE, gateway)]["auth"] == {"token": 1}
    assert data["recordings"] == [{
        "path": "recordings/session.har", "entries": 13, "api_requests": 12,
        "other_atlassian_requests": 0, "other_requests": 1,
    }]
    assert data["summary"] == {"requests": 12, "calls": 9, "failed": 6, "failed_for_lack_of_scope": 2}


def test_locations_point_at_the_request_url_in_the_har(project: Path) -> None:
    lines = (project / "recordings" / "session.har").read_text(encoding="utf-8").splitlines()
    rows = calls_json(project)["calls"]
    assert len({row["line"] for row in rows}) == len(rows)
    for row in rows:
        text = lines[row["line"] - 1]
        assert text.lstrip().startswith('"url": '), text
        recorded = text[row["column"] - 1:]
        assert recorded.startswith(row["url"].split("?")[0]), (recorded, row["url"])


def test_failures_carry_atlassians_message_and_why(project: Path) -> None:
    failures = {(f["method"], f["url"].split("?")[0], f["status"]): f
                for f in calls_json(project)["failures"]}
    gateway = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
    update = failures[("PUT", f"{gateway}/rest/api/3/issue/PPT-1", 401)]
    assert update["message"] == "Unauthorized; scope does not match"
    assert update["cause"] == "scope-does-not-match" and update["lack_of_scope"] == "yes"
    assert "scopes do not cover PUT /rest/api/3/issue/{issueIdOrKey}" in update["because"]
    missing = failures[("GET", f"{gateway}/rest/api/3/issue/PPT-404", 404)]
    assert missing["message"] == "Issue does not exist or you do not have permission to see it."
    assert missing["lack_of_scope"] == "no"  # the same token read other issues
    assert "other requests to GET /rest/api/3/issue/{issueIdOrKey} succeeded" in missing["because"]
    removed = failures[("POST", f"{gateway}/rest/api/3/search", 410)]
    assert removed["cause"] == "api-removed" and removed["lack_of_scope"] == "no"
    assert removed["because"].endswith("use POST /rest/api/3/search/jql")
    on_site = failures[("GET", "https://acme.atlassian.net/rest/api/3/issue/PPT-1", 404)]
    assert on_site["lack_of_scope"] == "no"
    assert "site acme.atlassian.net is treated as anonymous" in on_site["because"]
    page = failures[("GET", "https://api.atlassian.com/ex/confluence/11111111-2222-3333-4444-555555555555"
                            "/wiki/api/v2/pages/42", 401)]
    assert page["lack_of_scope"] == "yes"
    browser = failures[("GET", "https://acme.atlassian.net/rest/api/3/myself", 401)]
    assert browser["because"] is None and browser["lack_of_scope"] == "no"


def test_the_scopes_for_the_failures_are_what_suggest_gives_for_those_endpoints(project: Path) -> None:
    covering = calls_json(project)["scopes_for_failures"]
    result = scopelint(["suggest", "--format", "json",
                        "--endpoints", "PUT /rest/api/3/issue/PPT-1",
                        "--endpoints", "GET /wiki/api/v2/pages/42"], project)
    expected = json.loads(result.stdout)
    assert covering["scopes"] == expected["scopes"]
    assert {"write:issue:jira", "read:page:confluence"} <= set(covering["scopes"])
    assert covering["by_product"] == expected["by_product"]


def test_text_inventory_says_why_each_request_failed(project: Path) -> None:
    result = scopelint(["calls", "--har", "recordings/session.har"], project)
    assert result.exit_code == 0
    out = result.stdout
    assert "-> GET /rest/api/3/issue/{issueIdOrKey} (Jira, getIssue)  [4 requests: 200 ×3, 404]" in out
    assert '-> 401 "Unauthorized; scope does not match"' in out
    assert out.count("this request failed because") == 5
    assert "Scopes that would have covered every request that failed for lack of scope" in out
    assert "identity (OAuth 2.0 authorization server; no scope)" in out
    assert out.rstrip().endswith("12 requests to Atlassian APIs (9 calls) in 1 recording of 13 entries; "
                                 "6 failed, 2 for lack of scope.")
    assert "cdn.example.com" not in out


def test_check_reports_in_the_har(project: Path) -> None:
    result = scopelint(["check", "--format", "json", "--har", "recordings/session.har"], project)
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    lines = {row["entries"][0]: row["line"] for row in calls_json(project)["calls"]}
    got = sorted((f["code"], f["line"], f["severity"]) for f in findings)
    assert got == sorted([
        ("SL010", lines[4], "error"),  # PUT: 401 scope does not match
        ("SL004", lines[5], "error"),  # POST /search: removed
        ("SL001", lines[7], "error"),  # the site URL with a token
        ("SL010", lines[8], "error"),  # Confluence page: 401
    ])
    assert {f["path"] for f in findings} == {"recordings/session.har"}
    update = next(f for f in findings if f["line"] == lines[4])
    assert update["message"].startswith("PUT /rest/api/3/issue/{issueIdOrKey} was refused for lack of scope "
                                        '(1 request, 401 "Unauthorized; scope does not match"); it accepts')
    assert update["message"].endswith("[1 recorded request: entry 4]")


def test_check_against_declared_scopes_and_the_governing_config(project: Path, tmp_path: Path) -> None:
    result = scopelint(["check", "--format", "json", "--select", "SL002",
                        "--har", "recordings/session.har", "--scopes", "read:jira-work"], project)
    findings = json.loads(result.stdout)["findings"]
    endpoints = sorted(f["endpoint"]["method"] + " " + f["endpoint"]["path"] for f in findings)
    assert endpoints == [
        "GET /2.0/repositories/{workspace}/{repo_slug}/pullrequests",
        "GET /rest/api/3/myself",
        "GET /wiki/api/v2/pages/{id}",
        "PUT /rest/api/3/issue/{issueIdOrKey}",
    ]
    # The same from the configuration that governs the recording's folder.
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-work", "read:jira-user"]\n')
    try:
        result = scopelint(["check", "--format", "json", "--select", "SL002",
                            "--har", "recordings/session.har"], project)
    finally:
        (project / ".scopelint.toml").unlink()
    findings = json.loads(result.stdout)["findings"]
    assert sorted(f["endpoint"]["path"] for f in findings) == [
        "/2.0/repositories/{workspace}/{repo_slug}/pullrequests",
        "/rest/api/3/issue/{issueIdOrKey}",
        "/wiki/api/v2/pages/{id}",
    ]
    assert all(".scopelint.toml declares" in f["message"] for f in findings)


def test_suggest_from_har_in_every_format(project: Path) -> None:
    args = ["suggest", "--from-har", "recordings/session.har"]
    data = json.loads(scopelint([*args, "--format", "json"], project).stdout)
    keys = sorted({e["method"] + " " + e["path"] for e in data["endpoints"]})
    assert keys == sorted([
        "GET " + GET_ISSUE, "PUT " + GET_ISSUE, "POST /rest/api/3/search", "POST /rest/api/3/search/jql",
        "GET /wiki/api/v2/pages/{id}", "GET /2.0/repositories/{workspace}/{repo_slug}/pullrequests",
        "GET /rest/api/3/myself",
    ])
    assert data["removed"] and data["unknown"] == []
    scopes = data["scopes"]
    # The same token as suggest gives for the same endpoints written by hand.
    by_hand = scopelint(["suggest", "--format", "json"] + [
        item for e in data["endpoints"] for item in ("--endpoints", f"{e['method']} {e['url']}")
    ], project)
    assert json.loads(by_hand.stdout)["scopes"] == scopes
    sources = {e["method"] + " " + e["path"]: e["sources"] for e in data["endpoints"]}
    assert sources["PUT " + GET_ISSUE][0].startswith("recordings/session.har:")

    oauth = scopelint([*args, "--format", "oauth"], project)
    assert oauth.stdout.split() == scopes
    manifest = scopelint([*args, "--format", "manifest"], project)
    assert YAML(typ="safe").load(manifest.stdout)["permissions"]["scopes"] == scopes
    checklist = scopelint([*args, "--format", "checklist"], project).stdout
    assert all(f"[ ] {scope}" in checklist for scope in scopes)
    text = scopelint([*args], project)
    assert text.exit_code == 0
    assert "[recordings/session.har:" in text.stdout
    assert "Removed endpoints" in text.stdout


def test_a_minified_har_gives_the_same_calls_with_columns_on_one_line(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    record_session(tmp_path / "min.har", indent=None)
    data = json.loads(scopelint(["calls", "--format", "json", "--har", "min.har"], tmp_path).stdout)
    text = (tmp_path / "min.har").read_text(encoding="utf-8")
    assert text.count("\n") == 1
    assert {row["line"] for row in data["calls"]} == {1}
    for row in data["calls"]:
        assert text[row["column"] - 1:].startswith(row["url"].split("?")[0])
    assert data["summary"]["calls"] == 9
