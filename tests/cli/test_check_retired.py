"""`scopelint check` on code that calls dropped operations, new products and curated endpoints.

Project shapes people write: a Confluence sync script on the v1 API (as the common SDKs still
call it), an OAuth app that reads /me and the accessible resources, a JSM Assets script, and
a Bitbucket script whose workspace call needs a granular scope.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import check_json, scopelint, write_tree

CONFLUENCE_SYNC = '''\
"""Export every page of a space to Markdown files."""
import os
import requests

BASE = f"https://api.atlassian.com/ex/confluence/{os.environ['CLOUD_ID']}/wiki/rest/api"
AUTH = (os.environ["EMAIL"], os.environ["TOKEN"])


def spaces():
    return requests.get(f"{BASE}/space", auth=AUTH).json()["results"]


def pages(space_key):
    url = f"{BASE}/content"
    return requests.get(url, params={"spaceKey": space_key, "type": "page"}, auth=AUTH).json()


def page(page_id):
    return requests.get(f"{BASE}/content/{page_id}?expand=body.storage", auth=AUTH).json()


def search(cql):
    return requests.get(f"{BASE}/search", params={"cql": cql}, auth=AUTH).json()
'''


def test_a_v1_confluence_script_gets_sl004_errors_naming_the_v2_replacements(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "export.py": CONFLUENCE_SYNC,
            ".scopelint.toml": 'scopes = ["read:confluence-space.summary", "search:confluence"]\n',
        },
    )
    findings = check_json(root)
    sl004 = {f["line"]: f for f in findings if f["code"] == "SL004"}
    assert set(sl004) == {10, 15, 19}  # space, content, content/{id}; search is current
    assert all(f["severity"] == "error" for f in sl004.values())
    space = sl004[10]["message"]
    assert space.startswith(
        "GET /wiki/rest/api/space was dropped from Atlassian's confluence-v1 document "
        "(last seen in its version 1.0.0 of 2024-02-04)"
    )
    assert "last documented scopes: read:confluence-space.summary (classic)" in space
    assert space.endswith("use GET /wiki/api/v2/spaces (read:space:confluence (granular))")
    assert "use GET /wiki/api/v2/pages (read:page:confluence (granular))" in sl004[15]["message"]
    assert "use GET /wiki/api/v2/pages/{id}" in sl004[19]["message"]
    # SL002 still checks the last documented scopes of the dropped operations
    sl002 = {f["line"]: f for f in findings if f["code"] == "SL002"}
    assert set(sl002) == {15, 19}
    assert sl002[19]["missing_scopes"] == ["read:confluence-content.summary"]
    assert not [f for f in findings if f["code"] == "SL005"]  # every call is known


def test_the_v2_version_of_the_script_is_clean(tmp_path: Path) -> None:
    v2 = (
        CONFLUENCE_SYNC.replace("/wiki/rest/api\"", "/wiki/api/v2\"")
        .replace('f"{BASE}/space"', 'f"{BASE}/spaces"')
        .replace('f"{BASE}/content"', 'f"{BASE}/pages"')
        .replace('f"{BASE}/content/{page_id}?expand=body.storage"', 'f"{BASE}/pages/{page_id}"')
        .split("\n\ndef search(")[0]
    )
    scopes = 'scopes = ["read:page:confluence", "read:space:confluence"]\n'
    root = write_tree(tmp_path, {"export.py": v2 + "\n", ".scopelint.toml": scopes})
    assert check_json(root) == []


def test_an_oauth_app_reading_me_and_its_resources(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "auth.py": '''\
                import requests

                AUTHORIZE = (
                    "https://auth.atlassian.com/authorize?audience=api.atlassian.com"
                    "&client_id=abc&scope=read%3Ajira-work%20read%3Ame%20read%3Aaccount%20offline_access"
                    "&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&prompt=consent"
                )


                def whoami(token):
                    headers = {"Authorization": f"Bearer {token}"}
                    me = requests.get("https://api.atlassian.com/me", headers=headers).json()
                    sites = requests.get(
                        "https://api.atlassian.com/oauth/token/accessible-resources", headers=headers
                    ).json()
                    issue = requests.get(
                        f"https://api.atlassian.com/ex/jira/{sites[0]['id']}/rest/api/3/issue/PPT-1",
                        headers=headers,
                    )
                    return me, issue
                ''',
        },
    )
    assert check_json(root) == []  # read:me, read:account, offline_access: known, none unused
    calls = scopelint(["calls", "--format", "json", "."], root)
    assert calls.exit_code == 0, calls.output
    assert '"/me"' in calls.stdout and '"/oauth/token/accessible-resources"' in calls.stdout


def test_a_missing_read_me_is_reported(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "me.py": 'import requests\nrequests.get("https://api.atlassian.com/me", headers=h)\n',
            ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
        },
    )
    findings = {f["code"]: f for f in check_json(root)}
    assert set(findings) == {"SL002", "SL003"}  # read:jira-work: nothing here needs it
    assert findings["SL002"]["missing_scopes"] == ["read:me"]


def test_a_jsm_assets_script_is_checked_against_the_assets_scopes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "cmdb.py": '''\
                import requests

                ASSETS = "https://api.atlassian.com/jsm/assets/workspace/{workspace_id}/v1"


                def laptop(workspace_id, object_id, auth):
                    url = f"https://api.atlassian.com/jsm/assets/workspace/{workspace_id}/v1/object/{object_id}"
                    return requests.get(url, auth=auth).json()


                def retire(cloud_id, workspace_id, object_id, auth):
                    base = f"https://api.atlassian.com/ex/jira/{cloud_id}/jsm/assets/workspace/{workspace_id}/v1"
                    requests.delete(f"{base}/object/{object_id}", auth=auth)
                ''',
            ".scopelint.toml": 'scopes = ["read:cmdb-object:jira"]\n',
        },
    )
    (finding,) = check_json(root)
    assert (finding["code"], finding["line"]) == ("SL002", 13)
    assert finding["missing_scopes"] == ["delete:cmdb-object:jira"]


def test_the_bitbucket_workspace_call_needs_its_granular_scope(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "ws.py": 'import requests\n'
            'requests.get("https://api.bitbucket.org/2.0/workspaces/acme", auth=a)\n',
            ".scopelint.toml": 'scopes = ["repository"]\n',
        },
    )
    sl002 = [f for f in check_json(root) if f["code"] == "SL002"]
    assert [f["missing_scopes"] for f in sl002] == [["read:workspace:bitbucket"]]


def test_a_v3_only_operation_under_latest_says_why(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "bulk.sh": 'curl -u "$EMAIL:$TOKEN" '
            '"https://api.atlassian.com/ex/jira/$CLOUD/rest/api/latest/bulk/queue/7"\n'
        },
    )
    (finding,) = check_json(root)
    assert finding["code"] == "SL005"
    assert (
        "(/rest/api/latest is version 2; GET /rest/api/3/bulk/queue/{taskId} exists only in version 3"
    ) in finding["message"]


def test_calls_marks_removed_and_dropped_operations(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "calls.sh": (
                'curl "https://api.atlassian.com/ex/confluence/$CLOUD/wiki/rest/api/space"\n'
                'curl "https://api.atlassian.com/ex/jira/$CLOUD/rest/api/3/search?jql=a"\n'
                'curl "https://api.atlassian.com/ex/jira/$CLOUD/rest/api/3/issue/PPT-1"\n'
            )
        },
    )
    result = scopelint(["calls", "--format", "json", "."], root)
    assert result.exit_code == 0, result.output
    rows = {row["line"]: row["retired"] for row in json.loads(result.stdout)}
    assert rows == {1: "dropped", 2: "removed", 3: None}
    text = scopelint(["calls", "."], root).stdout
    assert "-> GET /wiki/rest/api/space (dropped)" in text and "-> GET /rest/api/3/search (removed)" in text


# --------------------------------------------------------------------------- SL004 names the way out

PROJECTS_SH = """\
    curl -u "$EMAIL:$TOKEN" "https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/project"
    """


def _sl004(root: Path) -> str:
    (finding,) = [f for f in check_json(root, "--select", "SL004") if f["code"] == "SL004"]
    message: str = finding["message"]
    return message


def test_a_deprecated_operation_without_a_known_replacement_says_so(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"projects.sh": PROJECTS_SH})

    message = _sl004(root)
    assert message.startswith("GET /rest/api/3/project is deprecated (getAllProjects); ")
    assert "scopelint knows no replacement" in message


def test_a_deprecated_operation_names_the_replacement_the_knowledge_base_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scopelint.kb.table import KnowledgeBase
    from scopelint.model import Removal

    known = Removal("GET", "/rest/api/3/project", "", "GET /rest/api/3/project/search", "getAllProjects")
    original = KnowledgeBase.removal

    def removal(self: KnowledgeBase, method: str, template: str) -> Removal | None:
        return known if (method, template) == (known.method, known.path) else original(self, method, template)

    monkeypatch.setattr(KnowledgeBase, "removal", removal)
    root = write_tree(tmp_path, {"projects.sh": PROJECTS_SH})

    message = _sl004(root)
    assert message.startswith("GET /rest/api/3/project is deprecated (getAllProjects); "
                              "use GET /rest/api/3/project/search (")
    assert "read:jira-work" in message  # the replacement's scopes, from the table
    assert "knows no replacement" not in message
