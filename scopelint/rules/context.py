"""What rules see: resolved calls, the declaration that governs each, and the project settings."""

from __future__ import annotations

from collections.abc import Callable

from scopelint.common.records import dataclass, field
from scopelint.config import Settings
from scopelint.kb.preference import Prefer
from scopelint.kb.table import KnowledgeBase
from scopelint.model import (
    CallSite,
    ForgeApp,
    Observation,
    PlatformUse,
    Resolution,
    ScopeDeclaration,
    SecretHit,
    Suppression,
    UnreadableDeclaration,
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
    # Declaration files that could not be read (SL011).
    unreadable: list[UnreadableDeclaration] = field(default_factory=list)
    # Declarations whose whole tree was scanned: only for those is "unused" meaningful.
    fully_scanned: Callable[[ScopeDeclaration], bool] = lambda _decl: True
    line_text: Callable[[str, int], str] = lambda _path, _line: ""
    # What rules tell the user besides findings, one line each, for the report's summary
    # ("3 calls to Atlassian could not be resolved; unused-scope check skipped for ...").
    notes: list[str] = field(default_factory=list)
    # Forge apps (issue #21): what their manifests permit, and what their code uses
    forge_apps: list[ForgeApp] = field(default_factory=list)
    platform_uses: list[PlatformUse] = field(default_factory=list)
    # the declaration that governs a file (the nearest above it), as for calls
    declaration_for: Callable[[str], ScopeDeclaration | None] = lambda _path: None
    # files whose scan gave up on part of them (a parser warning): what they use is not all seen
    incomplete_files: frozenset[str] = frozenset()
    # check --prefer: the alternative SL002's fix adds ("granular", "classic"; None: see SL002)
    prefer: Prefer | None = None
    # For the rules that run after suppressions (SL012): the suppression comments of the
    # reported files (rule names already turned into codes), the codes each one suppressed
    # ((path, index in that file's list) -> codes), and whether a run can tell that a
    # rule's findings are absent from a file ((path, code) -> bool).
    suppressions: dict[str, list[Suppression]] = field(default_factory=dict)
    suppression_use: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    judgeable: Callable[[str, str], bool] = lambda _path, _code: True
