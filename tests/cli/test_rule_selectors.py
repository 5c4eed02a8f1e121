"""Naming rules as ruff users do: codes, prefixes, rule names and ALL, everywhere a rule is named;
and a typo is an error, never a silently disabled linter (issue #18 items 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import check_json, scopelint, write_tree

SITE_CALL = 'requests.get("https://acme.atlassian.net/rest/api/3/myself")'
SEARCH_CALL = 'requests.post("https://acme.atlassian.net/rest/api/3/search")'
APP = {"app.py": f"import requests\n{SITE_CALL}\n{SEARCH_CALL}\n"}  # SL001 x2, SL004 on line 3


def codes(root: Path, *args: str) -> set[str]:
    return {f["code"] for f in check_json(root, *args)}


# --------------------------------------------------------------------------- unknown codes


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["SL999", "SL02", "hardcoded-site-urls", "SL001,SL9"])
def test_unknown_code_prefix_or_name_on_the_command_line_is_exit_2(
    option: str, value: str, tmp_path: Path
) -> None:
    root = write_tree(tmp_path, APP)

    result = scopelint(["check", option, value], root)

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0]
    bad = value.split(",")[-1]
    assert repr(bad) in lines[0]
    assert result.stdout == ""


def test_a_misspelt_rule_name_gets_a_suggestion(tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)

    result = scopelint(["check", "--select", "hardcoded-site-urls"], root)

    assert "did you mean 'hardcoded-site-url'" in result.stderr


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ('select = ["SL999"]\n', "select"),
        ('ignore = ["SL001", "SL99"]\n', "ignore"),
        ('[per-path-ignores]\n"tests/**" = ["SL0999"]\n', "per-path-ignores"),
        ('[per-path-ignores]\n"tests/**" = ["no-such-rule"]\n', "per-path-ignores"),
    ],
)
def test_unknown_code_in_the_config_is_exit_2_naming_file_and_key(
    config: str, where: str, tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": config, **APP})

    result = scopelint(["check"], root)

    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert ".scopelint.toml" in lines[0] and where in lines[0]
    assert "Traceback" not in result.output


def test_unknown_code_in_pyproject_names_the_table(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"pyproject.toml": '[tool.scopelint]\nselect = ["SL999"]\n', **APP})

    result = scopelint(["check"], root)

    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and "tool.scopelint.select" in result.stderr


def test_unknown_code_in_a_suppression_comment_is_a_warning_with_file_and_line(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f"import requests\n{SITE_CALL}  # scopelint: ignore[SL999]\n"},
    )

    result = scopelint(["check"], root)

    assert result.exit_code == 1  # the finding is not suppressed
    assert "app.py:2:23: SL001" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "SL999" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("scopelint: warning: app.py:2:")
    assert "unknown rule" in warnings[0]


# --------------------------------------------------------------------------- ALL and names


def test_select_all(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.toml": 'select = ["SL004"]\n', **APP})

    assert codes(root) == {"SL004"}
    assert codes(root, "--select", "ALL") == {"SL001", "SL004"}
    assert codes(root, "--select", "all") == {"SL001", "SL004"}
    assert codes(root, "--select", "ALL", "--ignore", "SL001") == {"SL004"}
    assert codes(root, "--ignore", "ALL") == set()


def test_select_all_in_the_config(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".scopelint.yaml": "select: [ALL]\nignore: [SL004]\n", **APP})

    assert codes(root) == {"SL001"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "hardcoded-site-url"], {"SL001"}),
        (["--select", "deprecated-endpoint,hardcoded-site-url"], {"SL001", "SL004"}),
        (["--ignore", "hardcoded-site-url"], {"SL004"}),
        (["--select", "SL001", "--select", "deprecated-endpoint"], {"SL001", "SL004"}),
    ],
)
def test_rule_names_on_the_command_line(args: list[str], expected: set[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)

    assert codes(root, *args) == expected


def test_rule_names_in_the_config(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": 'ignore = ["deprecated-endpoint"]\n'
            '[per-path-ignores]\n"legacy/**" = ["hardcoded-site-url"]\n',
            **APP,
            "legacy/old.py": f"import requests\n{SITE_CALL}\n",
        },
    )

    found = {(f["code"], f["path"]) for f in check_json(root)}

    assert found == {("SL001", "app.py")}


def test_rule_name_in_a_suppression_comment(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": f"import requests\n{SITE_CALL}  # scopelint: ignore[hardcoded-site-url]\n"
            f"{SEARCH_CALL}\n",
            "client.js": "fetch('https://acme.atlassian.net/rest/api/3/myself');"
            " // scopelint: ignore[hardcoded-site-url]\n",
        },
    )

    found = {(f["code"], f["path"], f["line"]) for f in check_json(root)}

    assert found == {("SL001", "app.py", 3), ("SL004", "app.py", 3)}


def test_the_name_printed_in_brackets_can_be_pasted_into_a_suppression(tmp_path: Path) -> None:
    """What the text output shows is what a user copies."""
    root = write_tree(tmp_path, {"app.py": f"import requests\n{SITE_CALL}\n"})
    line = scopelint(["check"], root).stdout.splitlines()[0]
    name = line.split("[", 1)[1].split("]", 1)[0]

    (root / "app.py").write_text(f"import requests\n{SITE_CALL}  # scopelint: ignore[{name}]\n")

    assert check_json(root) == []


def test_many_unknown_codes_in_comments_are_ten_warnings_and_a_count(tmp_path: Path) -> None:
    """A generated or hostile file must not flood the log (and a long code is cut)."""
    comments = "".join(f"x = {n}  # scopelint: ignore[SL9{n:02}]\n" for n in range(25))
    root = write_tree(tmp_path, {"gen.py": comments + "# scopelint: ignore[" + "Z" * 5000 + "]\n"})

    result = scopelint(["check"], root)

    lines = [line for line in result.stderr.splitlines() if "gen.py" in line]
    assert len(lines) == 11
    assert lines[-1] == "scopelint: warning: gen.py: 16 more unknown rules in suppression comments"
    assert all(len(line) < 300 for line in lines)
