"""scopelint as a library (`scopelint.api`): the same answers as the CLI, as plain objects."""

from __future__ import annotations

import shutil
from contextlib import chdir
from pathlib import Path

import pytest

from scopelint import api
from scopelint.errors import ConfigError, ScopelintError
from scopelint.model import Finding, LintResult, Severity

PROJECTS = Path(__file__).resolve().parent / "fixtures" / "projects"


def copy_project(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root)
    (root / ".git").mkdir()
    return root


def codes_at(result: LintResult) -> set[tuple[str, str, int]]:
    return {(f.code, f.location.path, f.location.line) for f in result.findings}


def test_check_the_forum_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("forum-curl", tmp_path)

    result = api.check(["."], cwd=root)

    assert isinstance(result, LintResult)
    on_script = [f for f in result.findings if f.location.path == "fetch-issue.sh"]
    assert [f.code for f in on_script] == ["SL001", "SL002"]
    missing: Finding = on_script[1]
    assert missing.severity is Severity.ERROR
    assert missing.endpoint == ("GET", "/rest/api/3/issue/{issueIdOrKey}")
    assert set(missing.missing_scopes) == {
        "read:issue-meta:jira",
        "read:issue-security-level:jira",
        "read:issue.vote:jira",
        "read:issue.changelog:jira",
        "read:avatar:jira",
        "read:status:jira",
        "read:field-configuration:jira",
    }
    assert result.files_scanned == 2
    assert result.calls_found == 1
    assert result.root == str(root)
    assert capsys.readouterr() == ("", "")  # a library call prints nothing


def test_check_defaults_to_the_current_directory(tmp_path: Path) -> None:
    root = copy_project("monorepo", tmp_path)

    with chdir(root):
        result = api.check()

    assert codes_at(result) == {("SL002", "apps/b/src/index.js", 4)}


def test_check_options_select_ignore_scopes_exclude(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)

    selected = api.check(cwd=root, select=["SL001"])
    ignored = api.check(cwd=root, ignore=["SL001", "SL003"])
    classic = api.check(cwd=root, scopes=["read:jira-work"])
    excluded = api.check(cwd=root, exclude=["*.sh"])

    assert {f.code for f in selected.findings} == {"SL001"}
    assert {f.code for f in ignored.findings} == {"SL002"}
    assert {f.code for f in classic.findings} == {"SL001"}
    assert {f.code for f in excluded.findings} == {"SL003"}  # no calls left: every scope unused


def test_check_with_an_explicit_config(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)
    (root / "strict.toml").write_text('select = ["SL002"]\n', encoding="utf-8")

    result = api.check(cwd=root, config=root / "strict.toml")

    assert {f.code for f in result.findings} == {"SL002"}


def test_check_raises_tool_errors_instead_of_exiting(tmp_path: Path) -> None:
    root = copy_project("forum-curl", tmp_path)

    with pytest.raises(ScopelintError, match=r"missing\.sh"):
        api.check(["missing.sh"], cwd=root)

    (root / ".scopelint.toml").write_text("scopes = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.scopelint\.toml"):
        api.check(cwd=root)


def test_find_calls_polyglot(tmp_path: Path) -> None:
    root = copy_project("polyglot", tmp_path)

    calls = api.find_calls(["."], cwd=root)

    found = {(c.location.path, c.method, c.kind) for c in calls}
    assert ("src/jira_client.py", "POST", "call") in found
    assert ("requests/projects.http", "GET", "call") in found
    assert (".env", None, "base-url") in found  # find_calls lists base URLs too
    assert not any(c.location.path.startswith("tests/") for c in calls)
    paths = {c.location.path for c in calls if c.kind == "call"}
    assert paths == {
        ".env",
        ".github/workflows/nightly.yml",
        "postman/jira.postman_collection.json",
        "requests/projects.http",
        "scripts/whoami.sh",
        "src/jira_client.py",
        "web/client.js",
    }


def test_find_calls_forge_product(tmp_path: Path) -> None:
    root = copy_project("forge-app", tmp_path)

    calls = api.find_calls(["src", "static"], cwd=root)

    assert {(c.location.path, c.forge_product) for c in calls} == {
        ("src/index.js", "jira"),
        ("static/app/src/App.js", "confluence"),
    }


def test_find_calls_exclude(tmp_path: Path) -> None:
    root = copy_project("polyglot", tmp_path)

    calls = api.find_calls(["."], cwd=root, exclude=["src/", "*.http"])

    paths = {c.location.path for c in calls}
    assert "src/jira_client.py" not in paths and "requests/projects.http" not in paths
    assert "web/client.js" in paths


def test_scopes_for() -> None:
    op = api.scopes_for("GET", "https://acme.atlassian.net/rest/api/3/issue/PPT-28")

    assert op is not None
    assert (op.method, op.path, op.product) == ("GET", "/rest/api/3/issue/{issueIdOrKey}", "jira")
    kinds = {alt.kind: alt.scopes for alt in op.alternatives}
    assert kinds["classic"] == ("read:jira-work",)
    assert len(kinds["granular"]) == 9
    assert api.scopes_for("GET", "/rest/api/3/no-such-endpoint") is None
    locale = api.scopes_for("PUT", "/rest/api/3/mypreferences/locale")
    assert locale is not None and not locale.scoped_access


def test_retirement_for_names_what_atlassian_dropped_and_its_replacement() -> None:
    from scopelint.api import retirement_for, scopes_for

    gone = retirement_for("GET", "https://acme.atlassian.net/wiki/rest/api/space")
    assert gone is not None and gone.dropped and gone.replacement == "GET /wiki/api/v2/spaces"
    op = scopes_for("GET", "https://acme.atlassian.net/wiki/rest/api/space")
    assert op is not None and ("read:confluence-space.summary",) in {a.scopes for a in op.alternatives}
    removed = retirement_for("POST", "/rest/api/2/search/id")  # no longer in any document
    assert removed is not None and removed.removed_on == "2025-08-01"
    assert retirement_for("GET", "/rest/api/3/issue/PPT-28") is None
