"""`kb build --sources`: chains of versions of one document, curated data, and what goes wrong.

Small hand-made documents and build lists; every bad input is one line, exit 2, nothing written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from kb_helpers import assert_one_line_error, make_document, x_scopes

from scopelint.kb.table import KnowledgeBase, load_table

Run = Callable[..., Result]

TITLE = "The Confluence Cloud REST API"


def op(*scopes: str, deprecated: bool = False, operation_id: str | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"x-atlassian-oauth2-scopes": x_scopes(("Current", list(scopes)))}
    if deprecated:
        operation["deprecated"] = True
    if operation_id:
        operation["operationId"] = operation_id
    return operation


def confluence(paths: dict[str, Any], title: str = TITLE) -> dict[str, Any]:
    scopes = {
        "read:confluence-content.summary": "Read content",
        "read:confluence-space.summary": "Read spaces",
        "write:confluence-content": "Write content",
        "read:page:confluence": "Read pages",
        "read:space:confluence": "Read spaces",
    }
    from kb_helpers import oauth_scheme

    return make_document(paths, title=title, schemes=oauth_scheme("oAuthDefinitions", scopes))


OLDEST = {  # 2021: content and space, classic scopes
    "/wiki/rest/api/content/{id}": {
        "get": op("read:confluence-content.summary", operation_id="getContentById"),
        "delete": op("write:confluence-content"),
    },
    "/wiki/rest/api/space": {"get": op("read:confluence-space.summary", operation_id="getSpaces")},
    "/wiki/rest/api/space/{spaceKey}/theme": {"get": op("read:confluence-space.summary")},
    "/wiki/rest/api/audit": {"get": op("read:confluence-content.summary")},
}
MIDDLE = {  # 2024: the theme operation is gone, the space key renamed, the others deprecated
    "/wiki/rest/api/content/{id}": {
        "get": op("read:confluence-content.summary", "read:page:confluence", deprecated=True,
                  operation_id="getContentById"),
    },
    "/wiki/rest/api/space": {
        "get": op("read:confluence-space.summary", deprecated=True, operation_id="getSpaces")
    },
    "/wiki/rest/api/audit": {"get": op("read:confluence-content.summary")},
    "/wiki/rest/api/space/{key}/theme": {"get": op("read:confluence-space.summary")},
}
CURRENT = {  # now: only the audit log is left
    "/wiki/rest/api/audit": {"get": op("read:confluence-content.summary")},
}
V2 = {
    "/wiki/api/v2/pages/{id}": {"get": op("read:page:confluence", operation_id="getPageById")},
    "/wiki/api/v2/spaces": {"get": op("read:space:confluence", operation_id="getSpaces")},
}

ENDPOINTS: dict[str, Any] = {
    "format": 1,
    "about": "test",
    "operations": [
        {
            "product": "identity",
            "method": "GET",
            "path": "/me",
            "alternatives": [{"kind": "classic", "state": "Current", "scopes": ["read:me"]}],
            "source": "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/",
            "note": "User identity API",
        }
    ],
    "scopes": [
        {
            "name": "read:account",
            "product": "identity",
            "source": "https://developer.atlassian.com/cloud/confluence/scopes-for-oauth-2-3LO-and-forge-apps/",
            "note": "view user profiles",
        }
    ],
}
RETIRED: dict[str, Any] = {
    "format": 1,
    "about": "test",
    "retired": [
        {
            "method": "GET",
            "path": "/wiki/rest/api/space",
            "replacement": "GET /wiki/api/v2/spaces",
            "operation_id": "getSpaces",
            "replacement_operation_id": "getSpaces",
            "source": "https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864",
            "note": "v1 deprecated for its v2 equivalent",
        },
        {
            "method": "GET",
            "path": "/wiki/rest/api/content/{contentId}",  # the table's template wins
            "replacement": "GET /wiki/api/v2/pages/{pageId}",
            "source": "https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864",
            "note": "v1 deprecated for its v2 equivalent",
        },
    ],
}


def build_list(history: str = "", curated: bool = True, current_date: str = "2026-05-27") -> str:
    lines = ["format = 1"]
    if curated:
        lines += ["[curated]", 'endpoints = "endpoints.json"', 'retired = "retired.json"']
    lines += [
        "[[document]]",
        'key = "confluence-v1"',
        'file = "confluence-v1.json"',
        f'date = "{current_date}"',
        history
        or "history = ["
        '{ file = "old/confluence-2021.json", date = "2021-11-23" }, '
        '{ file = "old/confluence-2024.json", date = "2024-02-04" }]',
        "[[document]]",
        'key = "confluence-v2"',
        'file = "confluence-v2.json"',
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A specs folder (current documents, old/ versions) and a build list beside curated data."""
    specs = tmp_path / "specs"
    (specs / "old").mkdir(parents=True)
    documents = {
        "old/confluence-2021.json": confluence(OLDEST),
        "old/confluence-2024.json": confluence(MIDDLE),
        "confluence-v1.json": confluence(CURRENT),
        "confluence-v2.json": confluence(V2, title="The Confluence Cloud REST API v2"),
    }
    for name, document in documents.items():
        (specs / name).write_text(json.dumps(document), encoding="utf-8")
    listing = tmp_path / "list"
    listing.mkdir()
    (listing / "sources.toml").write_text(build_list(), encoding="utf-8")
    (listing / "endpoints.json").write_text(json.dumps(ENDPOINTS), encoding="utf-8")
    (listing / "retired.json").write_text(json.dumps(RETIRED), encoding="utf-8")
    return tmp_path


