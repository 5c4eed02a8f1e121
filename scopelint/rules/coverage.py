"""Is a call covered by declared scopes, and if not, what exactly is missing?"""

from __future__ import annotations

from scopelint.common.records import dataclass
from scopelint.model import Alternative, Operation


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: bool
    closest: Alternative | None  # the alternative needing the fewest additions
    missing: tuple[str, ...]  # scopes missing from ``closest``
    others: tuple[Alternative, ...]  # the other alternatives, for the message


def coverage(operation: Operation, declared: frozenset[str]) -> Coverage:
    """Covered when ``declared`` holds one whole alternative of ``operation``.

    Among uncovered alternatives the closest is of the kind the declaration already uses most
    (a token is either classic or granular), then the one missing the fewest scopes, then
    "Current" before "Beta".  An empty declaration prefers the fewest missing scopes.
    """
    alternatives = operation.alternatives
    for alt in alternatives:
        if alt.covered_by(declared):
            return Coverage(True, alt, (), ())
    if not alternatives:
        return Coverage(False, None, (), ())
    granular_declared = sum(1 for s in declared if s.count(":") == 2)
    prefer: str | None = None
    if declared:
        prefer = "granular" if granular_declared * 2 >= len(declared) else "classic"

    def rank(alt: Alternative) -> tuple[int, int, int]:
        return (
            0 if prefer is None or alt.kind == prefer else 1,
            len(alt.missing_from(declared)),
            0 if alt.state == "Current" else 1,
        )

    closest = min(alternatives, key=rank)
    others = tuple(alt for alt in alternatives if alt is not closest)
    return Coverage(False, closest, closest.missing_from(declared), others)


def used_scopes(operation: Operation, declared: frozenset[str]) -> set[str]:
    """Declared scopes this operation makes use of (its covered alternatives, or the closest)."""
    used: set[str] = set()
    covered = [alt for alt in operation.alternatives if alt.covered_by(declared)]
    for alt in covered:
        used.update(alt.scopes)
    if not covered:
        result = coverage(operation, declared)
        if result.closest is not None:
            used.update(s for s in result.closest.scopes if s in declared)
    return used
