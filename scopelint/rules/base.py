"""What every rule is: a code, a slug, a default severity, documentation, and a check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scopelint.model import Finding, Location, Severity

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

    def finding(
        self, location: Location, message: str, severity: Severity | None = None, **details: Any
    ) -> Finding:
        """A Finding of this rule (``details``: endpoint, missing_scopes, identity, fix, ...)."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            location=location,
            message=message,
            **details,
        )
