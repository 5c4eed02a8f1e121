"""What rules see: resolved calls, the declaration that governs each, and the project settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scopelint.config import Settings
from scopelint.kb.preference import Prefer
from scopelint.kb.table import KnowledgeBase
from scopelint.model import CallSite, Observation, Resolution, ScopeDeclaration, SecretHit


@dataclass(frozen=True, slots=True)
class ResolvedCall:
    call: CallSite
    resolution: Resolution
    declaration: ScopeDeclaration | None  # the nearest declaration above the call's file
    observation: Observation | None = None  # recorded traffic only: what the requests got


@dataclass(slots=True)
class RuleContext:
    kb: KnowledgeBase
    calls: list[ResolvedCall]
    declarations: list[ScopeDeclaration]
    secrets: list[SecretHit]
    settings: Settings = field(default_factory=Settings)
    # Declarations whose whole tree was scanned: only for those is "unused" meaningful.
    fully_scanned: Callable[[ScopeDeclaration], bool] = lambda _decl: True
    line_text: Callable[[str, int], str] = lambda _path, _line: ""
    # check --prefer: the alternative SL002's fix adds ("granular", "classic"; None: see SL002)
    prefer: Prefer | None = None
