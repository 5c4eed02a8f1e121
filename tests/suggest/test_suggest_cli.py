"""`scopelint suggest` end to end, through the CLI."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from scopelint.cli.main import cli
from scopelint.suggest.formats import FORMATS

ISSUE = "GET /rest/api/3/issue/PPT-28"
ISSUE_GRANULAR = [
    "read:avatar:jira", "read:field-configuration:jira", "read:issue-meta:jira",
    "read:issue-security-level:jira", "read:issue.changelog:jira", "read:issue.vote:jira",
    "read:issue:jira", "read:status:jira", "read:user:jira",
]


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["suggest", *args], input=stdin, catch_exceptions=False)


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = run(*args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_default_prints_the_nine_granular_scopes() -> None:
    result = run("--endpoints", ISSUE)
    assert result.exit_code == 0
    for scope in ISSUE_GRANULAR:
        assert f"  {scope} " in result.stdout
    assert "9 scopes for 1 endpoint" in result.stdout
    assert "read:jira-work" not in result.stdout


def test_prefer_classic_prints_read_jira_work_only() -> None:
    code, data = run_json("--endpoints", ISSUE, "--prefer", "classic")
    assert code == 0
    assert data["scopes"] == ["read:jira-work"]
    text = run("--endpoints", ISSUE, "--prefer", "classic").stdout
    assert "read:jira-work" in text and "read:issue:jira" not in text


@pytest.mark.parametrize(
    "value",
    [
        "https://acme.atlassian.net/rest/api/3/issue/PPT-28",
        "GET https://api.atlassian.com/ex/jira/1a2b/rest/api/3/issue/PPT-28?expand=names",
        "GET /rest/api/3/issue/{issueKey}",
        "GET rest/api/3/issue/${key}",
        "get /rest/api/latest/issue/:key/",
    ],
)
def test_every_url_form_the_router_accepts_is_accepted(value: str) -> None:
    code, data = run_json("--endpoints", value, "--prefer", "classic")
    assert code == 0
    (entry,) = data["endpoints"]
    assert entry["input"] == value
    assert entry["path"] in ("/rest/api/3/issue/{issueIdOrKey}", "/rest/api/2/issue/{issueIdOrKey}")
    assert data["scopes"] == ["read:jira-work"]


def test_json_has_the_documented_shape_and_reasons() -> None:
    code, data = run_json("--endpoints", f"{ISSUE}, PUT /rest/api/3/issue/PPT-28")
    assert code == 0
    assert data["scopes"] == sorted(data["scopes"])
    assert set(data["scopes"]) == set(ISSUE_GRANULAR) | {"write:issue:jira"}
    assert data["by_product"] == {"jira": data["scopes"]}
    first = data["endpoints"][0]
    assert first["method"] == "GET"
    assert first["path"] == "/rest/api/3/issue/{issueIdOrKey}"
    assert first["product"] == "jira"
    assert first["operation_id"] == "getIssue"
    assert first["chosen"] == {"kind": "granular", "state": "Beta", "scopes": ISSUE_GRANULAR}
    assert {a["kind"] for a in first["alternatives"]} == {"classic", "granular"}
    assert first["deprecated"] is False
    assert data["unknown"] == []
    assert data["reasons"]["write:issue:jira"] == ["PUT /rest/api/3/issue/{issueIdOrKey}"]
    assert data["reasons"]["read:issue:jira"] == ["GET /rest/api/3/issue/{issueIdOrKey}"]


def test_unknown_endpoints_exit_1_with_the_nearest_known_ones() -> None:
    result = run("--endpoints", f"{ISSUE}, GET /rest/api/3/isue/PPT-28")
    assert result.exit_code == 1
    assert "Unknown endpoints" in result.stdout
    assert "GET /rest/api/3/isue/PPT-28" in result.stdout
    assert "nearest known: GET /rest/api/3/issue/{issueIdOrKey}" in result.stdout
    # the known one is still answered
    assert "read:issue:jira" in result.stdout


def test_allow_unknown_exits_0_and_json_lists_the_unknown_input() -> None:
    code, data = run_json("--endpoints", "GET /rest/api/3/isue/PPT-28", "--allow-unknown")
    assert code == 0
    assert data["unknown"] == ["GET /rest/api/3/isue/PPT-28"]
    (entry,) = data["endpoints"]
    assert entry["status"] == "unknown" and entry["path"] is None and entry["chosen"] is None
    assert "GET /rest/api/3/issue/{issueIdOrKey}" in entry["nearest"]


def test_a_wrong_method_on_a_known_path_is_unknown_and_names_the_methods_it_has() -> None:
    result = run("--endpoints", "PATCH /rest/api/3/issue/PPT-28")
    assert result.exit_code == 1
    assert "PATCH is not an operation of /rest/api/3/issue/PPT-28" in result.stdout


def test_removed_search_is_called_out_with_its_replacement() -> None:
    result = run("--endpoints", "GET /rest/api/3/search?jql=project=PPT", "--prefer", "classic")
    assert result.exit_code == 0
    assert "Removed endpoints" in result.stdout
    assert "use GET /rest/api/3/search/jql" in result.stdout
    code, data = run_json("--endpoints", "GET /rest/api/3/search", "--prefer", "classic")
    assert code == 0
    (entry,) = data["endpoints"]
    assert entry["status"] == "removed" and entry["deprecated"] is True
    assert entry["removed"]["replacement"] == "GET /rest/api/3/search/jql"
    assert entry["scopes_from"] == "GET /rest/api/3/search/jql"
    assert data["removed"] == ["GET /rest/api/3/search"]
    assert data["scopes"] == ["read:jira-work"]


def test_an_endpoint_without_scoped_access_is_called_out_not_dropped() -> None:
    result = run("--endpoints", "PUT /rest/api/3/mypreferences/locale")
    assert result.exit_code == 0
    assert "No scoped access" in result.stdout
    assert "PUT /rest/api/3/mypreferences/locale" in result.stdout
    code, data = run_json("--endpoints", "PUT /rest/api/3/mypreferences/locale")
    assert code == 0
    assert data["no_scoped_access"] == ["PUT /rest/api/3/mypreferences/locale"]
    assert data["scopes"] == [] and data["endpoints"][0]["chosen"] is None


def test_endpoints_of_several_products_are_grouped_and_the_split_is_said() -> None:
    endpoints = f"{ISSUE}\nGET /wiki/api/v2/pages/42\nGET https://api.bitbucket.org/2.0/repositories/w/r"
    result = run("--endpoints", endpoints, "--prefer", "classic")
    assert result.exit_code == 0
    assert "span 3 products (Jira, Confluence, Bitbucket)" in result.stdout
    assert "create 3 tokens" in result.stdout
    for heading in ("Jira (1 scope):", "Confluence (1 scope):", "Bitbucket (1 scope):"):
        assert heading in result.stdout
    code, data = run_json("--endpoints", endpoints, "--prefer", "classic")
    assert code == 0
    assert data["by_product"] == {
        "jira": ["read:jira-work"],
        "confluence": ["read:page:confluence"],
        "bitbucket": ["repository"],
    }
    assert data["several_products"] is True


def test_jira_and_jira_software_share_one_token() -> None:
    result = run("--endpoints", f"{ISSUE}, GET /rest/agile/1.0/board")
    assert "span 2 products (Jira, Jira Software)" in result.stdout
    assert "one Jira token" in result.stdout


def test_prefer_fewest_picks_the_smallest_union_and_says_it_is_exact() -> None:
    endpoints = f"{ISSUE}, GET /rest/api/3/search/jql, GET /rest/api/3/project/PPT"
    fewest_code, fewest = run_json("--endpoints", endpoints, "--prefer", "fewest")
    granular_code, granular = run_json("--endpoints", endpoints)
    assert fewest_code == granular_code == 0
    assert fewest["scopes"] == ["read:jira-work"]
    assert len(granular["scopes"]) > 1
    assert fewest["exact"] is True and fewest["prefer"] == "fewest"


def test_endpoints_file_from_stdin_with_comments(tmp_path: Path) -> None:
    stdin = "# jobs\nGET /rest/api/3/issue/PPT-28   # read one\n\nhttps://acme.atlassian.net/wiki/api/v2/pages/1\n"
    result = CliRunner().invoke(
        cli, ["suggest", "--endpoints-file", "-", "--format", "json"], input=stdin
    )
    data = json.loads(result.stdout)
    assert [e["input"] for e in data["endpoints"]] == [
        "GET /rest/api/3/issue/PPT-28",
        "https://acme.atlassian.net/wiki/api/v2/pages/1",
    ]
    assert data["endpoints"][1]["method"] == "GET"


def test_no_endpoints_is_a_tool_error() -> None:
    result = run()
    assert result.exit_code == 2
    assert "no endpoints" in result.stderr


def test_missing_endpoints_file_is_a_one_line_tool_error(tmp_path: Path) -> None:
    result = run("--endpoints-file", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


# --------------------------------------------------------------------------- formats


def test_oauth_format_is_the_space_separated_scope_parameter() -> None:
    result = run("--endpoints", ISSUE, "--format", "oauth")
    assert result.stdout.strip() == " ".join(ISSUE_GRANULAR)
    with_refresh = run("--endpoints", ISSUE, "--format", "oauth", "--offline-access")
    assert with_refresh.stdout.strip().split(" ") == [*ISSUE_GRANULAR, "offline_access"]


def test_oauth_format_warns_on_stderr_about_what_it_cannot_show() -> None:
    result = run("--endpoints", "GET /rest/api/3/search", "--format", "oauth", "--prefer", "classic")
    assert result.stdout.strip() == "read:jira-work"
    assert "removed" in result.stderr and "GET /rest/api/3/search/jql" in result.stderr


def _manifest(*args: str) -> tuple[str, Any]:
    result = run(*args, "--format", "manifest")
    assert result.exit_code == 0
    return result.stdout, YAML(typ="safe").load(io.StringIO(result.stdout))


def test_manifest_is_valid_yaml_whose_scopes_are_the_suggested_ones() -> None:
    endpoints = f"{ISSUE}, GET /wiki/api/v2/pages/1"
    text, document = _manifest("--endpoints", endpoints)
    code, data = run_json("--endpoints", endpoints)
    assert code == 0
    assert document == {"permissions": {"scopes": data["scopes"]}}
    # each scope says why it is there
    assert "read:page:confluence" in text and "# GET /wiki/api/v2/pages/{id}" in text


def test_manifest_pasted_into_a_forge_manifest_is_read_by_the_linter() -> None:
    if importlib.util.find_spec("scopelint.scanning.declarations.forge_manifest") is None:
        pytest.skip("the Forge manifest extractor (scopelint.scanning.declarations.forge_manifest) "
                    "does not exist yet")
    from scopelint.scanning.declarations.forge_manifest import extract
    from scopelint.scanning.source import SourceFile

    text, document = _manifest("--endpoints", ISSUE)
    # the block is meant to be pasted at the top level of an app's manifest.yml
    manifest = text  # the block as printed, pasted alone into manifest.yml
    scan = extract(SourceFile.from_text(manifest, "manifest.yml"))
    assert scan.warnings == []
    (declaration,) = scan.declarations
    assert sorted(declaration.scopes) == ISSUE_GRANULAR == document["permissions"]["scopes"]


def test_checklist_names_what_to_tick_per_product_and_kind() -> None:
    endpoints = f"{ISSUE}, GET /wiki/api/v2/pages/1"
    result = run("--endpoints", endpoints, "--prefer", "classic", "--format", "checklist")
    text = result.stdout
    jira, confluence = text.index("\nJira:"), text.index("\nConfluence:")
    assert text.index("Classic scopes:", jira) < text.index("[ ] read:jira-work") < confluence
    assert text.index("Granular scopes:", confluence) < text.index("[ ] read:page:confluence")


def test_from_code_uses_the_calls_the_scanner_finds(tmp_path: Path) -> None:
    if importlib.util.find_spec("scopelint.check.engine") is None:
        pytest.skip("scopelint.check.engine (find_calls) does not exist; --from cannot be tested end to end")
    source = tmp_path / "sync.py"
    source.write_text(
        "import requests\n"
        "def sync(key):\n"
        "    return requests.get(f'https://acme.atlassian.net/rest/api/3/issue/{key}')\n",
        encoding="utf-8",
    )
    code, data = run_json("--from", str(tmp_path), "--prefer", "classic")
    assert code == 0
    (entry,) = data["endpoints"]
    assert entry["path"] == "/rest/api/3/issue/{issueIdOrKey}"
    assert entry["sources"] and entry["sources"][0].endswith("sync.py:3")
    assert data["scopes"] == ["read:jira-work"]


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("GETPOSTget /rest/api/3{}:$<>%?#,\n\tissuewiki2.0xhttps:")),
               max_size=60))
def test_arbitrary_endpoint_text_never_raises(text: str) -> None:
    result = CliRunner().invoke(cli, ["suggest", "--endpoints", text, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code != 2:
        data = json.loads(result.stdout)
        for output_format in (f for f in FORMATS if f != "json"):
            again = CliRunner().invoke(cli, ["suggest", "--endpoints", text, "--format", output_format])
            assert again.exit_code == result.exit_code
        assert len(data["endpoints"]) >= 1
