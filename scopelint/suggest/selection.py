"""Choose one scope alternative per operation: least privilege, classic, or the fewest scopes.

``granular`` (least privilege) takes each operation's granular alternative where it has one;
``classic`` takes the broad classic scopes where they exist; both take "no scope needed" when
an operation offers it.  ``fewest`` picks one alternative per operation so that the union of
all chosen scopes is as small as possible.  That is a set-cover-like problem, solved exactly
with a branch and bound over the union of scopes chosen so far:

* alternatives that are supersets of another alternative of the same operation are dropped,
  operations with the same remaining alternatives are merged, and an operation implied by
  another one (each of whose alternatives contains one of its own) is dropped;
* independent groups of operations (sharing no scope at all) are solved one by one;
* the state of the search is the union chosen so far (a bit mask): the operations still to
  satisfy follow from it, so a union seen before is never expanded twice;
* the lower bound adds the cheapest completion of operations whose remaining choices share no
  scope with each other.

Realistic inputs finish in milliseconds.  Beyond a generous budget of search nodes (or of
time) the best answer found so far, at worst a greedy one, is returned and marked inexact.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scopelint.kb.preference import (  # the per-operation choice lives in the knowledge base
    PREFERENCES,
    Prefer,
    preferred,
)
from scopelint.kb.preference import (
    granular_key as _granular_key,
)
from scopelint.model import Alternative, Operation

__all__ = ["PREFERENCES", "Prefer", "Selection", "preferred", "select"]

DEFAULT_NODE_BUDGET = 200_000
DEFAULT_TIME_BUDGET = 0.6  # seconds
_RATIO_GREEDY_LIMIT = 80


@dataclass(frozen=True, slots=True)
class Selection:
    """One chosen alternative per operation (None: the operation has none to choose)."""

    chosen: tuple[Alternative | None, ...]
    exact: bool = True
    note: str | None = None

    @property
    def scopes(self) -> tuple[str, ...]:
        names: set[str] = set()
        for alt in self.chosen:
            if alt is not None:
                names.update(alt.scopes)
        return tuple(sorted(names))


def select(
    operations: Sequence[Operation],
    prefer: Prefer,
    *,
    node_budget: int = DEFAULT_NODE_BUDGET,
    time_budget: float = DEFAULT_TIME_BUDGET,
) -> Selection:
    if prefer != "fewest":
        return Selection(tuple(preferred(op, prefer) for op in operations))
    return _fewest(operations, node_budget, time_budget)


# --------------------------------------------------------------------------- fewest


def _fewest(operations: Sequence[Operation], node_budget: int, time_budget: float) -> Selection:
    bit_of: dict[str, int] = {}
    for op in operations:
        for alt in op.alternatives:
            for scope in alt.scopes:
                bit_of.setdefault(scope, 1 << len(bit_of))

    def mask(alt: Alternative) -> int:
        value = 0
        for scope in alt.scopes:
            value |= bit_of[scope]
        return value

    requirements: set[frozenset[int]] = set()
    for op in operations:
        masks = {mask(alt) for alt in op.alternatives}
        if not masks or 0 in masks:
            continue  # nothing to choose, or "no scope needed"
        requirements.add(frozenset(_drop_supersets(masks)))

    solver = _Solver(node_budget, time.perf_counter() + time_budget)
    union = 0
    for component in _components(_drop_implied(list(requirements))):
        union |= solver.solve(component)

    chosen = tuple(_pick_within(op, union, mask) for op in operations)
    note = None
    if not solver.exact:
        note = (
            f"the exact search for the fewest scopes stopped at its budget ({solver.nodes} steps); "
            "this is the best answer found (greedy at worst) and may not be the smallest"
        )
    return Selection(chosen, solver.exact, note)


def _pick_within(
    op: Operation, union: int, mask: Callable[[Alternative], int]
) -> Alternative | None:
    """The least-privilege alternative of ``op`` that the chosen union already covers."""
    inside = [alt for alt in op.alternatives if mask(alt) & ~union == 0]
    if not inside:
        return preferred(op, "granular")
    return min(inside, key=_granular_key)


def _drop_supersets(masks: set[int]) -> list[int]:
    ordered = sorted(masks, key=int.bit_count)
    kept: list[int] = []
    for candidate in ordered:
        if not any(small & ~candidate == 0 for small in kept):
            kept.append(candidate)
    return kept


def _implies(strong: frozenset[int], weak: frozenset[int]) -> bool:
    """Satisfying ``strong`` always satisfies ``weak``: each of its choices contains one of weak's."""
    return all(any(w & ~s == 0 for w in weak) for s in strong)