def build(run_cli: Run, tree: Path, *extra: str) -> tuple[Result, Path]:
    out = tree / "out" / "table.json"
    result = run_cli(
        "kb", "build", "--no-validate", "--out", str(out),
        "--sources", str(tree / "list" / "sources.toml"), "--specs-dir", str(tree / "specs"), *extra,
    )
    return result, out


def built(run_cli: Run, tree: Path) -> KnowledgeBase:
    result, out = build(run_cli, tree)
    assert result.exit_code == 0, result.output
    return load_table(out)


# ---------------------------------------------------------------- what the chain keeps


def test_the_table_keeps_every_operation_any_version_had(run_cli: Run, tree: Path) -> None:
    kb = built(run_cli, tree)
    keys = {op.key: op for op in kb.operations}
    # current operations, the newest version that had each dropped one, the curated endpoint
    assert set(keys) == {
        "GET /wiki/rest/api/audit",
        "GET /wiki/api/v2/pages/{id}",
        "GET /wiki/api/v2/spaces",
        "GET /me",
        "GET /wiki/rest/api/content/{id}",
        "GET /wiki/rest/api/space",
        "GET /wiki/rest/api/space/{key}/theme",  # the 2024 name of its parameter
        "DELETE /wiki/rest/api/content/{id}",  # only in 2021
    }
    content = keys["GET /wiki/rest/api/content/{id}"]
    assert content.document == "confluence-v1@2024-02-04"  # last seen there, with its scopes
    assert content.alternatives[0].scopes == ("read:confluence-content.summary", "read:page:confluence")
    assert keys["DELETE /wiki/rest/api/content/{id}"].document == "confluence-v1@2021-11-23"
    assert [op.key for op in kb.current_operations if op.product == "confluence"] == [
        "GET /wiki/rest/api/audit",
        "GET /wiki/api/v2/pages/{id}",
        "GET /wiki/api/v2/spaces",
    ]
    older = {d.key: d for d in kb.documents if d.status == "history"}
    assert {k: (d.of, d.date, d.source, d.operations) for k, d in older.items()} == {
        "confluence-v1@2021-11-23": ("confluence-v1", "2021-11-23", "old/confluence-2021.json", 1),
        "confluence-v1@2024-02-04": ("confluence-v1", "2024-02-04", "old/confluence-2024.json", 3),
    }


def test_dropped_operations_say_so_with_their_replacement(run_cli: Run, tree: Path) -> None:
    kb = built(run_cli, tree)
    space = kb.removal("GET", "/wiki/rest/api/space")
    assert space is not None
    assert (space.dropped_from, space.last_seen, space.replacement) == (
        "confluence-v1", "2024-02-04", "GET /wiki/api/v2/spaces",
    )
    assert space.source.endswith("#CHANGE-864") and not space.removed_on
    content = kb.removal("GET", "/wiki/rest/api/content/{id}")
    assert content is not None and content.replacement == "GET /wiki/api/v2/pages/{id}"
    theme = kb.removal("GET", "/wiki/rest/api/space/{key}/theme")
    assert theme is not None and theme.dropped and theme.replacement == ""
    assert kb.removal("GET", "/wiki/rest/api/audit") is None  # current and never removed
    assert kb.resolve("GET", "https://acme.atlassian.net/wiki/rest/api/space/KEY/theme").operation is not None


