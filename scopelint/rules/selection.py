"""Naming rules: a code (``SL001``), a code prefix (``SL00``), a rule name
(``hardcoded-site-url``) or ``ALL``, wherever rules are named (``--select``/``--ignore``, the
configuration's ``select``/``ignore``/``per-path-ignores``, suppression comments).

Codes and names come from the rule registry's module names (``sl001_hardcoded_site_url`` is
SL001 ``hardcoded-site-url``; a test holds every module to that), so naming a rule costs no
import of the rule modules on a pre-commit run.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from scopelint.errors import ScopelintError

ALL = "ALL"
ALL_PREFIX = ""  # what ALL stands for: the prefix every code starts with


@cache
def registry() -> tuple[tuple[str, str], ...]:
    """(code, name) of every rule, in code order, from ``RULE_MODULES``."""
    from scopelint.rules import RULE_MODULES

    found = []
    for module in RULE_MODULES:
        head, _, rest = module.partition("_")
        found.append((head.upper(), rest.replace("_", "-")))
    return tuple(found)


def resolve(value: str) -> str | None:
    """The code prefix ``value`` stands for (``""`` for ALL), or None when it names no rule.

    Codes and ``ALL`` are case-insensitive; a prefix must start at least one rule's code.
    A value already resolved resolves to itself.
    """
    wanted = value.strip()
    if wanted == ALL_PREFIX or wanted.upper() == ALL:
        return ALL_PREFIX
    upper, lower = wanted.upper(), wanted.lower()
    for code, name in registry():
        if name == lower:
            return code
    if upper.startswith("SL") and any(code.startswith(upper) for code, _name in registry()):
        return upper
    return None


def unknown_message(value: str) -> str:
    """Why ``value`` names no rule, with the closest name or code when one is near."""
    import difflib

    codes = [code for code, _name in registry()]
    names = [name for _code, name in registry()]
    near = difflib.get_close_matches(value.strip().lower(), names, n=1) or difflib.get_close_matches(
        value.strip().upper(), codes, n=1, cutoff=0.8
    )
    hint = f"did you mean {near[0]!r}? " if near else ""
    span = f"{codes[0]}-{codes[-1]}" if codes else "none"
    return (
        f"{value!r} is not a rule code, code prefix or rule name ({hint}rules: {span} and ALL; "
        "`scopelint rules` lists them)"
    )


def resolve_all(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Each value's code prefix, in order; the first unknown one is a ScopelintError
    ``"<where>: 'SL999' is not a rule code, ..."``."""
    resolved = []
    for value in values:
        prefix = resolve(value)
        if prefix is None:
            raise ScopelintError(f"{where}: {unknown_message(value)}")
        resolved.append(prefix)
    return tuple(resolved)


def codes_matching(prefix: str) -> tuple[str, ...]:
    """The rule codes ``prefix`` (a resolved selector) selects."""
    return tuple(code for code, _name in registry() if code.startswith(prefix))


def rule_code(value: str) -> str | None:
    """The one rule ``value`` names (a whole code or a rule name, any case), or None."""
    wanted = value.strip()
    upper, lower = wanted.upper(), wanted.lower()
    for code, name in registry():
        if code == upper or name == lower:
            return code
    return None
