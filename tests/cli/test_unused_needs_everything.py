"""'Unused' only when scopelint saw everything (issue #14 item 4).

A declaration that governs Atlassian activity scopelint could not resolve (an SDK method its
tables do not list, a request whose path could not be read, an Atlassian client whose calls it
could not follow) gets no SL003 and no fix that removes a scope: the report says the check was
skipped instead.  Every run's summary counts resolved and unresolved calls, and `calls` lists
the unresolved ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from cli_helpers import check_json, scopelint, write_tree

TWO_SCOPES = 'scopes = ["read:jira-work", "write:jira-work"]\n'
# issue #14's example, as a script: an SDK method the atlassian-python-api tables do not list
UNKNOWN_SDK_METHOD = """\
    import os

    from atlassian import Jira

    Jira(url=os.environ["JIRA_URL"]).some_new_method()
    """
KNOWN_SDK_METHOD = """\
    import os

    from atlassian import Jira

    Jira(url=os.environ["JIRA_URL"]).issue("OPS-1")
    """
SKIPPED = "1 call to Atlassian could not be resolved; unused-scope check skipped for .scopelint.toml"


def test_an_unresolved_sdk_call_keeps_every_declared_scope(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": TWO_SCOPES, "sync.py": UNKNOWN_SDK_METHOD})

    assert check_json(root) == []
    text = scopelint(["check", "."], root)
    assert text.exit_code == 0
    assert text.stdout.splitlines() == [
        f"Note: {SKIPPED}",
        "All checks passed (2 files, 0 calls resolved, 1 unresolved).",
    ]
    fixed = scopelint(["check", "--fix", "--unsafe-fixes", "."], root)
    assert fixed.exit_code == 0, fixed.output
    assert (root / ".scopelint.toml").read_text() == TWO_SCOPES  # nothing removed


def test_the_same_script_with_a_known_method_reports_the_unused_scope(tmp_path: Path) -> None:
    """The skip is not a blanket: once every call is resolved, SL003 says what is unused."""
    root = write_tree(tmp_path, {".scopelint.toml": TWO_SCOPES, "sync.py": KNOWN_SDK_METHOD})

    found = check_json(root)

    assert [(f["code"], f["unused_scopes"]) for f in found] == [("SL003", ["write:jira-work"])]
    last = scopelint(["check", "."], root).stdout.splitlines()[-1]
    assert "; 1 call resolved, 0 unresolved." in last
    scopelint(["check", "--fix", "--unsafe-fixes", "."], root)
    assert "write:jira-work" not in (root / ".scopelint.toml").read_text()


def test_calls_lists_the_unresolved_call(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": TWO_SCOPES, "sync.py": UNKNOWN_SDK_METHOD})

    rows = json.loads(scopelint(["calls", "--format", "json", "."], root).stdout)
    text = scopelint(["calls", "."], root).stdout.splitlines()

    assert [(r["line"], r["via"], r["endpoint"], r["resolved"]) for r in rows] == [
        (5, "atlassian.Jira.some_new_method", None, False)
    ]
    assert text[0].startswith("sync.py:5:1: ? {}  -> (unresolved)")
    assert text[-1] == "1 call site in 1 file, 2 scanned (0 resolved, 1 unresolved)."


def test_every_format_says_the_check_was_skipped(tmp_path: Path, sarif_schema_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": TWO_SCOPES, "sync.py": UNKNOWN_SDK_METHOD})

    summary = json.loads(scopelint(["check", "--format", "json", "."], root).stdout)["summary"]
    assert (summary["calls"], summary["calls_resolved"], summary["calls_unresolved"]) == (1, 0, 1)
    assert summary["notes"] == [SKIPPED]

    sarif = json.loads(scopelint(["check", "--format", "sarif", "."], root).stdout)
    jsonschema.validate(sarif, json.loads(sarif_schema_path.read_text()))
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert {"level": "note", "message": {"text": SKIPPED}} in notifications

    github = scopelint(["check", "--format", "github", "."], root).stdout
    assert f"::notice title=scopelint::{SKIPPED}" in github.splitlines()
    markdown = scopelint(["check", "--format", "markdown", "."], root).stdout
    assert f"> {SKIPPED}" in markdown.splitlines()
    grouped = scopelint(["check", "--format", "grouped", "."], root).stdout
    assert f"Note: {SKIPPED}" in grouped.splitlines()


def test_an_atlassian_request_whose_path_could_not_be_read(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        ".scopelint.toml": 'scopes = ["read:jira-work", "manage:jira-configuration"]\n',
        "report.py": """\
            import os

            import requests
            from reporting.catalogue import REPORTS

            GATEWAY = f"https://api.atlassian.com/ex/jira/{os.environ['CLOUD_ID']}"


            def issue(key):
                return requests.get(f"{GATEWAY}/rest/api/3/issue/{key}").json()


            def report(name):
                return requests.get(f"{GATEWAY}/{REPORTS[name]}").json()
            """,
    })

    assert check_json(root) == []
    rows = json.loads(scopelint(["calls", "--format", "json", "."], root).stdout)
    assert [(r["line"], r["resolved"]) for r in rows] == [(10, True), (14, False)]


def test_a_helper_taking_the_path_is_not_unresolved_activity(tmp_path: Path) -> None:
    """A helper's parameter is filled in by its callers, which are the calls (here in another
    module): the helper alone does not keep SL003 from running."""
    root = write_tree(tmp_path, {
        ".scopelint.toml": 'scopes = ["read:jira-work", "manage:jira-configuration"]\n',
        "jira_helpers.py": """\
            import requests

            GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"


            def get_json(path):
                return requests.get(f"{GATEWAY}/{path}").json()
            """,
        "issues.py": """\
            from jira_helpers import get_json


            def issue(key):
                return get_json(f"rest/api/3/issue/{key}")
            """,
    })

    assert [(f["code"], f["unused_scopes"]) for f in check_json(root)] == [
        ("SL003", ["manage:jira-configuration"])
    ]


def test_an_sdk_client_made_from_a_literal_is_read_through_its_methods(tmp_path: Path) -> None:
    """The site given to an SDK constructor is no unread client when its methods are called."""
    root = write_tree(tmp_path, {
        ".scopelint.toml": TWO_SCOPES,
        "sync.py": """\
            import os

            from atlassian import Jira

            jira = Jira(url="https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555",
                        token=os.environ["TOKEN"], cloud=True)


            def issue(key):
                return jira.issue(key)
            """,
    })

    assert [(f["code"], f["unused_scopes"]) for f in check_json(root)] == [("SL003", ["write:jira-work"])]


def test_an_exported_client_whose_calls_cannot_be_followed(tmp_path: Path) -> None:
    client = """\
        import axios from 'axios';

        export const jira = axios.create({
          baseURL: `https://api.atlassian.com/ex/jira/${process.env.CLOUD_ID}`,
        });
        """
    root = write_tree(tmp_path, {
        ".scopelint.toml": 'scopes = ["read:jira-work", "manage:jira-configuration"]\n',
        "src/client.js": client,
        "src/issue.js": """\
            import axios from 'axios';
            export const getIssue = (key) =>
              axios.get(`https://api.atlassian.com/ex/jira/${process.env.CLOUD_ID}/rest/api/3/issue/${key}`);
            """,
    })

    assert check_json(root) == []
    note = "the calls of 1 Atlassian client could not be read; unused-scope check skipped for .scopelint.toml"
    assert f"Note: {note}" in scopelint(["check", "."], root).stdout.splitlines()

    # the same client used where it is made: its calls are read, and SL003 runs
    (root / "src/client.js").write_text(client.replace("        ", "") + (
        "export const fields = () => jira.get('/rest/api/3/field');\n"
    ))
    assert [f["code"] for f in check_json(root)] == ["SL003"]


def test_only_the_declaration_that_governs_the_unresolved_call_is_skipped(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "sync/.scopelint.toml": TWO_SCOPES,
        "sync/sync.py": UNKNOWN_SDK_METHOD,
        "report/.scopelint.toml": TWO_SCOPES,
        "report/report.py": KNOWN_SDK_METHOD,
    })

    found = check_json(root)
    text = scopelint(["check", "."], root).stdout.splitlines()

    assert [(f["code"], f["path"]) for f in found] == [("SL003", "report/.scopelint.toml")]
    assert ("Note: 1 call to Atlassian could not be resolved; unused-scope check skipped for "
            "sync/.scopelint.toml") in text


def test_no_note_when_sl003_is_not_selected(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": TWO_SCOPES, "sync.py": UNKNOWN_SDK_METHOD})

    for args in (["--select", "SL001"], ["--ignore", "SL003"], ["--select", "SL001,SL012"]):
        out = scopelint(["check", *args, "."], root).stdout
        assert "Note:" not in out, args
        assert out.splitlines()[-1] == "All checks passed (2 files, 0 calls resolved, 1 unresolved)."


def test_a_rest_base_built_in_code_that_no_call_was_read_through(tmp_path: Path) -> None:
    """A helper returns the REST base and the request is built from its result: the request
    could not be read, so no scope is called unused.  A REST base in a settings file is not
    that (it configures a tool)."""
    declared = 'scopes = ["read:jira-work", "manage:jira-configuration"]\n'
    root = write_tree(tmp_path, {
        ".scopelint.toml": declared,
        ".env": "JIRA_API=https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555/rest/api/3\n",
        "src/jira.ts": """\
            const api = (cloudId: string) => `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3`;

            export async function search(cloudId: string, jql: string) {
              return fetch(`${api(cloudId)}/search/jql?jql=${encodeURIComponent(jql)}`);
            }

            export async function issue(cloudId: string, key: string) {
              return fetch(`https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/issue/${key}`);
            }
            """,
    })

    assert check_json(root) == []
    note = ("the calls through 1 Atlassian REST base could not be read; unused-scope check skipped "
            "for .scopelint.toml")
    assert f"Note: {note}" in scopelint(["check", "."], root).stdout.splitlines()

    (root / "src/jira.ts").write_text(
        "export const issue = (c: string, k: string) =>\n"
        "  fetch(`https://api.atlassian.com/ex/jira/${c}/rest/api/3/issue/${k}`);\n")
    assert [(f["code"], f["unused_scopes"]) for f in check_json(root)] == [
        ("SL003", ["manage:jira-configuration"])
    ]
