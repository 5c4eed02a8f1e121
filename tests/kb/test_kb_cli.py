"""`scopelint scopes` and `scopelint kb build|info|diff`, as a user runs them."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from kb_helpers import assert_one_line_error, make_document, x_scopes

from scopelint.kb.table import data_dir, load_table

Run = Callable[..., Result]
WriteJson = Callable[[str, Any], Path]

NINE_GRANULAR = (
    "read:avatar:jira",
    "read:field-configuration:jira",
    "read:issue-meta:jira",
    "read:issue-security-level:jira",
    "read:issue.changelog:jira",
    "read:issue.vote:jira",
    "read:issue:jira",
    "read:status:jira",
    "read:user:jira",
)

# ---------------------------------------------------------------- scopes


def test_scopes_for_an_issue_on_a_site_url(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "https://acme.atlassian.net/rest/api/3/issue/PPT-28")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "GET /rest/api/3/issue/{issueIdOrKey}"
    assert "classic, Current:" in out and "      read:jira-work" in out
    assert "granular, Beta:" in out
    for scope in NINE_GRANULAR:
        assert f"      {scope}\n" in out


def test_scopes_for_a_confluence_page(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "/wiki/api/v2/pages/123")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "GET /wiki/api/v2/pages/{id}"
    assert "read:page:confluence" in result.stdout


def test_scopes_for_a_jira_software_board_come_from_security(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "/rest/agile/1.0/board", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["product"] == "jira-software"
    assert data["alternatives"] == [
        {"kind": "granular", "state": None, "scopes": ["read:board-scope:jira-software", "read:project:jira"]}
    ]


def test_scopes_json_has_exactly_the_documented_keys(run_cli: Run) -> None:
    result = run_cli(
        "scopes", "get", "https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/PPT-28", "--format", "json"
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "method",
        "path",
        "product",
        "operation_id",
        "deprecated",
        "connect_scope",
        "alternatives",
        "retired",
        "note",
    ]
    assert data["retired"] is None and data["note"] is None  # a current, documented operation
    assert (data["method"], data["path"], data["product"]) == (
        "GET",
        "/rest/api/3/issue/{issueIdOrKey}",
        "jira",
    )
    assert (data["operation_id"], data["deprecated"], data["connect_scope"]) == ("getIssue", False, "READ")
    for alt in data["alternatives"]:
        assert set(alt) == {"kind", "state", "scopes"}
    assert {(a["kind"], tuple(a["scopes"])) for a in data["alternatives"]} == {
        ("classic", ("read:jira-work",)),
        ("granular", NINE_GRANULAR),
    }


def test_scopes_says_when_an_operation_cannot_be_called_with_a_scoped_token(run_cli: Run) -> None:
    result = run_cli("scopes", "PUT", "/rest/api/3/mypreferences/locale")
    assert result.exit_code == 0
    assert "not callable with OAuth 2.0 or a scoped API token" in result.stdout
    data = json.loads(run_cli("scopes", "PUT", "/rest/api/3/mypreferences/locale", "--format", "json").stdout)
    assert data["alternatives"] == [] and data["deprecated"] is True


def test_scopes_says_when_no_scope_is_needed(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "/rest/api/3/serverInfo")
    assert result.exit_code == 0
    assert "no scope needed" in result.stdout


def test_unknown_endpoint_exits_1_and_names_the_nearest(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "https://acme.atlassian.net/rest/api/3/issue/PPT-28/comments")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "scopelint: no known operation matches GET /rest/api/3/issue/PPT-28/comments"
    assert lines[1] == "Nearest known operations:"
    assert "  GET /rest/api/3/issue/{issueIdOrKey}/comment" in lines[2:]
    assert "Traceback" not in result.stderr


def test_unknown_endpoint_in_json(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "/wiki/api/v2/pagez/1", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert "no known operation" in data["error"]
    assert data["nearest"] and all(n.split(" ", 1)[1].startswith("/wiki/") for n in data["nearest"])


def test_method_the_path_does_not_have_lists_its_methods(run_cli: Run) -> None:
    result = run_cli("scopes", "PATCH", "/rest/api/3/issue/PPT-28")
    assert result.exit_code == 1
    assert "PATCH is not an operation of /rest/api/3/issue/PPT-28 (it has: DELETE, GET, PUT)" in result.stderr


def test_unknown_http_method_exits_2(run_cli: Run) -> None:
    line = assert_one_line_error(run_cli("scopes", "FETCH", "/rest/api/3/myself"))
    assert "unknown HTTP method 'FETCH'" in line


# ---------------------------------------------------------------- kb build: bad inputs


def _tiny_document() -> dict[str, Any]:
    return make_document(
        {
            "/rest/api/3/myself": {
                "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"]))}
            }
        }
    )


BAD_INPUTS: dict[str, bytes | None] = {
    "not-json.json": b"this is {not json",
    "truncated.json": b'{"openapi": "3.0.1", "paths": {',
    "not-openapi.json": b'{"swagger": "2.0", "paths": {}}',
    "no-paths.json": b'{"openapi": "3.0.1", "info": {"title": "x", "version": "1"}}',
    "garbage.yaml": b"openapi: [3.0.1\npaths: }}{\n  - :",
    "a-list.yaml": b"- openapi\n- 3.0.1\n",
    "binary.yaml": b"\xff\xfe\x00\x81garbage",
    "missing.json": None,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_writes_nothing(run_cli: Run, tmp_path: Path, name: str) -> None:
    content = BAD_INPUTS[name]
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out" / "table.json"
    result = run_cli("kb", "build", "--out", str(out), str(source))
    line = assert_one_line_error(result)
    assert line.startswith(f"scopelint: error: {source}: ")
    assert not out.exists() and not out.parent.exists()


def test_a_directory_is_a_bad_input(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    line = assert_one_line_error(run_cli("kb", "build", "--out", str(tmp_path / "t.json"), str(folder)))
    assert line == f"scopelint: error: {folder}: is a directory, not an OpenAPI document"


def test_a_bad_input_leaves_an_existing_table_untouched(
    run_cli: Run, tmp_path: Path, write_json: WriteJson
) -> None:
    good = write_json("jira.json", _tiny_document())
    bad = tmp_path / "bad.json"
    bad.write_text('{"openapi": "3.0.1"', encoding="utf-8")
    out = tmp_path / "table.json"
    out.write_text("previous table\n", encoding="utf-8")
    os.utime(out, (1_000_000_000, 1_000_000_000))
    # the good document comes first: nothing may be written before every input is read
    result = run_cli("kb", "build", "--out", str(out), str(good), str(bad))
    assert_one_line_error(result)
    assert out.read_text(encoding="utf-8") == "previous table\n"
    assert out.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "jira.json", "table.json"]


def test_the_same_document_name_twice_is_refused(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    first = write_json("jira.json", _tiny_document())
    (tmp_path / "copy").mkdir()
    second = write_json("copy/jira.json", _tiny_document())
    line = assert_one_line_error(
        run_cli("kb", "build", "--out", str(tmp_path / "t.json"), str(first), str(second))
    )
    assert "'jira' was given twice" in line


def test_a_url_needs_allow_network(run_cli: Run, tmp_path: Path) -> None:
    url = "https://dac-static.atlassian.com/cloud/jira/platform/swagger-v3.v3.json"
    line = assert_one_line_error(run_cli("kb", "build", "--out", str(tmp_path / "t.json"), url))
    assert line == f"scopelint: error: {url}: reading documents from URLs needs --allow-network"


# ---------------------------------------------------------------- kb build: success and validation


def _invalid_document() -> dict[str, Any]:
    """Valid enough to load, but two OpenAPI errors: a default outside its enum, no responses."""
    document = _tiny_document()
    operation = document["paths"]["/rest/api/3/myself"]["get"]
    operation["parameters"] = [
        {"name": "expand", "in": "query", "schema": {"type": "string", "enum": ["groups"], "default": "all"}}
    ]
    document["paths"]["/rest/api/3/serverInfo"] = {
        "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", []))}
    }
    return document


def test_build_writes_a_loadable_table(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    source = write_json("jira-platform.json", _tiny_document())
    out = tmp_path / "table.json"
    result = run_cli("kb", "build", "--out", str(out), str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == f"Wrote {out}: 1 operation from 1 document, 2 scope names."
    kb = load_table(out)
    op = kb.operation("GET", "/rest/api/3/myself")
    assert op is not None and op.alternatives[0].scopes == ("read:jira-work",)
    assert [d.key for d in kb.documents] == ["jira-platform"]
    assert kb.documents[0].validation_errors == 0


def test_invalid_document_warns_by_default_and_records_the_count(
    run_cli: Run, tmp_path: Path, write_json: WriteJson
) -> None:
    source = write_json("jira.json", _invalid_document())
    out = tmp_path / "table.json"
    result = run_cli("kb", "build", "--out", str(out), str(source))
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert warnings[0] == f"scopelint: warning: {source}: 2 OpenAPI validation errors (continuing)"
    assert any("'all' is not one of ['groups']" in w for w in warnings[1:])
    assert all(w.startswith("scopelint: warning: ") for w in warnings)
    assert load_table(out).documents[0].validation_errors == 2


def test_strict_fails_on_an_invalid_document_and_writes_nothing(
    run_cli: Run, tmp_path: Path, write_json: WriteJson
) -> None:
    source = write_json("jira.json", _invalid_document())
    out = tmp_path / "table.json"
    line = assert_one_line_error(run_cli("kb", "build", "--strict", "--out", str(out), str(source)))
    assert line.startswith(f"scopelint: error: {source}: fails OpenAPI validation (2 errors): ")
    assert not out.exists()


def test_strict_passes_a_valid_document(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    source = write_json("jira.json", _tiny_document())
    result = run_cli("kb", "build", "--strict", "--out", str(tmp_path / "t.json"), str(source))
    assert result.exit_code == 0 and result.stderr == ""


def test_no_validate_skips_validation(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    source = write_json("jira.json", _invalid_document())
    out = tmp_path / "table.json"
    result = run_cli("kb", "build", "--no-validate", "--strict", "--out", str(out), str(source))
    assert result.exit_code == 0 and result.stderr == ""
    assert load_table(out).documents[0].validation_errors == 0


@pytest.mark.specs
def test_strict_fails_on_atlassians_own_confluence_v2_document(
    run_cli: Run, specs_dir: Path, tmp_path: Path
) -> None:
    source = specs_dir / "confluence-v2.json"
    out = tmp_path / "table.json"
    line = assert_one_line_error(run_cli("kb", "build", "--strict", "--out", str(out), str(source)))
    assert line.startswith(f"scopelint: error: {source}: fails OpenAPI validation (")
    assert not out.exists()


# ---------------------------------------------------------------- kb info


def test_info_of_the_table_in_use(run_cli: Run) -> None:
    result = run_cli("kb", "info")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "(embedded), built 20" in lines[0] and lines[0].endswith(" operations")
    older = lines.index("Older versions, with the operations the newer ones dropped:")
    curated = lines.index("Curated by scopelint (endpoints without an OpenAPI document):")
    keys = [line.split()[0] for line in lines[1:older]]
    assert keys == [
        "jira-platform",
        "jira-platform-v2",
        "jira-software",
        "jira-service-management",
        "jsm-assets",
        "jsm-ops",
        "confluence-v1",
        "confluence-v2",
        "bitbucket",
    ]
    assert "Bitbucket API 2.0" in lines[older - 1] and "2026-06-29" in lines[older - 1]
    assert lines[1].split()[1:4] == ["619", "ops", "jira"]
    history = {line.split()[0]: line for line in lines[older + 1 : curated]}
    assert set(history) == {
        "jira-platform@2022-07-17",
        "jira-platform@2024-03-28",
        "confluence-v1@2021-11-23",
        "confluence-v1@2024-02-04",
        "bitbucket@2026-04-12",
    }
    assert history["bitbucket@2026-04-12"].split()[1:3] == ["8", "dropped"]  # the /addon/linkers ones
    assert "(history/confluence-v1-2024-modified.json); modified copy" in history["confluence-v1@2024-02-04"]
    assert lines[curated + 1].split()[:3] == ["curated-identity", "2", "ops"]
    retired = json.loads((data_dir() / "retired.json").read_text(encoding="utf-8"))["retired"]
    assert lines[-1].endswith(
        f" dropped, 2 curated operations; {len(retired)} curated removals and replacements."
    )


def test_info_json_of_the_table_in_use(run_cli: Run) -> None:
    data = json.loads(run_cli("kb", "info", "--format", "json").stdout)
    assert data["origin"] == "embedded"
    assert data["built"][:4].isdigit()
    assert data["operations"] == sum(d["operations"] for d in data["documents"])
    bitbucket = next(d for d in data["documents"] if d["key"] == "bitbucket")
    assert (bitbucket["product"], bitbucket["version"], bitbucket["title"]) == (
        "bitbucket",
        "2.0",
        "Bitbucket API",
    )
    assert len(bitbucket["sha256"]) == 64
    assert (bitbucket["date"], bitbucket["status"], bitbucket["source"]) == (
        "2026-06-29",
        "current",
        "bitbucket-2026-06.json",
    )
    older = next(d for d in data["documents"] if d["key"] == "bitbucket@2026-04-12")
    assert (older["status"], older["of"], older["source"]) == ("history", "bitbucket", "bitbucket.json")
    assert data["dropped_operations"] == sum(
        d["operations"] for d in data["documents"] if d["status"] == "history"
    )
    assert data["current_operations"] + data["dropped_operations"] + data["curated_operations"] == (
        data["operations"]
    )
    assert [c["source"] for c in data["curated"]] == ["endpoints.json", "retired.json"]


def test_info_of_another_table(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    source = write_json("tiny-jira.json", _tiny_document())
    out = tmp_path / "table.json"
    assert run_cli("kb", "build", "--no-validate", "--out", str(out), str(source)).exit_code == 0
    data = json.loads(run_cli("kb", "info", "--table", str(out), "--format", "json").stdout)
    assert data["operations"] == 1
    assert data["path"] == str(out)
    assert [(d["key"], d["version"], d["operations"]) for d in data["documents"]] == [
        ("tiny-jira", "1.0.0", 1)
    ]
    text = run_cli("kb", "info", "--table", str(out)).stdout
    assert f"Table: {out} (file), built {data['built']}, 1 operations" in text
    assert "tiny-jira" in text and "1 ops" in text


def test_info_of_a_table_that_is_not_one(run_cli: Run, write_json: WriteJson) -> None:
    path = write_json("table.json", {"hello": "world"})
    line = assert_one_line_error(run_cli("kb", "info", "--table", str(path)))
    assert line.startswith(f"scopelint: error: {path}: not a scopelint table")


# ---------------------------------------------------------------- kb diff


def test_diff_of_two_small_documents(run_cli: Run, write_json: WriteJson) -> None:
    old = make_document(
        {
            "/rest/api/3/myself": {
                "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"]))}
            },
            "/rest/api/3/search": {
                "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"]))}
            },
            "/rest/api/3/field": {"get": {"security": [{"OAuth2": []}]}},
        }
    )
    new = make_document(
        {
            "/rest/api/3/myself": {
                "get": {
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Current", ["read:jira-work"]), ("Beta", ["read:me"])
                    ),
                }
            },
            "/rest/api/3/search/jql": {
                "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"]))}
            },
            "/rest/api/3/field": {"get": {"deprecated": True, "security": [{"OAuth2": []}]}},
        }
    )
    old_path, new_path = write_json("old.json", old), write_json("new.json", new)
    data = json.loads(run_cli("kb", "diff", str(old_path), str(new_path), "--format", "json").stdout)
    assert data["added"] == ["GET /rest/api/3/search/jql"]
    assert data["removed"] == ["GET /rest/api/3/search"]
    assert data["newly_deprecated"] == ["GET /rest/api/3/field"]
    assert data["scope_changes"] == [
        {
            "operation": "GET /rest/api/3/myself",
            "before": [{"kind": "classic", "state": "Current", "scopes": ["read:jira-work"]}],
            "after": [
                {"kind": "classic", "state": "Current", "scopes": ["read:jira-work"]},
                {"kind": "classic", "state": "Beta", "scopes": ["read:me"]},
            ],
        }
    ]
    text = run_cli("kb", "diff", str(old_path), str(new_path))
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0] == "1 added, 1 removed, 1 newly deprecated, 1 scope changes"
    assert "    + classic: read:me" in text.stdout
    assert run_cli("kb", "diff", "--exit-code", str(old_path), str(new_path)).exit_code == 1


def test_diff_of_a_document_with_itself_is_empty(run_cli: Run, write_json: WriteJson) -> None:
    path = write_json("same.json", _tiny_document())
    result = run_cli("kb", "diff", "--exit-code", str(path), str(path))
    assert result.exit_code == 0
    assert result.stdout.strip() == "No differences."


def test_diff_compares_a_table_with_a_document(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    source = write_json("jira.json", _tiny_document())
    table = tmp_path / "table.json"
    assert run_cli("kb", "build", "--no-validate", "--out", str(table), str(source)).exit_code == 0
    result = run_cli("kb", "diff", "--exit-code", str(table), str(source))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "No differences."


def test_diff_of_a_bad_file_is_one_line(run_cli: Run, tmp_path: Path, write_json: WriteJson) -> None:
    good = write_json("jira.json", _tiny_document())
    bad = tmp_path / "bad.yaml"
    bad.write_text("paths: [\n", encoding="utf-8")
    line = assert_one_line_error(run_cli("kb", "diff", str(good), str(bad)))
    assert line.startswith(f"scopelint: error: {bad}: ")
    missing = tmp_path / "nope.json"
    assert_one_line_error(run_cli("kb", "diff", str(missing), str(good)))


@pytest.mark.specs
def test_diff_of_the_2022_and_current_jira_documents(run_cli: Run, specs_dir: Path) -> None:
    result = run_cli(
        "kb",
        "diff",
        str(specs_dir / "jira-platform-2022.json"),
        str(specs_dir / "jira-platform.json"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "GET /rest/api/3/search/jql" in data["added"]
    assert "POST /rest/api/3/search/jql" in data["added"]
    # gone since 2022
    assert "GET /rest/api/3/workflow" in data["removed"]
    assert "DELETE /rest/api/3/mypreferences/locale" in data["removed"]
    assert "GET /rest/api/3/myself" not in data["added"] + data["removed"]
    # field configurations were deprecated after 2022
    assert "GET /rest/api/3/fieldconfiguration" in data["newly_deprecated"]
    changes = {c["operation"]: c for c in data["scope_changes"]}
    # in 2022 not callable with OAuth 2.0; now classic manage:jira-configuration or granular
    role = changes["GET /rest/api/3/applicationrole"]
    assert role["before"] == []
    assert {tuple(a["scopes"]) for a in role["after"]} == {
        ("manage:jira-configuration",),
        ("read:application-role:jira",),
    }
    assert len(data["added"]) > 100


def _ok() -> dict[str, Any]:
    return {"get": {"responses": {"200": {"description": "OK"}}}}


MALFORMED: dict[str, dict[str, Any]] = {
    "info-is-text": {"info": "Jira"},
    "info-is-a-list": {"info": ["Jira"]},
    "servers-is-a-mapping": {"servers": {"url": "https://api.bitbucket.org/2.0"}},
    "server-variables-are-a-list": {"servers": [{"url": "https://{host}/2.0", "variables": ["host"]}]},
    "components-is-a-list": {"components": ["securitySchemes"]},
    "security-schemes-is-a-list": {"components": {"securitySchemes": ["OAuth2"]}},
    "flows-is-a-list": {"components": {"securitySchemes": {"OAuth2": {"type": "oauth2", "flows": ["code"]}}}},
    "operation-is-a-list": {"paths": {"/rest/api/3/myself": {"get": ["x"]}}},
    "extension-is-text": {
        "paths": {
            "/rest/api/3/myself": {"get": {"x-atlassian-oauth2-scopes": "read:jira-work", "responses": {}}}
        }
    },
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_openapi_document_never_gives_a_traceback(
    run_cli: Run, tmp_path: Path, write_json: WriteJson, name: str
) -> None:
    document: dict[str, Any] = {
        "openapi": "3.0.1",
        "info": {"title": "Jira", "version": "1"},
        "paths": {"/rest/api/3/myself": _ok()},
    }
    document.update(MALFORMED[name])
    source = write_json(f"{name}.json", document)
    out = tmp_path / "table.json"
    result = run_cli("kb", "build", "--out", str(out), str(source))
    # built with a validation warning, or refused with one line: never a traceback
    assert result.exit_code in (0, 2), result.exception
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        counted = re.search(r"(\d+\+?) OpenAPI validation (errors?) \(continuing\)", result.stderr)
        assert counted is not None, result.stderr
        assert (counted.group(2) == "error") == (counted.group(1) == "1")  # "1 error", "2 errors"
        load_table(out)
    else:
        assert_one_line_error(result)


def test_build_without_out_never_overwrites_the_packaged_table(
    run_cli: Run, tmp_path: Path, write_json: WriteJson
) -> None:
    """issue #18 item 5: one document built without --out used to replace data/table.json,
    after which `scopes GET /rest/api/3/myself` knew nothing."""
    from scopelint.kb.table import data_dir

    packaged = data_dir() / "table.json"
    before = packaged.read_bytes()
    source = write_json("jira-software.json", _tiny_document())

    try:
        result = run_cli("kb", "build", "--no-validate", str(source))
        after = packaged.read_bytes()
    finally:
        if packaged.read_bytes() != before:  # a regression must not break the checkout too
            packaged.write_bytes(before)

    assert_one_line_error(result)
    assert "--out" in result.stderr
    assert after == before
    assert run_cli("scopes", "GET", "/rest/api/3/issue/PPT-1").exit_code == 0
