"""Calls made through Atlassian SDKs, end to end: `calls`, `check` and `suggest --from` on the
small inputs of issue #12 (kept verbatim, hence long lines) and on projects that pin an SDK
version."""
# ruff: noqa: E501

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.cli_helpers import check_json, scopelint, write_tree

CONFLUENCE_PY = """\
    from atlassian import Confluence
    wiki = Confluence(url="https://acme.atlassian.net", username="bot@example.com", password=TOKEN, cloud=True)
    wiki.get_page_by_id("123456")   # GET /wiki/rest/api/content/{id}
    """

JIRAJS_MJS = """\
    import { Version3Client } from 'jira.js';
    const client = new Version3Client({ host: 'https://acme.atlassian.net', authentication: { basic: { email, apiToken } } });
    await client.issues.getIssue({ issueIdOrKey: 'KEY-1' });                    // GET /rest/api/3/issue/{issueIdOrKey}
    await client.issueSearch.searchForIssuesUsingJql({ jql: 'project = KEY' });  // GET /rest/api/3/search: removed
    """

JIRA_CLIENT_JS = """\
    const JiraApi = require('jira-client');
    const jira = new JiraApi({ protocol: 'https', host: 'acme.atlassian.net', apiVersion: '2', username, password });
    jira.findIssue('KEY-1'); jira.addComment('KEY-1', 'done');   // GET and POST under /rest/api/2/issue/...
    """


def calls_json(cwd: Path, *args: str) -> list[dict[str, Any]]:
    result = scopelint(["calls", "--format", "json", *args], cwd)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def brief(rows: list[dict[str, Any]]) -> list[tuple[int, int, str | None, str | None, str | None]]:
    return [(r["line"], r["column"], r["method"], r["endpoint"], r["via"]) for r in rows]


def codes(findings: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in findings]


# --------------------------------------------------------------------------- issue #12's inputs


def test_atlassian_confluence_page_by_id(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"wiki.py": CONFLUENCE_PY})
    (row,) = calls_json(root)
    assert brief([row]) == [(3, 1, "GET", "/wiki/rest/api/content/{id}", "atlassian.Confluence.get_page_by_id")]
    assert row["url"] == "/wiki/rest/api/content/{page_id}"
    assert (row["operation_id"], row["resolved"], row["implicit"]) == ("getContentById", True, None)
    # no requirements file: assumed; atlassian-python-api 5.x has no get_page_by_id with
    # cloud=True, so the newest table that has it (3.41.21) says what it sends
    assert row["sdk"] == {"name": "atlassian-python-api", "version": "3.41.21", "table": "3.41.21",
                          "assumed": True}
    findings = check_json(root)
    assert codes(findings) == [("SL001", 2, 32), ("SL004", 3, 1)]  # at the host
    site, dropped = findings
    # the site given to Confluence(...): the gateway of Confluence, with the /wiki this SDK needs
    assert "https://api.atlassian.com/ex/confluence/{cloudId}/wiki" in site["message"]
    assert "/ex/jira/" not in site["message"]
    # Atlassian dropped the v1 content operation (issue #15); the v2 one is named
    assert "GET /wiki/rest/api/content/{id}" in dropped["message"]
    assert "GET /wiki/api/v2/pages/{id}" in dropped["message"]


def test_jira_js_version3_client(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"sync.mjs": JIRAJS_MJS})
    rows = calls_json(root)
    assert brief(rows) == [
        (3, 7, "GET", "/rest/api/3/issue/{issueIdOrKey}", "jira.js Version3Client.issues.getIssue"),
        (4, 7, "GET", "/rest/api/3/search", "jira.js Version3Client.issueSearch.searchForIssuesUsingJql"),
    ]
    assert [r["retired"] for r in rows] == [None, "removed"]
    # no package.json: jira.js 6 has no Version3Client any more, 5.4.0 is the newest that has
    assert {json.dumps(r["sdk"], sort_keys=True) for r in rows} == {
        json.dumps({"name": "jira.js", "version": "5.4.0", "table": "5.4.0", "assumed": True}, sort_keys=True)
    }
    findings = check_json(root)
    assert codes(findings) == [("SL001", 2, 52), ("SL004", 4, 7)]  # at the host
    site, removed = findings
    assert "https://api.atlassian.com/ex/jira/{cloudId}" in site["message"]
    assert removed["severity"] == "error"
    # the SDK-level way out, from the table
    assert "issueSearch.searchForIssuesUsingJqlEnhancedSearch" in removed["message"]


