"""SL006 unknown-scope: a declared scope that no catalog knows."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.connect import CONNECT_SCOPES
from scopelint.kb.table import KnowledgeBase
from scopelint.model import Finding, Location, ScopeDeclaration, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo, RuleOption
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL006",
    name="unknown-scope",
    severity=Severity.ERROR,
    summary="A declared scope that no Atlassian document or Forge platform list defines.",
    what_it_does=(
        "Checks every scope declared in a Forge manifest, a scopelint configuration (scopes, "
        "tokens) or by an OAuth 2.0 app (an authorization URL however it is built, a list bound "
        "to a name containing scope, a scope key in code or a config file, an environment "
        "variable ending in SCOPE or SCOPES, an OAuth library's option) against the scopes of "
        "Atlassian's documents and the Forge platform scopes, and the scopes of a Connect "
        "descriptor against the Connect scopes. The message suggests the closest known name "
        "(offline-access: did you mean offline_access?). Unknown scopes given with --scopes are "
        "a command-line error (exit 2), as ruff does for bad option values."
    ),
    explanation=(
        "Atlassian rejects a token request, an OAuth consent screen or a Forge deploy with an "
        "unknown scope, or silently grants nothing for it. Usually a typo (read:jira-issue for "
        "read:issue:jira) or a scope of another product."
    ),
    fix_notes=(
        "The closest name is a guess, and a scope decides what the app may do, so a "
        "person picks it from the suggestions."
    ),
    options=(
        RuleOption("scopes", "The declared scopes this rule checks."),
        RuleOption("tokens", "Per-path tokens, whose scopes this rule checks too."),
    ),
    references=(refs.JIRA_SCOPES, refs.CONFLUENCE_SCOPES, refs.FORGE_SCOPES, refs.CONNECT_SCOPES),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    seen: set[tuple[str, int, str]] = set()
    for governing in ctx.declarations:
        for declaration in governing.written:  # an app's OAuth 2.0 declarations: each one
            for finding in _unknown(ctx, declaration):
                # one finding per place a scope is written (``ALL = BASE | EXTRA`` reads
                # BASE's words again)
                key = (finding.location.path, finding.location.line, finding.identity)
                if key not in seen:
                    seen.add(key)
                    yield finding


def _unknown(ctx: RuleContext, declaration: ScopeDeclaration) -> Iterator[Finding]:
    connect = declaration.source == "connect-descriptor"
    for scope in declaration.scopes:
        if connect:
            if scope.upper() in CONNECT_SCOPES:
                continue
            hint = f"; Connect scopes are {', '.join(CONNECT_SCOPES)}"
        else:
            if ctx.kb.is_known_scope(scope):
                continue
            hint = did_you_mean(ctx.kb, scope)
        line = declaration.scope_lines.get(scope, declaration.location.line)
        yield INFO.finding(
            Location(declaration.location.path, line, 1),
            f"unknown scope {scope!r}{hint}",
            identity=f"{declaration.source}:{scope}",
        )


def did_you_mean(kb: KnowledgeBase, scope: str) -> str:
    """``"; did you mean offline_access?"`` (the closest known scopes), or ``""``."""
    similar = kb.similar_scopes(scope)
    return f"; did you mean {' or '.join(similar)}?" if similar else ""
