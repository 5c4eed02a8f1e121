"""Choosing scope alternatives: least privilege, classic, and the exact fewest union."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scopelint.kb.table import KnowledgeBase, load_default
from scopelint.model import Alternative, Operation
from scopelint.suggest.selection import PREFERENCES, Selection, select

ISSUE_GRANULAR = (
    "read:avatar:jira", "read:field-configuration:jira", "read:issue-meta:jira",
    "read:issue-security-level:jira", "read:issue.changelog:jira", "read:issue.vote:jira",
    "read:issue:jira", "read:status:jira", "read:user:jira",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default()


def _op(name: str, *alternatives: tuple[str, ...], kind: str = "granular") -> Operation:
    alts = tuple(Alternative(kind, None, tuple(sorted(set(a)))) for a in alternatives)  # type: ignore[arg-type]
    return Operation("jira", "GET", f"/rest/api/3/{name}", name, False, None, alts, "test")


def _brute_force_minimum(operations: Sequence[Operation]) -> int:
    combos = itertools.product(*(op.alternatives for op in operations))
    return min(len(set().union(*(alt.scopes for alt in combo))) for combo in combos)


def _assert_valid_cover(operations: Sequence[Operation], selection: Selection) -> None:
    assert len(selection.chosen) == len(operations)
    union = set(selection.scopes)
    for op, alt in zip(operations, selection.chosen, strict=True):
        assert alt in op.alternatives
        assert set(alt.scopes) <= union


def test_granular_takes_the_nine_scopes_and_classic_takes_read_jira_work(kb: KnowledgeBase) -> None:
    op = kb.operation("GET", "/rest/api/3/issue/{issueIdOrKey}")
    assert op is not None
    assert select([op], "granular").scopes == ISSUE_GRANULAR
    assert select([op], "classic").scopes == ("read:jira-work",)


def test_each_preference_falls_back_to_the_only_kind_an_operation_has() -> None:
    only_classic = _op("a", ("read:jira-work",), kind="classic")
    only_granular = _op("b", ("read:issue:jira",))
    assert select([only_classic], "granular").scopes == ("read:jira-work",)
    assert select([only_granular], "classic").scopes == ("read:issue:jira",)


def test_no_scope_needed_beats_any_scope_in_every_mode() -> None:
    op = Operation(
        "jira", "GET", "/rest/api/3/task/{taskId}", "getTask", False, None,
        (Alternative("classic", "Current", ("read:jira-work",)), Alternative("classic", "Beta", ())),
        "test",
    )
    for prefer in PREFERENCES:
        chosen = select([op], prefer).chosen
        assert chosen[0] is not None and chosen[0].scopes == ()


def test_an_operation_without_alternatives_gets_none() -> None:
    op = Operation("jira", "PUT", "/rest/api/3/x", None, True, None, (), "test")
    assert select([op], "fewest").chosen == (None,)
    assert select([op], "granular").chosen == (None,)


def test_fewest_shares_scopes_across_operations() -> None:
    # taking {a, b} for the first lets the second reuse b: 2 scopes instead of 3
    first = _op("x", ("a", "b"), ("c",))
    second = _op("y", ("b",), ("d", "e"))
    third = _op("z", ("a",), ("c", "e"))
    selection = select([first, second, third], "fewest")
    assert len(selection.scopes) == _brute_force_minimum([first, second, third]) == 2
    assert selection.scopes == ("a", "b")
    assert selection.exact


_REAL_OPERATIONS = [op for op in load_default().operations if op.alternatives]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_REAL_OPERATIONS), min_size=1, max_size=9, unique=True))
def test_fewest_equals_brute_force_on_real_operations(operations: list[Operation]) -> None:
    selection = select(operations, "fewest")
    assert selection.exact
    assert len(selection.scopes) == _brute_force_minimum(operations)
    _assert_valid_cover(operations, selection)


@pytest.mark.parametrize("seed", range(40))
def test_fewest_equals_brute_force_on_tangled_synthetic_inputs(seed: int) -> None:
    # few scopes, many overlapping alternatives: the search really has to branch and prune
    rng = random.Random(seed)
    pool = [f"s{i}" for i in range(10)]
    operations = [
        _op(f"op{i}", *(tuple(rng.sample(pool, rng.randint(1, 4))) for _ in range(rng.randint(1, 3))))
        for i in range(rng.randint(2, 8))
    ]
    selection = select(operations, "fewest")
    assert selection.exact
    assert len(selection.scopes) == _brute_force_minimum(operations)
    _assert_valid_cover(operations, selection)


def test_fewest_is_never_larger_than_granular_or_classic(kb: KnowledgeBase) -> None:
    rng = random.Random(7)
    operations = rng.sample(_REAL_OPERATIONS, 60)
    fewest = len(select(operations, "fewest").scopes)
    assert fewest <= len(select(operations, "classic").scopes)
    assert fewest <= len(select(operations, "granular").scopes)


def test_fewest_for_a_few_hundred_real_endpoints_is_exact_within_the_step_budget() -> None:
    # Deterministic: steps, not seconds (the time budget is lifted; bench/ measures speed).
    rng = random.Random(11)
    operations = rng.sample(_REAL_OPERATIONS, 400)
    selection = select(operations, "fewest", time_budget=float("inf"))
    assert selection.exact and selection.note is None
    _assert_valid_cover(operations, selection)


def test_an_exhausted_search_budget_says_so_and_still_covers_everything() -> None:
    rng = random.Random(3)
    pool = [f"s{i}" for i in range(40)]
    operations = [
        _op(f"op{i}", *(tuple(rng.sample(pool, rng.randint(1, 3))) for _ in range(3)))
        for i in range(60)
    ]
    selection = select(operations, "fewest", node_budget=50)
    assert not selection.exact
    assert selection.note is not None and "may not be the smallest" in selection.note
    _assert_valid_cover(operations, selection)


def test_every_preference_has_a_title_in_the_output() -> None:
    from scopelint.suggest.formats import PREFER_TITLES

    assert list(PREFER_TITLES) == list(PREFERENCES)