def test_an_operation_that_comes_back_is_not_dropped(run_cli: Run, tree: Path) -> None:
    specs = tree / "specs"
    space = op("read:space:confluence", operation_id="getSpaces")
    again = {**CURRENT, "/wiki/rest/api/space": {"get": space}}
    (specs / "confluence-v1.json").write_text(json.dumps(confluence(again)), encoding="utf-8")
    kb = built(run_cli, tree)
    space = kb.operation("GET", "/wiki/rest/api/space")
    assert space is not None and space.document == "confluence-v1"
    assert space.alternatives[0].scopes == ("read:space:confluence",)  # the current scopes
    assert kb.removal("GET", "/wiki/rest/api/space") is not None  # the curated replacement stays
    assert not kb.removal("GET", "/wiki/rest/api/space").dropped  # type: ignore[union-attr]


def test_curated_endpoints_and_scopes_are_in_the_table(run_cli: Run, tree: Path) -> None:
    kb = built(run_cli, tree)
    me = kb.resolve("GET", "https://api.atlassian.com/me").operation
    assert me is not None and me.product == "identity" and me.alternatives[0].scopes == ("read:me",)
    assert kb.note("GET", "/me") == (
        "User identity API", "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/"
    )
    assert kb.is_known_scope("read:account") and kb.is_known_scope("read:me")
    assert kb.is_platform_scope("read:account")  # no operation needs it: never "unused"
    assert not kb.is_platform_scope("read:me")  # GET /me needs it
    curated = next(d for d in kb.documents if d.status == "curated")
    assert (curated.key, curated.product) == ("curated-identity", "identity")
    assert curated.source == "endpoints.json"
    assert [c["source"] for c in kb.curated_files] == ["endpoints.json", "retired.json"]


def test_without_curated_files_the_build_list_still_builds(run_cli: Run, tree: Path) -> None:
    (tree / "list" / "sources.toml").write_text(build_list(curated=False), encoding="utf-8")
    kb = built(run_cli, tree)
    assert kb.operation("GET", "/me") is None and kb.curated_removals == ()
    assert kb.removal("GET", "/wiki/rest/api/space") is not None  # dropped, no replacement known


def test_kb_info_lists_the_older_versions(run_cli: Run, tree: Path) -> None:
    _result, out = build(run_cli, tree)
    text = run_cli("kb", "info", "--table", str(out)).stdout
    assert "Older versions, with the operations the newer ones dropped:" in text
    assert "confluence-v1@2024-02-04     3 dropped  confluence" in text
    assert text.rstrip().endswith(
        "3 current, 4 dropped, 1 curated operations; 2 curated removals and replacements."
    )


