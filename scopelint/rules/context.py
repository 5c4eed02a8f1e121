"""What rules see: resolved calls, the declaration that governs each, and the project settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scopelint.config import Settings
from scopelint.kb.table import KnowledgeBase
from scopelint.model import (
    CallSite,
    ForgeApp,
    Observation,
    PlatformUse,
    Resolution,
    ScopeDeclaration,
    SecretHit,
)


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
    # Forge apps (issue #21): what their manifests permit, and what their code uses
    forge_apps: list[ForgeApp] = field(default_factory=list)
    platform_uses: list[PlatformUse] = field(default_factory=list)
    # the declaration that governs a file (the nearest above it), as for calls
    declaration_for: Callable[[str], ScopeDeclaration | None] = lambda _path: None
    # files whose scan gave up on part of them (a parser warning): what they use is not all seen
    incomplete_files: frozenset[str] = frozenset()
