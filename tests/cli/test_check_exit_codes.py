"""`scopelint check` as a CI step sees it: the JSON shape, exit codes, tool errors, broken files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import scopelint, write_tree
from click.testing import Result

SCOPELINT = Path(sys.executable).parent / "scopelint"


MIXED = {
    ".scopelint.toml": """\
        scopes = [
          "read:jira-user",
          "write:jira-work",
        ]
        """,
    "src/jira.py": """\
        import requests


        def issue(key):
            return requests.get(f"https://acme.atlassian.net/rest/api/3/issue/{key}")


        def me():
            return requests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/myself")
        """,
}


# --------------------------------------------------------------------------- JSON shape


def test_json_output_shape(tmp_path: Path) -> None:
    root = write_tree(tmp_path, MIXED)

    result = scopelint(["check", "--format", "json"], root)

    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"findings", "summary"}
    assert isinstance(document["summary"], dict)
    findings: list[dict[str, Any]] = document["findings"]
    by_code = {f["code"]: f for f in findings}
    assert set(by_code) == {"SL001", "SL002", "SL003"}
    for finding in findings:
        assert {"code", "name", "severity", "path", "line", "column", "message"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)

    missing = by_code["SL002"]
    assert (missing["name"], missing["severity"]) == ("missing-scopes", "error")
    assert (missing["path"], missing["line"], missing["column"]) == ("src/jira.py", 5, 25)
    assert missing["endpoint"] == {"method": "GET", "path": "/rest/api/3/issue/{issueIdOrKey}"}
    assert missing["missing_scopes"] == ["read:jira-work"]

    unused = by_code["SL003"]
    assert (unused["path"], unused["line"]) == (".scopelint.toml", 3)
    assert unused["unused_scopes"] == ["write:jira-work"]
    assert "endpoint" not in unused or unused["endpoint"] is None

    assert by_code["SL001"]["endpoint"] == missing["endpoint"]


def test_json_paths_are_relative_to_the_working_directory(tmp_path: Path) -> None:
    root = write_tree(tmp_path, MIXED)

    from_top = scopelint(["check", "--format", "json", "src"], root)
    from_src = scopelint(["check", "--format", "json", "."], root / "src")
    absolute = scopelint(["check", "--format", "json", str(root / "src")], root)

    def paths(result: Result) -> set[str]:
        return {f["path"] for f in json.loads(result.stdout)["findings"]}

    assert paths(from_top) == {"src/jira.py"}
    assert paths(from_src) == {"jira.py"}
    assert paths(absolute) == {"src/jira.py"}


def test_json_summary_counts(tmp_path: Path) -> None:
    root = write_tree(tmp_path, MIXED)

    summary = json.loads(scopelint(["check", "--format", "json"], root).stdout)["summary"]

    assert summary["findings"] == 3
    assert summary["by_code"] == {"SL001": 1, "SL002": 1, "SL003": 1}
    assert summary["calls"] == 2


# --------------------------------------------------------------------------- exit codes


def test_exit_0_when_clean(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/myself")\n'},
    )

    result = scopelint(["check"], root)

    assert result.exit_code == 0
    assert "All checks passed" in result.stdout


def test_exit_1_with_findings_and_0_with_exit_zero(tmp_path: Path) -> None:
    root = write_tree(tmp_path, MIXED)

    failing = scopelint(["check"], root)
    forgiving = scopelint(["check", "--exit-zero"], root)

    assert failing.exit_code == 1
    assert forgiving.exit_code == 0
    assert forgiving.stdout == failing.stdout  # the same report either way


def test_bad_config_file_is_one_line_naming_it(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": "scopes = [\n", "app.py": "print('hi')\n"})

    result = scopelint(["check"], root)

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert ".scopelint.toml" in lines[0]
    assert "Traceback" not in result.output


def test_unknown_config_key_is_a_tool_error(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.yaml": "slect: [SL001]\n"})

    result = scopelint(["check"], root)

    assert result.exit_code == 2
    assert ".scopelint.yaml" in result.stderr and "select" in result.stderr


def test_explicit_config_option(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "ci/strict.toml": 'select = ["SL004"]\n',
            "app.py": 'import requests\nrequests.post("https://acme.atlassian.net/rest/api/3/search")\n',
        },
    )

    result = scopelint(["check", "--format", "json", "--config", "ci/strict.toml"], root)

    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["SL004"]


def test_missing_explicit_config_is_a_tool_error(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": "print('hi')\n"})

    result = scopelint(["check", "--config", "nope.toml"], root)

    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


def test_nonexistent_path_argument_is_a_tool_error(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": "print('hi')\n"})

    result = scopelint(["check", "app.py", "missing.py"], root)

    assert result.exit_code == 2
    assert "missing.py" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_invalid_rule_code_is_a_tool_error(option: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, MIXED)

    result = scopelint(["check", option, "SL001,XX9"], root)

    assert result.exit_code == 2
    assert "'XX9'" in result.stderr and option in result.stderr
    assert result.stdout == ""


def test_installed_entry_point_exit_codes(tmp_path: Path) -> None:
    """The console script, as CI runs it (exit codes survive the process boundary)."""
    if not SCOPELINT.exists():
        pytest.skip(f"no console script at {SCOPELINT}")
    root = write_tree(tmp_path, MIXED)
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCOPELINT), *args], cwd=root, capture_output=True, text=True, env=env, timeout=60
        )

    assert run("check").returncode == 1
    assert run("check", "--exit-zero").returncode == 0
    assert run("check", "--select", "SL009").returncode == 0
    missing = run("check", "nowhere")
    assert missing.returncode == 2
    assert missing.stderr.strip() == "scopelint: error: nowhere: no such file or directory"


# --------------------------------------------------------------------------- broken input


def test_unparsable_python_still_gets_text_level_checks(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "broken.py": """\
                def fetch(:
                    return requests.get("https://acme.atlassian.net/rest/api/3/myself")
                """,
            "fine.py": 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/serverInfo")\n',
        },
    )

    result = scopelint(["check", "--format", "json"], root)

    assert result.exit_code == 1
    found = {(f["code"], f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("SL001", "broken.py", 2), ("SL001", "fine.py", 2)}
    warning = [line for line in result.stderr.splitlines() if "broken.py" in line]
    assert len(warning) == 1


def test_quiet_hides_warnings_about_skipped_files(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"broken.py": 'def f(:\n    x = "https://acme.atlassian.net/rest/api/3/myself"\n'})

    result = scopelint(["check", "--quiet"], root)

    assert result.exit_code == 1
    assert result.stderr == ""


def test_undecodable_and_binary_files_do_not_stop_the_run(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"app.py": 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'})
    (root / "latin1.py").write_bytes(b'# caf\xe9\nURL = "https://acme.atlassian.net/rest/api/3/serverInfo"\n')
    (root / "blob.bin").write_bytes(b"\x00\x01https://acme.atlassian.net/rest/api/3/myself\x00")

    result = scopelint(["check", "--format", "json"], root)

    assert result.exit_code == 1
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"app.py", "latin1.py"}
