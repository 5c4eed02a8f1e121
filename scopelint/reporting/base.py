"""The one interface every output format implements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from scopelint.model import LintResult
from scopelint.rules.base import RuleInfo


class Reporter(Protocol):
    """Turns one run's result into the text of one output format.

    ``rules`` maps a rule code ("SL002") to its metadata; reporters that describe rules
    (SARIF, Markdown) use it, the others may ignore it.  The returned text has no trailing
    newline; the caller adds one when it prints.
    """

    name: str

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str: ...
