"""Rule selectors (scopelint.rules.selection) agree with the rule registry."""

from __future__ import annotations

import pytest

from scopelint.errors import ScopelintError
from scopelint.rules import RULE_MODULES, all_rules
from scopelint.rules.selection import ALL_PREFIX, codes_matching, registry, resolve, resolve_all, rule_code


def test_codes_and_names_read_from_module_names_are_the_rules_own() -> None:
    """The selectors read codes and names from RULE_MODULES without importing the rules;
    every module must be named sl0NN_<name with underscores>."""
    assert registry() == tuple((rule.info.code, rule.info.name) for rule in all_rules())
    assert len(registry()) == len(RULE_MODULES)


def test_every_rule_name_can_be_written_in_a_configuration() -> None:
    """The configuration schema tells a rule name from a code by its hyphen."""
    for _code, name in registry():
        assert "-" in name and name == name.lower(), name


@pytest.mark.parametrize(
    ("value", "prefix"),
    [("SL001", "SL001"), ("sl001", "SL001"), ("SL00", "SL00"), ("SL", "SL"), ("ALL", ALL_PREFIX),
     ("all", ALL_PREFIX), ("hardcoded-site-url", "SL001"), ("Missing-Scopes", "SL002"),
     (" SL004 ", "SL004")],
)
def test_resolve(value: str, prefix: str) -> None:
    assert resolve(value) == prefix
    assert resolve(prefix) == prefix  # resolving twice changes nothing


@pytest.mark.parametrize("value", ["SL999", "SL0001", "SL9", "E501", "hardcoded", "site-url", "-"])
def test_values_naming_no_rule(value: str) -> None:
    assert resolve(value) is None
    with pytest.raises(ScopelintError, match=r"^--select: "):
        resolve_all(["SL001", value], "--select")


def test_rule_code_names_exactly_one_rule() -> None:
    assert rule_code("hardcoded-site-url") == rule_code("sl001") == "SL001"
    assert rule_code("SL00") is None
    assert rule_code("ALL") is None


def test_all_matches_every_rule() -> None:
    assert codes_matching(ALL_PREFIX) == tuple(code for code, _name in registry())
