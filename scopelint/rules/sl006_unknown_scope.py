"""SL006 unknown-scope: a declared scope that no catalog knows."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.connect import CONNECT_SCOPES
from scopelint.model import Finding, Location, Severity
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
        "tokens) or an OAuth 2.0 authorization URL against the scopes of Atlassian's documents "
        "and the Forge platform scopes, and the scopes of a Connect descriptor against the "
        "Connect scopes. The message suggests the closest known names."
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
    for declaration in ctx.declarations:
        connect = declaration.source == "connect-descriptor"
        for scope in declaration.scopes:
            if connect:
                if scope.upper() in CONNECT_SCOPES:
                    continue
                hint = f"; Connect scopes are {', '.join(CONNECT_SCOPES)}"
            else:
                if ctx.kb.is_known_scope(scope):
                    continue
                similar = ctx.kb.similar_scopes(scope)
                hint = f"; did you mean {' or '.join(similar)}?" if similar else ""
            line = declaration.scope_lines.get(scope, declaration.location.line)
            yield INFO.finding(
                Location(declaration.location.path, line, 1),
                f"unknown scope {scope!r}{hint}",
                identity=f"{declaration.source}:{scope}",
            )