def test_kb_diff_walks_the_chain(run_cli: Run, tree: Path) -> None:
    specs = tree / "specs"
    result = run_cli(
        "kb", "diff", "--chain", "confluence-v1", "--sources", str(tree / "list" / "sources.toml"),
        "--specs-dir", str(specs), "--format", "json",
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["old"].endswith("confluence-2021.json") and second["new"].endswith("confluence-v1.json")
    # a renamed parameter is the same operation
    assert first["removed"] == ["DELETE /wiki/rest/api/content/{id}"] and first["added"] == []
    assert set(first["newly_deprecated"]) == {"GET /wiki/rest/api/content/{id}", "GET /wiki/rest/api/space"}
    assert set(second["removed"]) == {
        "GET /wiki/rest/api/content/{id}", "GET /wiki/rest/api/space", "GET /wiki/rest/api/space/{key}/theme",
    }
    same = run_cli(
        "kb", "diff", str(specs / "old/confluence-2021.json"), str(specs / "old/confluence-2024.json"),
        str(specs / "confluence-v1.json"),
    )
    assert same.exit_code == 0
    assert same.stdout.count("== ") == 2 and "3 removed" in same.stdout


# ---------------------------------------------------------------- bad chains and curated data


def test_a_version_with_another_title_is_refused(run_cli: Run, tree: Path) -> None:
    (tree / "specs" / "old" / "confluence-2024.json").write_text(
        json.dumps(confluence(MIDDLE, title="Confluence REST V1")), encoding="utf-8"
    )
    result, out = build(run_cli, tree)
    line = assert_one_line_error(result)
    assert "confluence-v1: old/confluence-2024.json is titled 'Confluence REST V1'" in line
    assert "title = 'Confluence REST V1'" in line  # says how to accept it
    assert not out.exists() and not out.parent.exists()


def test_a_version_with_another_title_is_accepted_when_the_list_names_it(run_cli: Run, tree: Path) -> None:
    (tree / "specs" / "old" / "confluence-2024.json").write_text(
        json.dumps(confluence(MIDDLE, title="Confluence REST V1")), encoding="utf-8"
    )
    history = (
        'history = [{ file = "old/confluence-2021.json", date = "2021-11-23" }, '
        '{ file = "old/confluence-2024.json", date = "2024-02-04", title = "Confluence REST V1", '
        'note = "modified copy" }]'
    )
    (tree / "list" / "sources.toml").write_text(build_list(history), encoding="utf-8")
    kb = built(run_cli, tree)
    older = next(d for d in kb.documents if d.key == "confluence-v1@2024-02-04")
    assert (older.title, older.note) == ("Confluence REST V1", "modified copy")


def test_a_newer_version_that_is_older_is_refused(run_cli: Run, tree: Path) -> None:
    history = (
        'history = [{ file = "old/confluence-2024.json", date = "2024-02-04" }, '
        '{ file = "old/confluence-2021.json", date = "2021-11-23" }]'
    )
    (tree / "list" / "sources.toml").write_text(build_list(history), encoding="utf-8")
    result, out = build(run_cli, tree)
    line = assert_one_line_error(result)
    assert "old/confluence-2024.json (2024-02-04) is listed as older than old/confluence-2021.json" in line
    assert not out.exists()
    # the current version dated before its history is refused the same way
    (tree / "list" / "sources.toml").write_text(build_list(current_date="2020-01-01"), encoding="utf-8")
    line = assert_one_line_error(build(run_cli, tree)[0])
    assert "(2024-02-04) is listed as older than confluence-v1.json (2020-01-01)" in line


def test_allow_older_accepts_a_version_out_of_date_order(run_cli: Run, tree: Path) -> None:
    history = (
        'history = [{ file = "old/confluence-2024.json", date = "2024-02-04", allow_older = true }, '
        '{ file = "old/confluence-2021.json", date = "2021-11-23" }]'
    )
    (tree / "list" / "sources.toml").write_text(build_list(history), encoding="utf-8")
    assert build(run_cli, tree)[0].exit_code == 0


def test_a_version_of_another_product_is_refused(run_cli: Run, tree: Path) -> None:
    jira = make_document({"/rest/api/3/myself": {"get": op("read:jira-work")}})  # a Jira title
    (tree / "specs" / "old" / "confluence-2021.json").write_text(json.dumps(jira), encoding="utf-8")
    line = assert_one_line_error(build(run_cli, tree)[0])
    assert "old/confluence-2021.json describes jira, not confluence" in line


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("source", "operations/0 (GET /me): 'source' is a required property"),
        ("note", "operations/0 (GET /me): 'note' is a required property"),
    ],
)
def test_a_curated_entry_without_its_source_fails_the_build(
    run_cli: Run, tree: Path, field: str, message: str
) -> None:
    endpoints = json.loads(json.dumps(ENDPOINTS))
    del endpoints["operations"][0][field]
    (tree / "list" / "endpoints.json").write_text(json.dumps(endpoints), encoding="utf-8")
    result, out = build(run_cli, tree)
    line = assert_one_line_error(result)
    assert line == f"scopelint: error: {tree / 'list' / 'endpoints.json'}: {message}"
    assert not out.exists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda r: r["retired"][0].pop("source"),
            "retired/0 (GET /wiki/rest/api/space): 'source' is a required",
        ),
        (lambda r: r["retired"][0].__setitem__("source", "see the changelog"), "does not match"),
        (
            lambda r: r["retired"][0].__setitem__("replacement", "GET /wiki/api/v2/space-typo"),
            "GET /wiki/rest/api/space: its replacement GET /wiki/api/v2/space-typo is no operation",
        ),
        (
            lambda r: r["retired"][0].__setitem__("operation_id", "getSpace"),
            "the table's operationId is 'getSpaces', not 'getSpace'",
        ),
        (
            lambda r: r["retired"][0].__setitem__("replacement_operation_id", "getSpace"),
            "the replacement's operationId is 'getSpaces', not 'getSpace'",
        ),
        (lambda r: r["retired"].append(dict(r["retired"][0])), "GET /wiki/rest/api/space is listed twice"),
    ],
    ids=["no-source", "source-not-a-url", "unknown-replacement", "wrong-id", "wrong-replacement-id", "twice"],
)
def test_bad_retired_data_fails_the_build(run_cli: Run, tree: Path, damage: Any, message: str) -> None:
    retired = json.loads(json.dumps(RETIRED))
    damage(retired)
    (tree / "list" / "retired.json").write_text(json.dumps(retired), encoding="utf-8")
    result, out = build(run_cli, tree)
    assert message in assert_one_line_error(result)
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format = 1\n[[document]\n", "not valid TOML"),
        ("format = 1\n", "top level: 'document' is a required property"),
        ('format = 1\n[[document]]\nkey = "x"\nfile = "x.json"\nhistory = [{ file = "y.json" }]\n',
         "document/0/history/0: 'date' is a required property"),
        ('format = 1\n[[document]]\nkey = "x"\nfile = "x.json"\n'
         'history = [{ file = "y.json", date = "2020-01-01" }]\n',
         "x: a document with a history needs its own date"),
        ('format = 1\n[[document]]\nkey = "x"\nfile = "x.json"\n[[document]]\nkey = "x"\nfile = "y.json"\n',
         "the document key 'x' is listed twice"),
    ],
    ids=["not-toml", "no-documents", "undated-version", "undated-current", "key-twice"],
)
def test_a_bad_build_list_is_one_line(run_cli: Run, tree: Path, text: str, message: str) -> None:
    (tree / "list" / "sources.toml").write_text(text, encoding="utf-8")
    result, out = build(run_cli, tree)
    line = assert_one_line_error(result)
    assert line.startswith(f"scopelint: error: {tree / 'list' / 'sources.toml'}: ") and message in line
    assert not out.exists()


