"""`scopelint rules` and `scopelint rule CODE`: the rule documentation a user reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import scopelint

CODES = [f"SL{n:03d}" for n in range(1, 11)]


def test_rules_lists_every_rule_in_order() -> None:
    result = scopelint(["rules"])

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == CODES
    assert re.match(r"SL002\s+missing-scopes\s+error\s+\S", lines[1])


def test_rules_as_json() -> None:
    result = scopelint(["rules", "--format", "json"])

    rules = json.loads(result.stdout)
    assert [rule["code"] for rule in rules] == CODES
    assert {rule["name"] for rule in rules} >= {"missing-scopes", "unused-scopes", "hardcoded-site-url"}
    for rule in rules:
        assert rule["severity"] in ("error", "warning", "info")
        assert rule["summary"]
        assert rule["help_uri"].startswith("https://")


@pytest.mark.parametrize("key", ["SL002", "sl002", "missing-scopes"])
def test_rule_shows_explanation_and_both_examples(key: str) -> None:
    result = scopelint(["rule", key])

    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("SL002 missing-scopes (error)")
    assert "read:field-configuration:jira" in text  # from the explanation
    bad = text.index("Bad:")
    good = text.index("Good:")
    assert bad < good
    assert 'scopes = ["read:issue:jira"]' in text[bad:good]
    assert 'scopes = ["read:jira-work"]' in text[good:]
    assert not any(line != line.rstrip() for line in text.splitlines())  # no trailing blanks


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_examples(code: str) -> None:
    result = scopelint(["rule", code])

    assert result.exit_code == 0
    text = result.stdout
    after_bad = text.split("Bad:\n", 1)[1]
    after_good = text.split("Good:\n", 1)[1]
    assert after_bad.startswith("    ") and after_good.startswith("    ")


def test_unknown_rule_is_a_tool_error() -> None:
    result = scopelint(["rule", "SL999"])

    assert result.exit_code == 2
    assert "SL999" in result.stderr
    assert result.stdout == ""


def _example_files(block: str) -> dict[str, str]:
    """Split an example made of `# filename` sections into files."""
    files: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        header = re.fullmatch(r"# ([\w./-]+\.\w+)", line.strip())
        if header:
            name = header.group(1)
            files[name] = ""
        elif name is not None:
            files[name] += line.removeprefix("    ") + "\n"
    return files


def test_the_sl002_examples_are_true(tmp_path: Path) -> None:
    """The documented bad example really is SL002, and the good one really is clean."""
    text = scopelint(["rule", "SL002"]).stdout
    bad_block = text.split("Bad:\n", 1)[1].split("Good:\n", 1)[0]
    good_block = text.split("Good:\n", 1)[1].split("\nMore:", 1)[0]

    verdicts = {}
    for label, block in (("bad", bad_block), ("good", good_block)):
        root = tmp_path / label
        (root / ".git").mkdir(parents=True)
        files = _example_files(block)
        assert set(files) == {".scopelint.toml", "app.py"}
        for name, content in files.items():
            (root / name).write_text(content, encoding="utf-8")
        result = scopelint(["check", "--format", "json"], root)
        verdicts[label] = [f["code"] for f in json.loads(result.stdout)["findings"]]

    assert verdicts == {"bad": ["SL002"], "good": []}
