"""The rule documentation is complete and in sync with the rules' metadata."""

from __future__ import annotations

import re
from pathlib import Path

from scopelint.rules import all_rules, rule_infos
from scopelint.rules.docs import render_rules_markdown

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_has_code_slug_docs_and_examples() -> None:
    infos = [rule.info for rule in all_rules()]
    assert [i.code for i in infos] == [f"SL{n:03d}" for n in range(1, 11)]
    for info in infos:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", info.name), info.name
        assert info.summary and info.explanation and info.bad_example and info.good_example
        assert info.bad_example != info.good_example
        assert info.help_uri.endswith(f"#{info.code.lower()}-{info.name}")


def test_codes_and_names_are_unique() -> None:
    infos = list(rule_infos().values())
    assert len({i.code for i in infos}) == len({i.name for i in infos}) == len(infos)


def test_committed_rules_page_is_up_to_date() -> None:
    committed = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), "docs/rules.md is stale: run `make docs`"


def test_rules_page_anchors_match_help_uris() -> None:
    page = render_rules_markdown()
    for info in rule_infos().values():
        assert f"## {info.code} {info.name}" in page
