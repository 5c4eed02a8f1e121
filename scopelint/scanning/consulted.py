"""What a scan learnt from outside the file it scanned, so a cached scan can be checked.

A file's scan depends on its bytes, its path and, in two places, on other files: whether a
Forge manifest sits in its folder or above (:mod:`scopelint.scanning.forge_context`), and
which version of an SDK the nearest project locks or declares
(:func:`scopelint.scanning.dependencies.detect_version`).  While :func:`recording` is active
those answers are noted as plain tuples (facts); the result cache (``scopelint.check.cache``)
stores them with the scan and asks the same questions again before reusing it
(``scopelint.check.cache``: this module imports nothing, so both may note facts).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# ("forge", folder, answer) | ("sdk", folder, ecosystem, package, version, spec)
Fact = tuple[str | bool | None, ...]

_facts: list[Fact] | None = None


@contextmanager
def recording() -> Iterator[list[Fact]]:
    """Collect the facts noted until the block ends (not re-entrant: one scan at a time)."""
    global _facts
    previous, _facts = _facts, []
    try:
        yield _facts
    finally:
        _facts = previous


def note(fact: Fact) -> None:
    if _facts is not None and fact not in _facts:
        _facts.append(fact)