def test_build_arguments_are_checked(run_cli: Run, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCOPELINT_SPECS_DIR", raising=False)
    listing = str(tree / "list" / "sources.toml")
    out = str(tree / "t.json")
    assert "needs SOURCES or --sources FILE" in assert_one_line_error(run_cli("kb", "build", "--out", out))
    document = str(tree / "specs" / "confluence-v1.json")
    both = run_cli("kb", "build", "--out", out, "--sources", listing, document)
    assert "not both" in assert_one_line_error(both)
    no_dir = run_cli("kb", "build", "--out", out, "--sources", listing)
    assert "--sources needs --specs-dir DIR" in assert_one_line_error(no_dir)
    monkeypatch.setenv("SCOPELINT_SPECS_DIR", str(tree / "specs"))
    assert run_cli("kb", "build", "--no-validate", "--out", out, "--sources", listing).exit_code == 0


def test_a_missing_specs_folder_names_both_ways_to_give_it(
    run_cli: Run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = str(tree / "list" / "sources.toml")
    out = tree / "t.json"
    missing = tree / "shared" / "specs"
    by_option = run_cli("kb", "build", "--out", str(out), "--sources", listing, "--specs-dir", str(missing))
    line = assert_one_line_error(by_option)
    assert f"specs folder {missing} (from --specs-dir) does not exist" in line
    assert "--specs-dir DIR" in line and "SCOPELINT_SPECS_DIR" in line
    monkeypatch.setenv("SCOPELINT_SPECS_DIR", str(missing))
    line = assert_one_line_error(run_cli("kb", "build", "--out", str(out), "--sources", listing))
    assert f"specs folder {missing} (from SCOPELINT_SPECS_DIR) does not exist" in line
    assert "--specs-dir DIR" in line
    assert not out.exists()


def test_a_missing_version_file_is_one_line(run_cli: Run, tree: Path) -> None:
    (tree / "specs" / "old" / "confluence-2021.json").unlink()
    line = assert_one_line_error(build(run_cli, tree)[0])
    assert line.endswith("old/confluence-2021.json: no such file")


# ---------------------------------------------------------------- the shipped data


def test_the_shipped_curated_data_and_build_list_load_without_the_specs() -> None:
    """The curated files validate and the list parses even where Atlassian's documents are absent."""
    from scopelint.kb.curated import load_endpoints, load_retired
    from scopelint.kb.products import GATEWAY_ROOT_PATHS
    from scopelint.kb.sources import default_build_list

    listed = default_build_list()
    assert listed.endpoints is not None and listed.retired is not None
    endpoints = load_endpoints(listed.endpoints)
    assert {op.path for op in endpoints.operations} == set(GATEWAY_ROOT_PATHS)
    assert endpoints.catalogs["identity"] == {"read:me", "read:account", "offline_access"}
    entries, _sha = load_retired(listed.retired)
    assert len({(e.removal.method, e.removal.path) for e in entries}) == len(entries)
    assert all(e.removal.source.startswith("https://") and e.removal.notice for e in entries)
    assert listed.history_files == {
        "jira-platform-2022.json",
        "history/jira-platform-2024.json",
        "history/confluence-v1-2021.json",
        "history/confluence-v1-2024-modified.json",
        "bitbucket.json",
    }
