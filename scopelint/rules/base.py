"""What every rule is: a code, a slug, a default severity, documentation, and a check.

The documentation follows ruff's rule pages: what it does, why is this bad, an example and
what to use instead (both taken from the rule's fixture trees, see ``rules/examples.py``),
fix safety, the options the rule reads, and references to Atlassian's documentation.
The small value types are NamedTuples: this module is imported on every ``scopelint check``,
and each dataclass costs about a millisecond to create there.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from scopelint.common.records import dataclass
from scopelint.model import Finding, Location, Severity

DOCS_URL = "https://github.com/scopelint/scopelint/blob/main/docs/rules.md"


class FixAvailability(StrEnum):
    """Whether the rule's findings carry a fix: never, for some findings, or for every one."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class FixSafety(StrEnum):
    """``safe`` fixes run with ``--fix``; ``unsafe`` ones only with ``--fix --unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class RuleOption(NamedTuple):
    """A setting the rule reads: a configuration key (``sites``) or a ``check`` flag
    (``--scopes``), and what it changes for this rule."""

    name: str
    description: str

    @property
    def kind(self) -> str:
        """``"flag"`` for a command-line flag of ``scopelint check``, else ``"config"``."""
        return "flag" if self.name.startswith("--") else "config"


class Reference(NamedTuple):
    """A page of Atlassian's documentation behind the rule (``url`` on developer.atlassian.com
    or support.atlassian.com)."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str  # "SL002"
    name: str  # "missing-scopes"
    severity: Severity
    summary: str  # one line
    explanation: str  # "Why is this bad?": what goes wrong at Atlassian, and what to do
    # "Example" / "Use instead" as text (each file under a "# path" line). The registry fills
    # them from the baked fixture examples (rules/examples.json); rule modules leave them empty.
    bad_example: str = ""
    good_example: str = ""
    what_it_does: str = ""  # "What it does": what is reported, and what is not
    fix: FixAvailability = FixAvailability.NEVER
    fix_safety: FixSafety | None = None  # None exactly when fix is NEVER
    fix_notes: str = ""  # what the fix changes and what makes it unsafe; or why there is none
    options: tuple[RuleOption, ...] = ()
    references: tuple[Reference, ...] = ()
    # True when the rule can only judge a declaration whose whole folder was checked (SL003):
    # a run over some files cannot tell whether a suppression of it is still needed (SL012).
    needs_whole_tree: bool = False

    def __post_init__(self) -> None:
        if (self.fix is FixAvailability.NEVER) != (self.fix_safety is None):
            raise ValueError(f"{self.code}: fix_safety is set exactly when a fix is available")

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"

    @property
    def fix_summary(self) -> str:
        """One sentence, as ruff words it: "Fix is sometimes available (unsafe)."."""
        if self.fix is FixAvailability.NEVER:
            return "No fix is available."
        return f"Fix is {self.fix.value} available ({self.fix_safety})."

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