def test_jira_client_host_without_a_scheme(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"bot.js": JIRA_CLIENT_JS})
    rows = calls_json(root)
    assert brief(rows) == [
        (3, 1, "GET", "/rest/api/2/issue/{issueIdOrKey}", "jira-client JiraApi.findIssue"),
        (3, 26, "POST", "/rest/api/2/issue/{issueIdOrKey}/comment", "jira-client JiraApi.addComment"),
    ]
    findings = check_json(root)
    # SL001 at the host (inside the quotes), although it has no scheme
    assert codes(findings) == [("SL001", 2, 54)]
    assert "acme.atlassian.net" in findings[0]["message"]
    assert "https://api.atlassian.com/ex/jira/{cloudId}" in findings[0]["message"]
    with_bases = calls_json(root, "--include-bases")
    assert [(r["line"], r["kind"], r["url"]) for r in with_bases if r["kind"] == "base-url"] == [
        (2, "base-url", "https://acme.atlassian.net")
    ]


# --------------------------------------------------------------------------- versions and rules


PYCONTRIBS = """\
    import os
    from jira import JIRA

    jira = JIRA(os.environ["JIRA_SERVER"], get_server_info=False)
    for issue in jira.search_issues("project = SUP"):
        issue.update(fields={"labels": ["triaged"]})
    jira.issue("SUP-1").delete()
    """


def test_search_issues_before_and_after_jira_3_10(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = write_tree(tmp_path / "old", {"requirements.txt": "jira==3.8.0\n", "triage.py": PYCONTRIBS})
    new = write_tree(tmp_path / "new", {"requirements.txt": "jira>=3.10\n", "triage.py": PYCONTRIBS})
    searches = {
        name: [(r["endpoint"], r["implicit"]) for r in calls_json(root) if r["line"] == 5]
        for name, root in (("old", old), ("new", new))
    }
    assert searches == {
        "old": [("/rest/api/2/field", "sent by the SDK on the way"), ("/rest/api/2/search", None)],
        "new": [("/rest/api/2/field", "sent by the SDK on the way"), ("/rest/api/2/search/jql", None)],
    }
    (removed,) = [f for f in check_json(old) if f["code"] == "SL004"]
    assert removed["line"] == 5
    assert "upgrade jira to >=3.10 (jira 3.8.0 is in use)" in removed["message"]
    assert [f for f in check_json(new) if f["code"] == "SL004"] == []


def test_scopes_are_checked_for_sdk_requests_and_their_implicit_ones(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "requirements.txt": "jira==3.10.5\n",
        ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
        "triage.py": PYCONTRIBS,
    })
    rows = calls_json(root)
    # the element of search_issues' result list is an Issue resource: update() is a PUT,
    # then the SDK reads the issue again
    assert sorted((r["line"], r["method"], r["endpoint"], r["via"], r["implicit"] or "") for r in rows
                  if r["line"] >= 6) == [
        (6, "GET", "/rest/api/2/issue/{issueIdOrKey}", "jira.resources.Issue.update", "sent by the SDK on the way"),
        (6, "PUT", "/rest/api/2/issue/{issueIdOrKey}", "jira.resources.Issue.update", ""),
        (7, "DELETE", "/rest/api/2/issue/{issueIdOrKey}", "jira.resources.Issue.delete", ""),
        (7, "GET", "/rest/api/2/issue/{issueIdOrKey}", "jira.JIRA.issue", ""),
    ]
    missing = [(f["line"], f["endpoint"]) for f in check_json(root) if f["code"] == "SL002"]
    assert missing == [
        (6, {"method": "PUT", "path": "/rest/api/2/issue/{issueIdOrKey}"}),
        (7, {"method": "DELETE", "path": "/rest/api/2/issue/{issueIdOrKey}"}),
    ]


