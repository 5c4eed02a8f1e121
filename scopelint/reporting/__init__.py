"""Reporting: findings -> text/json/sarif/... (one reporter per format behind one interface)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from scopelint.errors import ScopelintError
from scopelint.model import LintResult
from scopelint.reporting.base import Reporter
from scopelint.rules.base import RuleInfo

# format name -> module exposing ``REPORTER``; imported only when that format is asked for.
REPORTERS: dict[str, str] = {
    "text": "scopelint.reporting.text",
    "json": "scopelint.reporting.json",
    "sarif": "scopelint.reporting.sarif",
    "github": "scopelint.reporting.github",
    "gitlab": "scopelint.reporting.gitlab",
    "rdjson": "scopelint.reporting.rdjson",
    "markdown": "scopelint.reporting.markdown",
}

FORMATS: tuple[str, ...] = tuple(REPORTERS)


def get_reporter(fmt: str) -> Reporter:
    """The reporter for ``fmt``; an unknown format is the user's error."""
    module_name = REPORTERS.get(fmt)
    if module_name is None:
        known = ", ".join(FORMATS)
        raise ScopelintError(f"unknown output format {fmt!r} (choose one of: {known})")
    reporter: Reporter = importlib.import_module(module_name).REPORTER
    return reporter


def render(fmt: str, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
    """``result`` as text in output format ``fmt`` (no trailing newline)."""
    return get_reporter(fmt).render(result, rules)


__all__ = ["FORMATS", "REPORTERS", "Reporter", "get_reporter", "render"]
