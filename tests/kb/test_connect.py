"""The Connect scope hierarchy: which declared Connect scopes cover an operation's scope."""

from __future__ import annotations

import pytest

from scopelint.kb.connect import CONNECT_SCOPES, connect_covers, connect_missing, is_inaccessible


@pytest.mark.parametrize(
    ("declared", "needed", "covered", "missing"),
    [
        (["READ"], "READ", True, None),
        (["read"], "read", True, None),
        (["READ"], "WRITE", False, "WRITE"),
        (["WRITE"], "READ", True, None),
        (["WRITE"], "DELETE", False, "DELETE"),
        (["DELETE"], "WRITE", True, None),
        (["DELETE"], "PROJECT_ADMIN", False, "PROJECT_ADMIN"),
        (["PROJECT_ADMIN"], "DELETE", True, None),
        (["PROJECT_ADMIN"], "ADMIN", False, "ADMIN"),
        (["SPACE_ADMIN"], "DELETE", True, None),
        (["PROJECT_ADMIN"], "SPACE_ADMIN", False, "SPACE_ADMIN"),
        (["ADMIN"], "PROJECT_ADMIN", True, None),
        (["ADMIN"], "SPACE_ADMIN", True, None),
        (["ADMIN"], "READ", True, None),
        (["ADMIN"], "ACT_AS_USER", False, "ACT_AS_USER"),
        (["ADMIN"], "ACCESS_EMAIL_ADDRESSES", False, "ACCESS_EMAIL_ADDRESSES"),
        (["READ", "ACCESS_EMAIL_ADDRESSES"], "ACCESS_EMAIL_ADDRESSES", True, None),
        (["ACT_AS_USER"], "READ", False, "READ"),
        ([], "NONE", True, None),
        ([], "READ", False, "READ"),
        (["ADMIN", "ACT_AS_USER"], "INACCESSIBLE", False, None),
        ([], None, True, None),
    ],
)
def test_connect_hierarchy(
    declared: list[str], needed: str | None, covered: bool, missing: str | None
) -> None:
    assert connect_covers(declared, needed) is covered
    assert connect_missing(declared, needed) == missing


def test_connect_helpers_accept_one_shot_iterables() -> None:
    assert connect_missing(iter(["READ"]), "WRITE") == "WRITE"
    assert connect_missing(iter(["WRITE"]), "READ") is None


def test_inaccessible_is_told_apart_in_any_case() -> None:
    assert is_inaccessible("INACCESSIBLE") and is_inaccessible(" inaccessible ")
    assert not is_inaccessible("ADMIN") and not is_inaccessible(None) and not is_inaccessible("NONE")


def test_every_connect_scope_covers_itself() -> None:
    for scope in CONNECT_SCOPES:
        assert connect_covers([scope], scope) and connect_missing([scope.lower()], scope) is None