def test_suggest_from_code_includes_sdk_requests_and_names_unresolved_ones(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "requirements.txt": "jira==3.10.5\n",
        "bot.py": """\
            from jira import JIRA
            jira = JIRA("https://acme.atlassian.net")
            jira.add_comment("SUP-1", "on it")
            jira.brand_new_method()
            """,
    })
    result = scopelint(["suggest", "--from", ".", "--format", "json"], root)
    assert result.exit_code == 1, result.output  # an unresolved SDK call is not a known endpoint
    data = json.loads(result.stdout)
    inputs = {e["input"]: e for e in data["endpoints"]}
    # the constructor's own serverInfo request is an endpoint too (it needs no scope)
    assert inputs["GET /rest/api/2/serverInfo"]["sources"] == ["bot.py:2"]
    assert inputs["POST /rest/api/2/issue/{issue}/comment"]["operation_id"] == "addComment"
    assert "write:comment:jira" in data["scopes"]
    unresolved = inputs["jira.JIRA.brand_new_method(...)"]
    assert unresolved["sources"] == ["bot.py:4"]
    assert "not a method of jira.JIRA in the jira 3.10.5 table" in unresolved["problem"]


def test_calls_text_names_the_sdk_and_why_a_request_is_implicit(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "requirements.txt": "jira==3.8.0\n",
        "a.py": 'from jira import JIRA\nJIRA("https://acme.atlassian.net").nothing_like_it()\n',
    })
    result = scopelint(["calls", "."], root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "a.py:2:1: GET /rest/api/2/serverInfo  -> GET /rest/api/2/serverInfo  "
        "[via jira.JIRA, jira 3.8.0; sent by the constructor]"
    )
    assert lines[1] == (
        "a.py:2:1: ? {}  -> (unresolved)  [via jira.JIRA.nothing_like_it, jira 3.8.0; "
        "unresolved SDK call: nothing_like_it is not a method of jira.JIRA in the jira 3.8.0 table]"
    )


def test_unsafe_fix_rewrites_an_sdk_site_to_what_that_sdk_needs_on_the_gateway(tmp_path: Path) -> None:
    cloud_id = "11111111-2222-3333-4444-555555555555"
    root = write_tree(tmp_path, {
        ".scopelint.toml": f'scopes = ["read:confluence-content.summary"]\n\n[sites]\n"acme.atlassian.net" = "{cloud_id}"\n',
        "wiki.py": CONFLUENCE_PY,
        "space.mjs": """\
            import { ConfluenceClient } from 'confluence.js';
            const c = new ConfluenceClient({ host: 'https://acme.atlassian.net' });
            await c.content.getContentById({ id: '1' });
            """,
    })
    result = scopelint(["check", "--fix", "--unsafe-fixes", "."], root)
    assert result.exit_code == 1, result.output  # the dropped v1 operations remain (SL004)
    # atlassian-python-api does not add /wiki to a gateway URL: the fix writes it
    assert f'url="https://api.atlassian.com/ex/confluence/{cloud_id}/wiki"' in (root / "wiki.py").read_text()
    # confluence.js adds /wiki/rest itself: the host is the gateway's Confluence base
    assert f"host: 'https://api.atlassian.com/ex/confluence/{cloud_id}' " in (root / "space.mjs").read_text()
    assert [f for f in check_json(root) if f["code"] == "SL001"] == []


# --------------------------------------------------------------------------- the SDK table's own names


PYCONTRIBS_PY = """\
    from jira import JIRA
    jira = JIRA(server="https://acme.atlassian.net", basic_auth=("bot@example.com", TOKEN))
    issue = jira.issue("KEY-1")
    issue.update(fields={"summary": "new"})
    jira.create_issue(project="KEY", summary="s", issuetype={"name": "Task"})
    """


def test_calls_never_show_the_sdk_tables_internal_placeholder_names(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"sync.py": PYCONTRIBS_PY, "requirements.txt": "jira==3.8.0\n"})
    rows = calls_json(root)
    text = scopelint(["calls"], root).stdout
    suggested = scopelint(["suggest", "--from", ".", "--format", "json"], root).stdout
    for shown in (json.dumps(rows), text, suggested):
        assert "receiver" not in shown and "{returned}" not in shown
    urls = {(r["method"], r["url"]) for r in rows if r["via"] in ("jira.resources.Issue.update", "jira.JIRA.create_issue")}
    # the operation's path-template name from Atlassian's document, where the call resolved
    assert ("PUT", "/rest/api/2/issue/{issueIdOrKey}") in urls
    assert ("GET", "/rest/api/2/issue/{issueIdOrKey}") in urls
    assert "sync.py:4:1: PUT /rest/api/2/issue/{issueIdOrKey}  -> PUT /rest/api/2/issue/{issueIdOrKey}" in text
