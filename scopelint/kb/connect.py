"""The Connect scope hierarchy: which declared Connect scopes cover an operation's scope.

Connect scopes are coarse (READ, WRITE, DELETE, PROJECT_ADMIN / SPACE_ADMIN, ADMIN, plus
ACT_AS_USER and ACCESS_EMAIL_ADDRESSES) and imply one another:
ADMIN ⊃ PROJECT_ADMIN (Jira) / SPACE_ADMIN (Confluence) ⊃ DELETE ⊃ WRITE ⊃ READ ⊃ NONE
(Atlassian's Connect documentation, "Scopes" of Jira Cloud and of Confluence Cloud).
The OpenAPI documents give each operation's Connect scope as ``x-atlassian-connect-scope``;
``NONE`` needs nothing and ``INACCESSIBLE`` cannot be called by a Connect app at all.
Names are compared without case.
"""

from __future__ import annotations

from collections.abc import Iterable

CONNECT_SCOPES: tuple[str, ...] = (
    "READ",
    "WRITE",
    "DELETE",
    "PROJECT_ADMIN",
    "SPACE_ADMIN",
    "ADMIN",
    "ACT_AS_USER",
    "ACCESS_EMAIL_ADDRESSES",
)

NO_SCOPE = "NONE"  # needs no declared scope
INACCESSIBLE = "INACCESSIBLE"  # no Connect app can call it, whatever it declares

# Each declared scope -> every scope it grants (itself included).
_GRANTS: dict[str, frozenset[str]] = {
    "READ": frozenset({"READ"}),
    "WRITE": frozenset({"WRITE", "READ"}),
    "DELETE": frozenset({"DELETE", "WRITE", "READ"}),
    "PROJECT_ADMIN": frozenset({"PROJECT_ADMIN", "DELETE", "WRITE", "READ"}),
    "SPACE_ADMIN": frozenset({"SPACE_ADMIN", "DELETE", "WRITE", "READ"}),
    "ADMIN": frozenset({"ADMIN", "PROJECT_ADMIN", "SPACE_ADMIN", "DELETE", "WRITE", "READ"}),
    "ACT_AS_USER": frozenset({"ACT_AS_USER"}),
    "ACCESS_EMAIL_ADDRESSES": frozenset({"ACCESS_EMAIL_ADDRESSES"}),
}


def granted_scopes(declared: Iterable[str]) -> frozenset[str]:
    """Every Connect scope the declared ones grant, implied ones included (and NONE)."""
    granted: set[str] = {NO_SCOPE}
    for scope in declared:
        name = scope.strip().upper()
        granted |= _GRANTS.get(name, {name})
    return frozenset(granted)


def connect_covers(declared: Iterable[str], needed: str | None) -> bool:
    """True when an app declaring ``declared`` may call an operation needing ``needed``.

    ``needed`` None (the documents do not say) is treated as covered: there is nothing to
    check against.  ``INACCESSIBLE`` is never covered.
    """
    if needed is None:
        return True
    wanted = needed.strip().upper()
    if wanted in ("", NO_SCOPE):
        return True
    if wanted == INACCESSIBLE:
        return False
    return wanted in granted_scopes(declared)


def connect_missing(declared: Iterable[str], needed: str | None) -> str | None:
    """The Connect scope to add so ``declared`` covers ``needed``.

    None when it is already covered, or when no scope can help (``INACCESSIBLE``).
    """
    declared = tuple(declared)
    if connect_covers(declared, needed) or needed is None:
        return None
    wanted = needed.strip().upper()
    return None if wanted == INACCESSIBLE else wanted


def is_inaccessible(needed: str | None) -> bool:
    """True for an operation no Connect app may call, whatever it declares."""
    return needed is not None and needed.strip().upper() == INACCESSIBLE


# The scopes of the chain READ ⊂ WRITE ⊂ DELETE ⊂ PROJECT_ADMIN / SPACE_ADMIN ⊂ ADMIN (the
# other two, ACT_AS_USER and ACCESS_EMAIL_ADDRESSES, stand apart and are never implied).
CHAIN_SCOPES: tuple[str, ...] = ("READ", "WRITE", "DELETE", "PROJECT_ADMIN", "SPACE_ADMIN", "ADMIN")


def smallest_sufficient(needed: Iterable[str], floor: str = "READ") -> tuple[str, ...]:
    """The fewest, narrowest chain scopes that grant every scope of ``needed``.

    ``needed`` holds the Connect scopes of operations (NONE and INACCESSIBLE ignored); at least
    ``floor`` is kept (a Connect app also reads through webhooks, conditions and entity
    properties that no REST call shows).  Both admin scopes needed: both, not ADMIN.
    """
    wanted = {scope.strip().upper() for scope in needed} & set(CHAIN_SCOPES)
    if "ADMIN" in wanted:
        return ("ADMIN",)
    admins = tuple(scope for scope in ("PROJECT_ADMIN", "SPACE_ADMIN") if scope in wanted)
    if admins:
        return admins
    for scope in ("DELETE", "WRITE", "READ"):
        if scope in wanted:
            return (scope,)
    return (floor,) if floor else ()


def broader_than(declared: str, sufficient: Iterable[str]) -> bool:
    """Does the chain scope ``declared`` grant more than ``sufficient`` grants together?"""
    name = declared.strip().upper()
    if name not in CHAIN_SCOPES:
        return False
    return not _GRANTS[name] <= granted_scopes(sufficient)
