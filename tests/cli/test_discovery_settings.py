"""Every command that scans files finds them as `check` does: the configuration's exclude
applies to `calls` and `suggest --from` too, with `--isolated` and `--config` as check has."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import check_json, scopelint, write_tree

from scopelint import api

APP = """\
    import requests
    BASE = "https://api.atlassian.com/ex/jira/abc/rest/api/3"
    def issue(key):
        return requests.get(f"{BASE}/issue/{key}")
    """
VENDORED = """\
    import requests
    requests.delete("https://x.atlassian.net/rest/api/3/project/FOO")
    """


def project(root: Path, config_name: str = "pyproject.toml") -> Path:
    """A service with a vendored copy of an old client that its configuration excludes."""
    config = (
        '[project]\nname = "svc"\n\n[tool.scopelint]\nexclude = ["vendor/"]\n'
        if config_name == "pyproject.toml" else 'exclude = ["vendor/"]\n'
    )
    root.mkdir(parents=True)
    return write_tree(root, {
        config_name: config,
        "src/svc/jira.py": APP,
        "vendor/oldclient/admin.py": VENDORED,
    })


def listed(root: Path, *args: str) -> set[str]:
    result = scopelint(["calls", "--format", "json", *args], root)
    assert result.exit_code == 0, result.output
    return {row["path"] for row in json.loads(result.stdout)}


def test_calls_applies_the_configurations_exclude_as_check_does(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    assert listed(root) == {"src/svc/jira.py"}
    assert listed(root, ".") == {"src/svc/jira.py"}
    # from a subdirectory the configuration found above still anchors its patterns
    assert listed(root / "src") == {"svc/jira.py"}
    text = scopelint(["calls"], root).stdout
    assert text.splitlines()[-1].startswith("1 call site in 1 file, 2 scanned")
    # check agrees: the vendored DELETE is not checked either
    assert check_json(root, "--select", "SL002") == []


def test_calls_reads_a_scopelint_toml_too(tmp_path: Path) -> None:
    root = project(tmp_path / "svc", ".scopelint.toml")
    assert listed(root) == {"src/svc/jira.py"}


def test_calls_isolated_reads_no_configuration(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    assert listed(root, "--isolated") == {"src/svc/jira.py", "vendor/oldclient/admin.py"}


def test_calls_config_names_the_configuration(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    (root / "pyproject.toml").write_text('[project]\nname = "svc"\n')  # no table: nothing found
    assert listed(root) == {"src/svc/jira.py", "vendor/oldclient/admin.py"}
    (root / "ci.toml").write_text('exclude = ["src/"]\n')
    assert listed(root, "--config", "ci.toml") == {"vendor/oldclient/admin.py"}


def test_calls_refuses_isolated_with_config_and_a_bad_configuration(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    both = scopelint(["calls", "--isolated", "--config", "pyproject.toml"], root)
    assert both.exit_code == 2
    assert "--isolated" in both.stderr and "--config" in both.stderr
    (root / "pyproject.toml").write_text("[tool.scopelint]\nexclude = 3\n")
    bad = scopelint(["calls"], root)
    assert bad.exit_code == 2
    assert "pyproject.toml" in bad.stderr and "exclude" in bad.stderr
    assert "Traceback" not in bad.output


def test_calls_named_excluded_file_is_listed_with_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    result = scopelint(["calls", "vendor/oldclient/admin.py"], root)
    assert result.exit_code == 0
    assert "vendor/oldclient/admin.py:2" in result.stdout
    assert "excluded by exclude 'vendor/'" in result.stderr


def test_suggest_from_applies_the_configuration(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    default = scopelint(["suggest", "--from", ".", "--format", "json"], root)
    assert default.exit_code == 0, default.output
    assert "delete:project:jira" not in default.stdout  # only the vendored copy deletes projects
    assert "read:issue:jira" in default.stdout
    isolated = scopelint(["suggest", "--from", ".", "--isolated", "--format", "json"], root)
    assert "delete:project:jira" in isolated.stdout
    excluded = scopelint(["suggest", "--from", ".", "--isolated", "--exclude", "src/"], root)
    assert "delete:project:jira" in excluded.stdout and "read:issue:jira" not in excluded.stdout


def test_library_find_calls_reads_the_configuration_only_when_asked(tmp_path: Path) -> None:
    root = project(tmp_path / "svc")
    everything = {c.location.path for c in api.find_calls(["."], cwd=root) if c.kind == "call"}
    assert everything == {"src/svc/jira.py", "vendor/oldclient/admin.py"}  # as before: none read
    configured = {c.location.path for c in api.find_calls(["."], cwd=root, config=True)
                  if c.kind == "call"}
    assert configured == {"src/svc/jira.py"}
    (root / "other.toml").write_text('exclude = ["src/"]\n')
    named = {c.location.path for c in api.find_calls(["."], cwd=root, config="other.toml")
             if c.kind == "call"}
    assert named == {"vendor/oldclient/admin.py"}
