"""Each rule, through `scopelint check`: the cases that need more than a fixture tree.

Every case is a tiny project written to tmp_path; the whole pipeline runs (discovery,
extractors, knowledge base, rules, JSON reporter). The minimal bad/good example of every rule
is a fixture tree, tests/rules/fixtures/<CODE>/bad-minimal and good-minimal, run by
tests/rules/test_rule_fixtures.py with all the other trees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import check_json, scopelint, write_tree

GATEWAY_PY = 'GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"\n'


def py_calls(*lines: str) -> str:
    """A Python module calling through the gateway, one call per line from line 5 on."""
    body = "".join(f"    {line}\n" for line in lines)
    return "import requests\n" + GATEWAY_PY + "\n\ndef run(key, cloud_id):\n" + body


# --------------------------------------------------------------------------- SL001


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("notify.py", 'LINK = "https://acme.atlassian.net/browse/PPT-28"\n'),
        ("page.py", 'LINK = "https://acme.atlassian.net/wiki/spaces/ENG/pages/123"\n'),
        ("README.md", "Test with `curl https://acme.atlassian.net/rest/api/3/myself`.\n"),
        ("docs/setup.rst", "Call https://acme.atlassian.net/rest/api/3/myself to test.\n"),
        ("repos.py", 'import requests\nrequests.get("https://api.bitbucket.org/2.0/repositories/acme")\n'),
    ],
    ids=["browse-link", "wiki-page-link", "markdown", "rst", "bitbucket"],
)
def test_site_url_is_not_reported_outside_rest_calls_on_the_site(
    name: str, text: str, tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {name: text})

    assert check_json(root, "--select", "SL001") == []


def test_site_url_message_names_the_gateway_form(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": 'import requests\nrequests.get("https://acme.atlassian.net/wiki/api/v2/pages/42")\n'},
    )

    (finding,) = check_json(root)

    assert finding["code"] == "SL001"
    assert "https://api.atlassian.com/ex/confluence/{cloudId}/wiki/api/v2/pages/42" in finding["message"]
    assert finding["endpoint"] == {"method": "GET", "path": "/wiki/api/v2/pages/{id}"}


def test_site_base_url_in_env_file_is_reported(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".env": "JIRA_URL=https://acme.atlassian.net\n"})

    (finding,) = check_json(root)

    assert (finding["code"], finding["path"], finding["line"]) == ("SL001", ".env", 1)
    assert "API base URL" in finding["message"]


# --------------------------------------------------------------------------- SL003


SL003_TREE = {
    ".scopelint.toml": 'scopes = ["read:jira-work", "read:jira-user", "write:jira-work"]\n',
    "src/app.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/issue/{key}")'),
    "src/other.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/myself")'),
}


def test_unused_scopes_are_reported_when_the_whole_tree_is_checked(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SL003_TREE)

    (finding,) = check_json(root, "--select", "SL003")

    assert finding["unused_scopes"] == ["write:jira-work"]
    assert finding["path"] == ".scopelint.toml"


@pytest.mark.parametrize("paths", [["src/app.py"], ["src"], ["src/app.py", "src/other.py"]])
def test_unused_scopes_are_never_reported_for_a_partial_run(paths: list[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path, SL003_TREE)

    assert check_json(root, *paths) == []


# --------------------------------------------------------------------------- SL004


def test_removed_search_names_its_replacement(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/search?jql=x")')})

    (finding,) = check_json(root)

    assert finding["code"] == "SL004"
    assert finding["severity"] == "error"
    assert "/rest/api/3/search/jql" in finding["message"]
    assert "removed" in finding["message"]
    assert finding["endpoint"] == {"method": "GET", "path": "/rest/api/3/search"}


def test_deprecated_operation_is_a_warning(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {"app.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/field/{key}/contexts")')}
    )

    (finding,) = check_json(root)

    assert (finding["code"], finding["severity"], finding["line"]) == ("SL004", "warning", 6)
    assert "deprecated" in finding["message"]
    assert finding["endpoint"] == {"method": "GET", "path": "/rest/api/3/field/{fieldId}/contexts"}


# --------------------------------------------------------------------------- SL005


def test_typo_path_suggests_the_nearest_operation(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/isue/{key}")')})

    (finding,) = check_json(root)

    assert finding["code"] == "SL005"
    assert "nearest: GET /rest/api/3/issue/{issueIdOrKey}" in finding["message"]


def test_wrong_method_names_the_methods_the_path_has(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": py_calls('requests.delete(f"{GATEWAY}/rest/api/3/myself")')})

    (finding,) = check_json(root)

    assert finding["code"] == "SL005"
    assert "DELETE" in finding["message"] and "(it has: GET)" in finding["message"]
    assert finding["endpoint"] == {"method": "DELETE", "path": "/rest/api/3/myself"}


def test_a_bare_api_base_is_not_an_unknown_endpoint(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3")')})

    assert check_json(root, "--select", "SL005") == []


# --------------------------------------------------------------------------- SL006


def test_unknown_scope_suggests_the_known_one(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": 'scopes = ["read:issues:jira"]\n'})

    (finding,) = check_json(root)

    assert finding["code"] == "SL006"
    assert "did you mean" in finding["message"]
    assert "read:issue:jira" in finding["message"]


def test_unknown_connect_scope_lists_the_connect_scopes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"atlassian-connect.json": '{"key": "x", "baseUrl": "https://x.example", "scopes": ["REED"]}\n'},
    )

    (finding,) = check_json(root)

    assert finding["code"] == "SL006"
    assert "'REED'" in finding["message"] and "WRITE" in finding["message"]


# --------------------------------------------------------------------------- SL007


def test_no_scoped_access_even_with_every_scope_declared(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": 'scopes = ["read:jira-user", "write:jira-work", "manage:jira-configuration"]',
            "locale.sh": """\
                #!/bin/sh
                curl -X PUT "https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/mypreferences/locale" \\
                  -d '{"locale": "en_US"}'
                """,
        },
    )

    findings = check_json(root, "--select", "SL007,SL002")

    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("SL007", "locale.sh", 2)]
    assert findings[0]["endpoint"] == {"method": "PUT", "path": "/rest/api/3/mypreferences/locale"}


# --------------------------------------------------------------------------- SL008


def test_planted_token_is_never_printed_in_full(tmp_path: Path) -> None:
    token = "ATATT3xFfGF0" + "Zx8Yw7Vu6" * 20 + "=9F8E7D6C"
    root = write_tree(
        tmp_path,
        {"jira.py": f'import requests\nAUTH = ("me@example.com", "{token}")\n'},
    )

    as_json = scopelint(["check", "--format", "json"], root)
    as_text = scopelint(["check"], root)

    (finding,) = json.loads(as_json.stdout)["findings"]
    assert (finding["code"], finding["line"]) == ("SL008", 2)
    for result in (as_json, as_text):
        assert result.exit_code == 1
        assert token not in result.output
        assert token[:20] not in result.output  # not even a long prefix
    assert "SL008" in as_text.stdout


# --------------------------------------------------------------------------- SL009


def test_jira_gateway_in_front_of_a_confluence_path(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": py_calls('requests.get(f"https://api.atlassian.com/ex/jira/{cloud_id}/wiki/api/v2/pages/{key}")')},
    )

    (finding,) = check_json(root, "--select", "SL009")

    assert "/ex/confluence/" in finding["message"]


def test_confluence_gateway_without_wiki(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": py_calls(
            'requests.post(f"https://api.atlassian.com/ex/confluence/{cloud_id}/rest/api/content", json={})'
        )},
    )

    (finding,) = check_json(root, "--select", "SL009")

    assert finding["line"] == 6
    assert "/wiki" in finding["message"]


def test_confluence_gateway_without_wiki_before_api_v2(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": py_calls(
            'requests.get(f"https://api.atlassian.com/ex/confluence/{cloud_id}/api/v2/pages/{key}")'
        )},
    )

    findings = check_json(root, "--select", "SL009")

    assert [(f["code"], f["line"]) for f in findings] == [("SL009", 6)]


def test_paths_whose_end_cannot_be_read_are_not_unknown_endpoints(tmp_path: Path) -> None:
    # "/rest/api/2/" + rest may be several segments; "/rest/api/3/..." is an elided example
    write_tree(tmp_path, {"paths.py": py_calls(
        'requests.get("https://api.atlassian.com/ex/jira/x/rest/api/2/" + rest)',
        'requests.get("https://api.atlassian.com/ex/jira/x/rest/api/2" + rest)',
        'requests.get("https://api.atlassian.com/ex/jira/x/rest/api/3/...")',
        'requests.get("https://api.atlassian.com/ex/jira/x/rest/api/latest")',
    )})
    assert [f["code"] for f in check_json(tmp_path, "--select", "SL005")] == []


def test_a_typo_before_a_trailing_placeholder_is_still_an_unknown_endpoint(tmp_path: Path) -> None:
    write_tree(tmp_path, {"typo.py": py_calls('requests.get(f"{GATEWAY}/rest/api/3/isue/{key}")')})
    assert [f["code"] for f in check_json(tmp_path, "--select", "SL005")] == ["SL005"]