def _drop_implied(requirements: list[frozenset[int]]) -> list[frozenset[int]]:
    """Requirements no other one implies (distinct antichains never imply each other both ways)."""
    return [
        weak
        for weak in requirements
        if not any(other is not weak and _implies(other, weak) for other in requirements)
    ]


def _components(requirements: list[frozenset[int]]) -> list[list[frozenset[int]]]:
    """Groups of requirements that share no scope with any other group."""
    groups: list[tuple[int, list[frozenset[int]]]] = []
    for req in requirements:
        bits = 0
        for alt in req:
            bits |= alt
        merged = [req]
        rest: list[tuple[int, list[frozenset[int]]]] = []
        for group_bits, members in groups:
            if group_bits & bits:
                bits |= group_bits
                merged.extend(members)
            else:
                rest.append((group_bits, members))
        rest.append((bits, merged))
        groups = rest
    return [members for _bits, members in groups]


class _Solver:
    def __init__(self, node_budget: int, deadline: float) -> None:
        self.node_budget = node_budget
        self.deadline = deadline
        self.nodes = 0
        self.exact = True

    def solve(self, requirements: list[frozenset[int]]) -> int:
        """The smallest union of one alternative per requirement (or the best found in budget)."""
        alts = [sorted(req, key=int.bit_count) for req in requirements]
        forced = 0
        for choices in alts:
            if len(choices) == 1:
                forced |= choices[0]
        best = _greedy_hardest_first(alts, forced)
        if len(alts) <= _RATIO_GREEDY_LIMIT:  # quadratic per step: only where it stays cheap
            best = min(best, _greedy_best_ratio(alts, forced), key=int.bit_count)
        best_size = best.bit_count()
        seen: set[int] = set()
        stack = [forced]
        while stack:
            union = stack.pop()
            if union in seen:
                continue
            seen.add(union)
            self.nodes += 1
            if self.nodes > self.node_budget or (
                self.nodes % 256 == 0 and time.perf_counter() > self.deadline
            ):
                self.exact = False
                break
            size = union.bit_count()
            open_reqs = [
                costs
                for costs in (
                    sorted((a & ~union) for a in choices) for choices in alts
                )
                if all(c for c in costs)
            ]
            if not open_reqs:
                if size < best_size:
                    best, best_size = union, size
                continue
            if size + _lower_bound(open_reqs) >= best_size:
                continue
            branch = min(
                open_reqs, key=lambda costs: (len(costs), -min(c.bit_count() for c in costs))
            )
            # push the most expensive first so the cheapest residual is explored first
            for residual in sorted(set(branch), key=int.bit_count, reverse=True):
                stack.append(union | residual)
        return best


def _lower_bound(open_reqs: list[list[int]]) -> int:
    """Cheapest completions of open requirements whose choices share no scope, added up."""
    infos = []
    for costs in open_reqs:
        span = 0
        for residual in costs:
            span |= residual
        infos.append((min(c.bit_count() for c in costs), span))
    infos.sort(key=lambda item: -item[0])
    total = 0
    used = 0
    for cheapest, span in infos:
        if span & used == 0:
            total += cheapest
            used |= span
    return max(total, infos[0][0])


def _greedy_hardest_first(alts: list[list[int]], start: int) -> int:
    """An upper bound: satisfy the requirement whose cheapest completion costs most, repeat."""
    union = start
    while True:
        worst_cost = -1
        worst_pick = 0
        for choices in alts:
            residuals = [a & ~union for a in choices]
            if not all(residuals):
                continue
            pick = min(residuals, key=lambda r: (r.bit_count(), r))
            cost = pick.bit_count()
            if cost > worst_cost:
                worst_cost, worst_pick = cost, pick
        if worst_cost < 0:
            return union
        union |= worst_pick


def _greedy_best_ratio(alts: list[list[int]], start: int) -> int:
    """An upper bound: add the residual that satisfies most requirements per new scope, repeat."""
    union = start
    while True:
        open_reqs = [choices for choices in alts if all(a & ~union for a in choices)]
        if not open_reqs:
            return union
        residuals = {a & ~union for choices in open_reqs for a in choices}
        best_pick = 0
        best_ratio = -1.0
        for residual in sorted(residuals):
            grown = union | residual
            satisfied = sum(1 for choices in open_reqs if any(a & ~grown == 0 for a in choices))
            ratio = satisfied / residual.bit_count()
            if ratio > best_ratio:
                best_ratio, best_pick = ratio, residual
        union |= best_pick
