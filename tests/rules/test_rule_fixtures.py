"""Every rule's fixture trees, through `scopelint check`: the marked findings, and only those.

The trees are under tests/rules/fixtures/<CODE>/ (tests/rules/README.md explains the markers).
Adding a tree there adds it to these tests; nothing here names a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rule_fixture_runs import FIXTURES, TREES, Run, check, copy_tree, snapshot, tree_id

from scopelint.rules import all_rules, rule_codes
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.fixtures import FixtureTree

BAD_TREES = [tree for tree in TREES if tree.kind == "bad"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """One `scopelint check` per tree, shared by the tests of this module."""
    root = tmp_path_factory.mktemp("rule-fixtures")
    return {
        tree_id(tree): check(copy_tree(tree, root / tree.code / tree.name), *tree.args)
        for tree in TREES
    }


@pytest.mark.parametrize("tree", TREES, ids=tree_id)
def test_tree_gives_exactly_its_marked_findings(tree: FixtureTree, runs: dict[str, Run]) -> None:
    run = runs[tree_id(tree)]

    assert run.found() == list(tree.expectations), run.output
    assert run.exit_code == (1 if run.findings else 0)


@pytest.mark.parametrize("tree", TREES, ids=tree_id)
def test_bad_trees_show_their_rule_and_good_trees_do_not(tree: FixtureTree) -> None:
    codes = {expectation.code for expectation in tree.expectations}

    if tree.kind == "bad":
        assert tree.code in codes, f"{tree.root}: a bad tree marks at least one {tree.code}"
    else:
        assert tree.code not in codes, f"{tree.root}: a good tree never expects {tree.code}"


def test_every_rule_has_documented_bad_and_good_trees() -> None:
    documented = {(tree.code, tree.name) for tree in TREES if tree.documented}

    for code in rule_codes():
        assert {(code, "bad"), (code, "good")} <= documented, f"{FIXTURES / code}: add bad/ and good/"
    assert {tree.code for tree in TREES} == set(rule_codes()), "a fixture folder of no rule"


def _findings_of(info: RuleInfo, runs: dict[str, Run]) -> Iterator[dict[str, Any]]:
    for tree in BAD_TREES:
        yield from (f for f in runs[tree_id(tree)].findings if f["code"] == info.code)


@pytest.mark.parametrize("info", [rule.info for rule in all_rules()], ids=lambda info: info.code)
def test_fix_availability_and_safety_are_what_the_findings_carry(
    info: RuleInfo, runs: dict[str, Run]
) -> None:
    """The documented fix availability and safety hold on the rule's own fixtures."""
    fixes = [f.get("fix") for f in _findings_of(info, runs)]
    assert fixes, f"{info.code}: no finding in any bad tree"

    offered = [fix for fix in fixes if fix is not None]
    if info.fix is FixAvailability.NEVER:
        assert offered == []
    elif info.fix is FixAvailability.ALWAYS:
        assert len(offered) == len(fixes)
    else:  # the fixtures show both cases
        assert 0 < len(offered) < len(fixes), f"{info.code}: show a finding with and one without a fix"
    for fix in offered:
        assert fix["safe"] is (info.fix_safety is FixSafety.SAFE), fix


@pytest.mark.parametrize("tree", BAD_TREES, ids=tree_id)
def test_fixes_remove_exactly_the_findings_they_fix(tree: FixtureTree, tmp_path: Path) -> None:
    """`--fix --unsafe-fixes` on a bad tree: what had a fix is gone, nothing else changes, and
    a tree with nothing to fix is left byte for byte."""
    project = copy_tree(tree, tmp_path / "project")
    before = check(project, *tree.args)
    untouched = snapshot(project)
    unfixable = sorted(f["fingerprint"] for f in before.findings if "fix" not in f)

    during = check(project, "--fix", "--unsafe-fixes", *tree.args)
    after = check(project, *tree.args)

    assert sorted(f["fingerprint"] for f in during.findings) == unfixable
    assert sorted(f["fingerprint"] for f in after.findings) == unfixable
    if len(unfixable) == len(before.findings):
        assert snapshot(project) == untouched
    else:
        assert snapshot(project) != untouched
