"""scopelint as a library (`scopelint.api`): the same answers as the CLI, as plain objects."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
    on_script = {f.code: f for f in result.findings if f.location.path == "fetch-issue.sh"}
    assert sorted(on_script) == ["SL001", "SL002"]
    missing: Finding = on_script["SL002"]
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
    relative = api.check(cwd=root, config="strict.toml")  # relative to cwd, like every path

    assert {f.code for f in result.findings} == {"SL002"}
    assert relative.findings == result.findings


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


# --------------------------------------------------------------------------- baseline and since


def _site_call(key: str) -> str:
    return f"curl --user \"$EMAIL:$TOKEN\" 'https://acme.atlassian.net/rest/api/3/issue/{key}'\n"


def _keys(result: LintResult) -> list[str]:
    """The issue key each finding's call goes to."""
    return sorted(re.search(r"/issue/([A-Z]+-\d+)", f.message).group(1)  # type: ignore[union-attr]
                  for f in result.findings)


def test_check_with_a_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "old.sh").write_text(_site_call("OLD-1") + _site_call("OLD-2"), encoding="utf-8")

    written = api.check(cwd=root, select=["SL001"], write_baseline="scopelint-baseline.json")
    assert _keys(written) == ["OLD-1", "OLD-2"]  # writing a baseline reports all of them
    assert (root / "scopelint-baseline.json").is_file()  # relative to cwd

    (root / "old.sh").write_text(_site_call("OLD-1"), encoding="utf-8")  # OLD-2 fixed
    (root / "new.sh").write_text(_site_call("NEW-1"), encoding="utf-8")
    result = api.check(cwd=root, select=["SL001"], baseline="scopelint-baseline.json")

    assert _keys(result) == ["NEW-1"]
    assert len(result.stale_baseline) == 1 and result.stale_baseline[0].startswith("old.sh: SL001")

    with pytest.raises(ScopelintError, match=r"missing\.json does not exist"):
        api.check(cwd=root, baseline="missing.json")


def test_check_since_a_revision_reports_only_changed_lines(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()

    def git(*args: str) -> None:
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@scopelint.invalid",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@scopelint.invalid",
               "HOME": str(tmp_path), "PATH": os.environ["PATH"]}
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env,
                       capture_output=True, check=True)

    git("init", "--quiet")
    (root / "a.sh").write_text(_site_call("OLD-1"), encoding="utf-8")
    git("add", "--all")
    git("commit", "--quiet", "-m", "first")
    (root / "a.sh").write_text(_site_call("OLD-1") + _site_call("NEW-1"), encoding="utf-8")
    (root / "untracked.sh").write_text(_site_call("NEW-2"), encoding="utf-8")

    assert _keys(api.check(cwd=root, select=["SL001"])) == ["NEW-1", "NEW-2", "OLD-1"]
    assert _keys(api.check(cwd=root, select=["SL001"], since="HEAD")) == ["NEW-1", "NEW-2"]
    with pytest.raises(ScopelintError, match="git"):
        api.check(cwd=root, since="no-such-revision")


def test_retirement_for_names_what_atlassian_dropped_and_its_replacement() -> None:
    from scopelint.api import retirement_for, scopes_for

    gone = retirement_for("GET", "https://acme.atlassian.net/wiki/rest/api/space")
    assert gone is not None and gone.dropped and gone.replacement == "GET /wiki/api/v2/spaces"
    op = scopes_for("GET", "https://acme.atlassian.net/wiki/rest/api/space")
    assert op is not None and ("read:confluence-space.summary",) in {a.scopes for a in op.alternatives}
    removed = retirement_for("POST", "/rest/api/2/search/id")  # no longer in any document
    assert removed is not None and removed.removed_on == "2025-08-01"
    assert retirement_for("GET", "/rest/api/3/issue/PPT-28") is None


def test_check_takes_rule_names_isolated_and_force_exclude(tmp_path: Path) -> None:
    """issue #18 from Python: names and ALL select rules, a typo raises, the two path options."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('exclude = ["legacy.py"]\nselect = ["SL004"]\n')
    site = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'
    (tmp_path / "legacy.py").write_text(site)

    named = api.check(["legacy.py"], cwd=tmp_path, select=["hardcoded-site-url"])
    forced = api.check(["legacy.py"], cwd=tmp_path, select=["ALL"], force_exclude=True)
    isolated = api.check(["."], cwd=tmp_path, isolated=True)

    assert [f.code for f in named.findings] == ["SL001"]
    assert any("excluded by" in w for w in named.warnings)
    assert forced.findings == [] and forced.files_scanned == 0
    assert [f.code for f in isolated.findings] == ["SL001"]
    with pytest.raises(ScopelintError, match="SL999"):
        api.check(["."], cwd=tmp_path, select=["SL999"])
