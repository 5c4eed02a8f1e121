"""``explain-error --scopes``: which of the token's scopes are missing for the request's URL.

A token may call an operation when it holds every scope of one of the operation's
alternatives (its classic set or its granular set, from Atlassian's documents).  Given the
token's scopes, :func:`token_scopes` says whether they cover the operation and, when not,
what each alternative still needs, the closest first (the one the token's own kind of scopes
points at, then the fewest missing: ``rules.coverage``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from scopelint.model import Alternative, Operation
from scopelint.rules.coverage import coverage


@dataclass(frozen=True, slots=True)
class Needed:
    """One alternative of the operation and the token's scopes it still needs."""

    alternative: Alternative
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TokenScopes:
    """What the token's ``scopes`` do for ``operation``: ``covered`` by ``covering`` (an
    alternative they hold whole), or not, with what each alternative needs (closest first)."""

    operation: Operation
    scopes: tuple[str, ...]
    covered: bool
    covering: Alternative | None
    needed: tuple[Needed, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation.key,
            "scopes": list(self.scopes),
            "covered": self.covered,
            "covering": None if self.covering is None else _alternative(self.covering),
            "alternatives": [
                {**_alternative(n.alternative), "missing": list(n.missing)} for n in self.needed
            ],
        }


def _alternative(alt: Alternative) -> dict[str, Any]:
    return {"kind": alt.kind, "state": alt.state, "scopes": list(alt.scopes)}


def token_scopes(operation: Operation, scopes: Sequence[str]) -> TokenScopes:
    """The token's ``scopes`` against ``operation`` (see the module docstring)."""
    declared = frozenset(scopes)
    result = coverage(operation, declared)
    if result.covered:
        return TokenScopes(operation, tuple(scopes), True, result.closest, ())
    ordered = ([result.closest] if result.closest is not None else []) + sorted(
        result.others, key=lambda alt: len(alt.missing_from(declared))
    )
    needed = tuple(Needed(alt, alt.missing_from(declared)) for alt in ordered)
    return TokenScopes(operation, tuple(scopes), False, None, needed)


def describe(
    result: TokenScopes,
) -> tuple[Literal["ok", "problem", "info"], str, tuple[str, ...]]:
    """(status, message, detail lines) of the ``token-scopes`` check."""
    op = result.operation
    if not op.alternatives:
        return ("problem", f"{op.key} accepts no OAuth 2.0 or scoped-token access: no scope "
                "helps.", ())
    if result.covered and result.covering is not None:
        held = " ".join(result.covering.scopes) or "(no scope needed)"
        return ("ok", f"The token's scopes cover {op.key} (the {result.covering.kind} "
                f"alternative: {held}).", ())
    first = result.needed[0]
    message = (f"The token's scopes do not cover {op.key}: add {', '.join(first.missing)} "
               f"({first.alternative.kind})")
    if len(result.needed) > 1:
        other = result.needed[1]
        count = len(other.missing)
        message += (f", or the {count} {other.alternative.kind} scope{'s' if count != 1 else ''} "
                    "below")
    details = []
    for need in result.needed:
        state = f", {need.alternative.state}" if need.alternative.state else ""
        have = len(need.alternative.scopes) - len(need.missing)
        details.append(f"{need.alternative.kind}{state}: add {', '.join(need.missing)} "
                       f"(the token has {have} of {len(need.alternative.scopes)})")
    return ("problem", message + ".", tuple(details))
