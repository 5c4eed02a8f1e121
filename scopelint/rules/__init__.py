"""Rules: resolved calls + declarations -> findings (one module per rule).

Each rule module exposes ``INFO: RuleInfo`` and ``check(ctx: RuleContext) -> Iterator[Finding]``.
Adding a rule means adding one module, one line to ``RULE_MODULES``, and its fixture trees
``tests/rules/fixtures/<CODE>/bad/`` and ``good/`` (then ``make docs`` bakes their examples).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from scopelint.common.records import dataclass, replace
from scopelint.model import Finding
from scopelint.rules.base import RuleInfo

RULE_MODULES: tuple[str, ...] = (
    "sl001_hardcoded_site_url",
    "sl002_missing_scopes",
    "sl003_unused_scopes",
    "sl004_deprecated_endpoint",
    "sl005_unknown_endpoint",
    "sl006_unknown_scope",
    "sl007_no_scoped_access",
    "sl008_hardcoded_api_token",
    "sl009_gateway_url_mismatch",
    "sl010_refused_for_scope",
    "sl011_unreadable_declaration",
    "sl012_unused_suppression",
    "sl013_connect_scope_too_broad",
    "sl014_missing_storage_scope",
    "sl015_undeclared_egress",
    "sl016_undeclared_image_host",
    "sl017_missing_platform_scope",
    "sl018_missing_remote",
    "sl019_unused_forge_permission",
)


@dataclass(frozen=True, slots=True)
class Rule:
    info: RuleInfo
    check: Callable[..., Iterator[Finding]]
    # Runs once the other rules' findings met the suppression comments (SL012), with
    # RuleContext.suppressions/suppression_use filled; its module sets AFTER_SUPPRESSIONS.
    after_suppressions: bool = False


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order, its ``INFO`` completed with the examples baked from its
    fixture trees (``rules/examples.json``)."""
    from scopelint.rules.examples import as_text, load_examples

    examples = load_examples()
    rules = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"scopelint.rules.{name}")
        info: RuleInfo = module.INFO
        found = examples.get(info.code)
        if found is not None:
            info = replace(info, bad_example=as_text(found.bad), good_example=as_text(found.good))
        rules.append(Rule(info, module.check, getattr(module, "AFTER_SUPPRESSIONS", False)))
    return tuple(rules)


def rule_codes() -> tuple[str, ...]:
    """The codes of every rule, in order (``("SL001", ...)``): tests and docs take the list
    from here, never from a copy."""
    return tuple(rule.info.code for rule in all_rules())


def rule_infos() -> dict[str, RuleInfo]:
    return {rule.info.code: rule.info for rule in all_rules()}


def rule_by_code_or_name(key: str) -> Rule | None:
    wanted = key.strip()
    for rule in all_rules():
        if rule.info.code.lower() == wanted.lower() or rule.info.name == wanted:
            return rule
    return None


def selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """ruff-style selection: a code is on when a select prefix matches and no ignore prefix does."""
    select = tuple(select)
    if select and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)
