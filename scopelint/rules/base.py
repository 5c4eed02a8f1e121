"""What every rule is: a code, a slug, a default severity, documentation, and a check."""

from __future__ import annotations

from dataclasses import dataclass

from scopelint.model import Severity

DOCS_URL = "https://github.com/scopelint/scopelint/blob/main/docs/rules.md"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str  # "SL002"
    name: str  # "missing-scopes"
    severity: Severity
    summary: str  # one line
    explanation: str  # a paragraph: why it matters, what to do
    bad_example: str
    good_example: str

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"
