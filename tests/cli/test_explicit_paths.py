"""Paths named on the command line that the configuration excludes, --force-exclude and
--isolated, as in ruff (issue #18 item 9)."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import check_json, scopelint, write_tree

SITE_CALL = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'
SEARCH_CALL = 'import requests\nrequests.post("https://acme.atlassian.net/rest/api/3/search")\n'
PROJECT = {
    ".scopelint.toml": 'exclude = ["tests/", "legacy.py"]\nselect = ["SL001"]\n',
    "src/app.py": SITE_CALL,
    "tests/test_app.py": SITE_CALL,
    "legacy.py": SITE_CALL,
}


def paths(found: list[dict[str, object]]) -> set[object]:
    return {f["path"] for f in found}


def test_an_excluded_folder_named_explicitly_is_checked_with_a_warning(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    result = scopelint(["check", "tests"], root)

    assert result.exit_code == 1
    assert "tests/test_app.py:2:23: SL001" in result.stdout
    warning = [line for line in result.stderr.splitlines() if "excluded" in line]
    assert len(warning) == 1
    assert warning[0].startswith("scopelint: warning: tests: excluded by ")
    assert ".scopelint.toml" in warning[0] and "--force-exclude" in warning[0]


def test_an_excluded_file_named_explicitly_is_checked_with_a_warning(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    result = scopelint(["check", "legacy.py", "src/app.py"], root)

    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines() if ": SL001 [" in line} == {
        "legacy.py", "src/app.py",
    }
    assert "scopelint: warning: legacy.py: excluded by " in result.stderr


def test_force_exclude_skips_excluded_paths_even_when_named(tmp_path: Path) -> None:
    """What the pre-commit hook runs: pre-commit names every staged file."""
    root = write_tree(tmp_path, PROJECT)

    assert paths(check_json(root, "--force-exclude", "legacy.py", "src/app.py", "tests")) == {"src/app.py"}
    result = scopelint(["check", "--force-exclude", "tests/test_app.py"], root)
    assert result.exit_code == 0
    assert "excluded" not in result.stderr


def test_nothing_to_check_is_said(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    result = scopelint(["check", "--force-exclude", "tests"], root)

    assert result.exit_code == 0
    assert "scopelint: warning: no files to check" in result.stderr


def test_the_exclude_option_works_the_same(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"gen/client.py": SITE_CALL, "app.py": SITE_CALL})

    named = scopelint(["check", "--exclude", "gen", "gen"], root)
    forced = check_json(root, "--exclude", "gen", "--force-exclude", "gen", "app.py")

    assert named.exit_code == 1 and "gen: excluded by --exclude 'gen'" in named.stderr
    assert paths(forced) == {"app.py"}


def test_isolated_ignores_the_configuration(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PROJECT, "src/search.py": SEARCH_CALL})

    configured = paths(check_json(root))
    isolated = {(f["path"], f["code"]) for f in check_json(root, "--isolated")}

    assert configured == {"src/app.py", "src/search.py"}
    assert isolated == {
        ("src/app.py", "SL001"), ("tests/test_app.py", "SL001"), ("legacy.py", "SL001"),
        ("src/search.py", "SL001"), ("src/search.py", "SL004"),
    }


def test_isolated_with_config_is_a_usage_error(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    result = scopelint(["check", "--isolated", "--config", ".scopelint.toml"], root)

    assert result.exit_code == 2
    assert "--isolated" in result.stderr and "--config" in result.stderr
