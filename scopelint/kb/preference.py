"""Which scope alternative of one operation to take: least privilege (granular) or classic.

``suggest`` chooses a whole token's scopes with it (``scopelint.suggest.selection``, which
also solves ``fewest`` over all operations), and ``check --fix`` uses it to fill a Forge
manifest that declares no scopes yet (``check --prefer``).  Both take "no scope needed" when
an operation offers it, then the preferred kind, then the fewest scopes, then "Current"
before "Beta" (the state Atlassian's documents give).
"""

from __future__ import annotations

from typing import Literal

from scopelint.model import Alternative, Operation

Prefer = Literal["granular", "classic", "fewest"]
PREFERENCES: tuple[Prefer, ...] = ("granular", "classic", "fewest")

_STATE_RANK = {"Current": 0, "Beta": 1}


def _state_rank(alt: Alternative) -> int:
    return _STATE_RANK.get(alt.state or "", 2)


def granular_key(alt: Alternative) -> tuple[int, int, int, int, tuple[str, ...]]:
    return (bool(alt.scopes), alt.kind != "granular", len(alt.scopes), _state_rank(alt), alt.scopes)


def classic_key(alt: Alternative) -> tuple[int, int, int, int, tuple[str, ...]]:
    return (bool(alt.scopes), alt.kind != "classic", len(alt.scopes), _state_rank(alt), alt.scopes)


def preferred(op: Operation, prefer: Prefer) -> Alternative | None:
    """The alternative ``prefer`` takes for one operation on its own (None: it has none);
    ``fewest`` needs every operation at once, and takes the granular one here."""
    if not op.alternatives:
        return None
    key = classic_key if prefer == "classic" else granular_key
    return min(op.alternatives, key=key)
