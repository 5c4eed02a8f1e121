"""The rule documentation is complete, in sync with the rules, and its examples are the fixtures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from rule_fixture_runs import FIXTURES

from scopelint.cli.check_cmd import check as check_command
from scopelint.common.redact import find_secrets, scrub
from scopelint.config import config_schema
from scopelint.rules import all_rules, rule_codes, rule_infos
from scopelint.rules.base import FixAvailability, RuleInfo
from scopelint.rules.docs import main, render_rules_markdown, write_docs
from scopelint.rules.examples import BAKED_NAME, load_examples, parse_baked
from scopelint.rules.fixtures import FixtureTree, bake, example_text, fixture_trees

REPO_ROOT = Path(__file__).resolve().parents[2]
INFOS = [rule.info for rule in all_rules()]
SECTIONS = ["### What it does", "### Why is this bad?", "### Example", "Use instead:",
            "### Fix safety", "### Options", "### References"]


def test_codes_come_in_order_and_have_the_sl_form() -> None:
    codes = list(rule_codes())

    assert codes == sorted(codes) and codes, codes
    assert all(re.fullmatch(r"SL\d{3}", code) for code in codes)


@pytest.mark.parametrize("info", INFOS, ids=lambda info: info.code)
def test_every_rule_has_code_slug_docs_and_examples(info: RuleInfo) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", info.name), info.name
    assert info.summary and info.what_it_does and info.explanation and info.fix_notes
    assert info.bad_example and info.good_example
    assert info.bad_example != info.good_example
    assert info.help_uri.endswith(f"#{info.code.lower()}-{info.name}")
    assert (info.fix_safety is None) == (info.fix is FixAvailability.NEVER)


def test_codes_and_names_are_unique() -> None:
    infos = list(rule_infos().values())
    assert len({i.code for i in infos}) == len({i.name for i in infos}) == len(infos)


@pytest.mark.parametrize("info", INFOS, ids=lambda info: info.code)
def test_references_are_atlassian_documentation_pages(info: RuleInfo) -> None:
    assert info.references, f"{info.code}: cite at least one Atlassian page"
    for ref in info.references:
        assert ref.title
        assert re.match(r"https://(developer|support)\.atlassian\.com/\S+$", ref.url), ref.url


def test_options_name_real_config_keys_and_check_flags() -> None:
    keys = set(config_schema()["properties"])
    flags = {
        opt for param in check_command.params if isinstance(param, click.Option) for opt in param.opts
    }
    for info in INFOS:
        for option in info.options:
            known = flags if option.kind == "flag" else keys
            assert option.name in known, f"{info.code}: {option.name} is not a config key or flag"
            assert option.description


def test_committed_rules_page_is_up_to_date() -> None:
    committed = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), "docs/rules.md is stale: run `make docs`"


def test_baked_examples_are_the_fixtures() -> None:
    baked = (REPO_ROOT / "scopelint" / "rules" / BAKED_NAME).read_text(encoding="utf-8")
    assert baked == bake(FIXTURES), f"scopelint/rules/{BAKED_NAME} is stale: run `make docs`"


def test_every_rule_has_baked_examples_that_ship_with_the_package() -> None:
    examples = load_examples()

    assert set(examples) == set(rule_codes())
    for code, found in examples.items():
        assert found.bad and found.good, code


@pytest.mark.parametrize(
    "tree", [t for t in fixture_trees(FIXTURES) if t.documented], ids=lambda t: f"{t.code}/{t.name}"
)
def test_the_page_shows_each_documented_file_without_markers(tree: FixtureTree) -> None:
    page = render_rules_markdown()
    section = page.split(f"\n## {tree.code} ", 1)[1].split("\n## ", 1)[0]
    half = section.split("Use instead:", 1)[0 if tree.kind == "bad" else 1]
    for shown in tree.example():
        raw = example_text((tree.root / shown.path).read_text(encoding="utf-8"))
        assert f"`{shown.path}`:\n\n```" in half
        assert shown.text.rstrip() in half
        assert shown.text == scrub(raw)


def test_no_credential_reaches_the_docs_or_the_rule_command() -> None:
    """The SL008 fixtures hold (fake) tokens; the docs show them redacted, like every output."""
    page = render_rules_markdown()
    texts = [page, *(f"{i.bad_example}\n{i.good_example}" for i in INFOS)]

    assert "ATATT3…(" in page  # the SL008 example is there, redacted
    for text in texts:
        assert find_secrets(text) == []


def test_no_marker_reaches_the_docs() -> None:
    page = render_rules_markdown()
    baked = json.dumps([[f.text for f in (*ex.bad, *ex.good)] for ex in load_examples().values()])

    for text in (page, baked):
        assert "expect:" not in text
        assert "example: begin" not in text and "example: end" not in text


def test_rules_page_has_every_section_in_order() -> None:
    page = render_rules_markdown()
    for info in INFOS:
        assert f"| [{info.code}](#{info.code.lower()}-{info.name}) | {info.name} |" in page
        section = page.split(f"\n## {info.code} {info.name}\n", 1)[1].split("\n## ", 1)[0]
        positions = [section.index(heading) for heading in SECTIONS]
        assert positions == sorted(positions), info.code
        assert info.fix_summary in section
        for ref in info.references:
            assert f"- [{ref.title}]({ref.url})" in section
        for option in info.options:
            assert f"- `{option.name}` (" in section


SITE_CALL = 'requests.get("https://acme.atlassian.net/rest/api/3/myself")'


def _one_rule_fixtures(root: Path) -> Path:
    for kind, text in (("bad", f"{SITE_CALL}  # expect: SL001\n"),
                       ("good", "requests.get(f'{GATEWAY}/rest/api/3/myself')\n")):
        (root / "SL001" / kind).mkdir(parents=True)
        (root / "SL001" / kind / "app.py").write_text(text, encoding="utf-8")
    return root


def test_make_docs_writes_the_page_and_the_baked_examples(tmp_path: Path) -> None:
    fixtures = _one_rule_fixtures(tmp_path / "fixtures")

    write_docs(fixtures, tmp_path / "rules.md", tmp_path / "examples.json")

    baked = (tmp_path / "examples.json").read_text(encoding="utf-8")
    assert baked == bake(fixtures)
    page = (tmp_path / "rules.md").read_text(encoding="utf-8")
    assert page == render_rules_markdown(examples=parse_baked(baked))
    assert f"{SITE_CALL}\n```" in page


def test_make_docs_with_a_broken_fixture_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixtures = _one_rule_fixtures(tmp_path / "fixtures")
    (fixtures / "SL001" / "good" / "app.py").write_text("# example: begin\nx = 1\n", encoding="utf-8")
    docs = tmp_path / "rules.md"
    docs.write_text("old page\n", encoding="utf-8")
    before = (REPO_ROOT / "scopelint" / "rules" / BAKED_NAME).read_bytes()

    code = main(["--write", "--fixtures", str(fixtures), "--docs", str(docs)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("scopelint: error: ") and err.count("\n") == 1
    assert "app.py: 'example: begin' without 'example: end'" in err
    assert docs.read_text(encoding="utf-8") == "old page\n"
    assert (REPO_ROOT / "scopelint" / "rules" / BAKED_NAME).read_bytes() == before


def test_make_docs_without_the_fixtures_folder_is_a_tool_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--write", "--fixtures", str(tmp_path / "nowhere"), "--docs", str(tmp_path / "r.md")])

    assert code == 2
    assert "no such folder of rule fixtures" in capsys.readouterr().err
    assert not (tmp_path / "r.md").exists()


def test_docs_module_prints_the_page_without_write(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out == render_rules_markdown()
