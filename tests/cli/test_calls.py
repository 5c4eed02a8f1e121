"""`scopelint calls`: the inventory of call sites of a small polyglot project, and what it skips."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from cli_helpers import scopelint

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"

# (path, method, endpoint) of every call in tests/fixtures/projects/polyglot; the mocks and
# routes under tests/ are not calls.
POLYGLOT_CALLS = {
    (".env", None, "/rest/api/3/filter/my"),
    (".github/workflows/nightly.yml", "GET", "/rest/api/3/dashboard"),
    ("postman/jira.postman_collection.json", "POST", "/rest/api/3/issue/{issueIdOrKey}/transitions"),
    ("requests/projects.http", "GET", "/rest/api/3/project/search"),
    ("scripts/whoami.sh", "GET", "/rest/api/3/myself"),
    ("src/jira_client.py", "GET", "/rest/api/3/issue/{issueIdOrKey}"),
    ("src/jira_client.py", "POST", "/rest/api/3/issue/{issueIdOrKey}/comment"),
    ("web/client.js", "GET", "/wiki/api/v2/spaces"),
}
ROW_KEYS = {"path", "line", "column", "method", "url", "endpoint", "product", "operation_id"}


def polyglot(tmp_path: Path) -> Path:
    root = tmp_path / "polyglot"
    shutil.copytree(PROJECTS / "polyglot", root)
    (root / ".git").mkdir()
    return root


def calls_json(cwd: Path, *args: str) -> list[dict[str, Any]]:
    result = scopelint(["calls", "--format", "json", *args], cwd)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def triples(rows: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None]]:
    return {(row["path"], row["method"], row["endpoint"]) for row in rows}


def add_noise(root: Path) -> None:
    """Places a reviewer would not read: dependencies, a virtualenv, generated code, a binary."""
    dependency = root / "node_modules" / "jira-lib" / "index.js"
    dependency.parent.mkdir(parents=True)
    dependency.write_text('fetch("https://api.atlassian.com/ex/jira/x/rest/api/3/field");\n')
    venv = root / "env"  # not named .venv: recognised by its pyvenv.cfg
    (venv / "lib").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (venv / "lib" / "client.py").write_text(
        'import requests\nrequests.get("https://api.atlassian.com/ex/jira/x/rest/api/3/priority")\n'
    )
    generated = root / "generated" / "client.py"  # polyglot/.gitignore has generated/
    generated.parent.mkdir()
    generated.write_text('import requests\nrequests.get("https://api.atlassian.com/ex/jira/x/rest/api/3/status")\n')
    (root / "blob.bin").write_bytes(b"\x00\x01https://api.atlassian.com/ex/jira/x/rest/api/3/myself\x00")


def test_polyglot_inventory(tmp_path: Path) -> None:
    rows = calls_json(polyglot(tmp_path))

    assert triples(rows) == POLYGLOT_CALLS
    assert len(rows) == len(POLYGLOT_CALLS)
    for row in rows:
        assert set(row) >= ROW_KEYS


def test_rows_carry_location_url_product_and_operation_id(tmp_path: Path) -> None:
    rows = calls_json(polyglot(tmp_path))

    comment = next(row for row in rows if row["endpoint"] == "/rest/api/3/issue/{issueIdOrKey}/comment")
    assert (comment["path"], comment["line"], comment["column"]) == ("src/jira_client.py", 17, 18)
    assert comment["url"] == "https://api.atlassian.com/ex/jira/{JIRA_CLOUD_ID}/rest/api/3/issue/{key}/comment"
    assert comment["product"] == "jira"
    assert comment["operation_id"] == "addComment"
    spaces = next(row for row in rows if row["path"] == "web/client.js")
    assert (spaces["product"], spaces["operation_id"]) == ("confluence", "getSpaces")
    assert [row["path"] for row in rows] == sorted(row["path"] for row in rows)


def test_unresolved_calls_are_listed_without_endpoint(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "odd.py").write_text(
        'import requests\nrequests.get("https://api.atlassian.com/ex/jira/x/rest/api/3/no-such-thing")\n'
    )

    (row,) = calls_json(tmp_path)

    assert (row["method"], row["endpoint"], row["operation_id"]) == ("GET", None, None)
    assert row["product"] == "jira"


def test_base_urls_only_with_include_bases(tmp_path: Path) -> None:
    root = polyglot(tmp_path)

    plain = calls_json(root)
    with_bases = calls_json(root, "--include-bases")

    base_rows = [row for row in with_bases if row not in plain]
    assert [(row["path"], row["line"], row["url"]) for row in base_rows] == [
        (".env", 1, "https://acme.atlassian.net")
    ]


def test_text_output_lists_one_line_per_call(tmp_path: Path) -> None:
    result = scopelint(["calls"], polyglot(tmp_path))

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "scripts/whoami.sh:4:4: GET " in result.stdout
    assert lines[-1].startswith(f"{len(POLYGLOT_CALLS)} call sites in ")


def test_skips_dependencies_virtualenvs_gitignored_and_binary_files(tmp_path: Path) -> None:
    root = polyglot(tmp_path)
    add_noise(root)

    result = scopelint(["calls", "--format", "json"], root)

    assert triples(json.loads(result.stdout)) == POLYGLOT_CALLS
    assert "blob.bin" not in result.stderr  # skipped silently when found by walking


def test_exclude_option(tmp_path: Path) -> None:
    root = polyglot(tmp_path)

    rows = calls_json(root, "--exclude", "web", "--exclude", "scripts/*.sh,postman")

    assert {row["path"] for row in rows} == {path for path, _m, _e in POLYGLOT_CALLS} - {
        "web/client.js",
        "scripts/whoami.sh",
        "postman/jira.postman_collection.json",
    }


def test_explicitly_named_files_are_read_even_when_ignored(tmp_path: Path) -> None:
    root = polyglot(tmp_path)
    add_noise(root)

    named = ["generated/client.py", "node_modules/jira-lib/index.js", "blob.bin"]
    result = scopelint(["calls", "--format", "json", *named], root)

    assert result.exit_code == 0
    assert triples(json.loads(result.stdout)) == {
        ("generated/client.py", "GET", "/rest/api/3/status"),
        ("node_modules/jira-lib/index.js", "GET", "/rest/api/3/field"),
    }
    assert "blob.bin: binary file; skipped" in result.stderr


def test_mocks_and_routes_in_tests_are_not_calls(tmp_path: Path) -> None:
    root = polyglot(tmp_path)

    assert calls_json(root, "tests") == []


def test_nonexistent_path_is_a_tool_error(tmp_path: Path) -> None:
    result = scopelint(["calls", "nowhere"], polyglot(tmp_path))

    assert result.exit_code == 2
    assert "nowhere" in result.stderr
