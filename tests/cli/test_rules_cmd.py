"""`scopelint rules` and `scopelint rule CODE`: the rule documentation a user reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import scopelint

from scopelint.rules import Rule, all_rules, rule_codes

CODES = list(rule_codes())


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
        assert rule["fix"] in ("never", "sometimes", "always")
        assert (rule["fix_safety"] is None) == (rule["fix"] == "never")
    by_code = {rule["code"]: rule for rule in rules}
    assert (by_code["SL002"]["fix"], by_code["SL002"]["fix_safety"]) == ("sometimes", "safe")
    assert (by_code["SL003"]["fix"], by_code["SL003"]["fix_safety"]) == ("sometimes", "unsafe")


@pytest.mark.parametrize("key", ["SL002", "sl002", "missing-scopes"])
def test_rule_shows_explanation_and_both_examples(key: str) -> None:
    result = scopelint(["rule", key])

    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("SL002 missing-scopes (error)")
    assert "read:field-configuration:jira" in text  # from the explanation
    bad = text.index("\nExample:\n")
    good = text.index("\nUse instead:\n")
    assert bad < good
    assert 'scopes = ["read:issue:jira"]' in text[bad:good]
    assert 'scopes = ["read:jira-work"]' in text[good:]
    assert not any(line != line.rstrip() for line in text.splitlines())  # no trailing blanks


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_examples(code: str) -> None:
    result = scopelint(["rule", code])

    assert result.exit_code == 0
    text = result.stdout
    after_bad = text.split("\nExample:\n", 1)[1]
    after_good = text.split("\nUse instead:\n", 1)[1]
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
    bad_block = text.split("\nExample:\n", 1)[1].split("\nUse instead:\n", 1)[0]
    good_block = text.split("\nUse instead:\n", 1)[1].split("\nFix safety:", 1)[0]

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


TEXT_SECTIONS = ["What it does:", "Why is this bad?", "Example:", "Use instead:", "Fix safety:",
                 "Options:", "References:", "More: "]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.info.code)
def test_rule_text_has_the_ruff_sections_in_order(rule: Rule) -> None:
    info = rule.info
    text = scopelint(["rule", info.code]).stdout
    lines = text.splitlines()

    positions = [next(i for i, line in enumerate(lines) if line.startswith(s)) for s in TEXT_SECTIONS]
    assert positions == sorted(positions)
    assert info.fix_summary in lines
    for ref in info.references:
        assert f"  {ref.title}: {ref.url}" in lines
    for option in info.options:
        assert any(line.startswith(f"  {option.name} (") for line in lines)
    if not info.options:
        assert lines[positions[TEXT_SECTIONS.index("Options:")] + 1] == "  None."


def test_rule_text_of_a_rule_with_an_unsafe_fix() -> None:
    text = scopelint(["rule", "unused-scopes"]).stdout

    assert "Fix is sometimes available (unsafe)." in text
    assert "--unsafe-fixes" in text.split("Fix safety:", 1)[1]
    assert "  scopes (configuration): " in text


def test_rule_as_json_has_every_field_and_the_fixture_examples() -> None:
    result = scopelint(["rule", "SL003", "--format", "json"])

    assert result.exit_code == 0
    rule = json.loads(result.stdout)
    assert (rule["code"], rule["name"], rule["severity"]) == ("SL003", "unused-scopes", "warning")
    assert rule["fix"]["availability"] == "sometimes" and rule["fix"]["safety"] == "unsafe"
    assert rule["fix"]["notes"] and rule["what_it_does"] and rule["explanation"]
    assert {"name": "scopes", "kind": "config"}.items() <= rule["options"][0].items()
    assert all(ref["url"].startswith("https://") for ref in rule["references"])
    bad = {f["path"]: f for f in rule["examples"]["bad"]}
    assert bad["manifest.yml"]["language"] == "yaml"
    assert "- write:jira-work" in bad["manifest.yml"]["text"]
    assert "expect:" not in bad["manifest.yml"]["text"]
    good = {f["path"]: f for f in rule["examples"]["good"]}
    assert "write:jira-work" not in good["manifest.yml"]["text"]


def test_unknown_rule_as_json_is_still_a_tool_error() -> None:
    result = scopelint(["rule", "SL999", "--format", "json"])

    assert result.exit_code == 2
    assert result.stdout == ""


def test_rules_columns_line_up_for_the_longest_name() -> None:
    lines = scopelint(["rules"]).stdout.splitlines()
    infos = [rule.info for rule in all_rules()]
    longest = max(infos, key=lambda info: len(info.name))
    assert len(longest.name) > 22  # e.g. unused-forge-permission, connect-scope-too-broad
    pairs = list(zip(lines, infos, strict=True))
    severity_columns = {line.index(f" {info.severity.value} ") for line, info in pairs}
    summary_columns = {line.index(info.summary) for line, info in pairs}
    assert len(severity_columns) == 1
    assert len(summary_columns) == 1


def test_every_registered_rule_is_listed_everywhere_a_user_looks(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    docs = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.py").write_text("print(1)\n", encoding="utf-8")
    sarif = json.loads(scopelint(["check", "--format", "sarif", "."], tmp_path).stdout)
    driver_ids = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    listed = [line.split()[0] for line in scopelint(["rules"]).stdout.splitlines()]
    assert len(CODES) >= 19
    for info in (rule.info for rule in all_rules()):
        assert info.code in listed
        assert info.code in driver_ids
        assert f"{info.code} {info.name}" in readme, f"{info.code} missing from README.md's rule table"
        assert f"## {info.code} {info.name}" in docs
