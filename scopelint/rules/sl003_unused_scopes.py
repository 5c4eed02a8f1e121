"""SL003 unused-scopes: declared scopes that no call found under the declaration needs."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Fix, Location, ScopeDeclaration, Severity
from scopelint.rules import references as refs
from scopelint.rules.activity import describe, governs_calls, unresolved_activity, unresolved_under
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo, RuleOption
from scopelint.rules.context import RuleContext
from scopelint.rules.coverage import used_scopes

INFO = RuleInfo(
    code="SL003",
    name="unused-scopes",
    severity=Severity.WARNING,
    summary="A declared scope that no call under the declaration needs (least privilege).",
    what_it_does=(
        "Checks the scopes of a Forge manifest, a scopelint configuration or an OAuth 2.0 app "
        "(its authorization URL, scope lists, scope keys, environment variables and OAuth "
        "library options, taken together) against the calls the declaration governs, and "
        "reports each scope that belongs to no alternative those calls use. For an OAuth 2.0 "
        "app it stays quiet while any of its calls could not be fully read (a URL built from an "
        "unknown base, an unknown method), or when no call is found under it at all (a setting "
        "for a tool or an app whose code is elsewhere). Forge platform scopes (storage:app, "
        "read:app-system-token, ...), offline_access and unknown scopes (SL006) are never "
        "reported. The rule only runs for declarations whose whole folder was checked, so a "
        "pre-commit run over a few changed files never reports scopes as unused, and only when "
        "scopelint resolved every Atlassian request the declaration governs: a URL it could "
        "not read, an SDK method its tables do not list or an Atlassian client whose calls it "
        "could not follow may need any scope, so the summary says the check was skipped "
        "instead (\"3 calls to Atlassian could not be resolved; unused-scope check skipped for "
        "manifest.yml\")."
    ),
    explanation=(
        "Every scope a token or app holds is access an attacker gets with it, and Forge shows "
        "each one to the admin who installs the app. A scope nothing needs is risk without use."
    ),
    fix=FixAvailability.SOMETIMES,
    fix_safety=FixSafety.UNSAFE,
    fix_notes=(
        "`--fix --unsafe-fixes` removes the scope from a Forge manifest or from the scopes of a "
        "scopelint configuration; authorization URLs and tokens entries get no fix. The fix is "
        "unsafe because scopelint only sees the calls it can read: a URL built at run time, an "
        "SDK method, a call in another repository or an event the app subscribes to may still "
        "need the scope, and the app then fails at run time."
    ),
    options=(
        RuleOption("scopes", "The declared scopes this rule checks."),
        RuleOption("tokens", "Per-path tokens; each one's scopes are checked against the calls "
                   "of its paths."),
    ),
    references=(refs.FORGE_PERMISSIONS, refs.FORGE_SCOPES, refs.JIRA_SCOPES, refs.API_TOKENS),
    needs_whole_tree=True,
)

CHECKED_SOURCES = frozenset({"forge-manifest", "config", "oauth-url", "oauth-scopes"})
OAUTH_SOURCES = frozenset({"oauth-url", "oauth-scopes"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    used: dict[int, set[str]] = {}
    for resolved in ctx.calls:
        op = resolved.resolution.operation
        if op is None or resolved.declaration is None:
            continue
        bucket = used.setdefault(id(resolved.declaration), set())
        bucket.update(used_scopes(op, frozenset(resolved.declaration.scopes)))
    _platform_uses(ctx, used)
    unresolved = unresolved_activity(ctx.calls)
    for declaration in ctx.declarations:
        if declaration.source not in CHECKED_SOURCES or not ctx.fully_scanned(declaration):
            continue
        unknown = unresolved.get(id(declaration))
        if unknown:  # scopelint did not see everything it governs: "unused" would be a guess
            ctx.notes.append(f"{describe(unknown)}; unused-scope check skipped for "
                             f"{declaration.location.path}")
            continue
        if declaration.source in OAUTH_SOURCES and (
            unresolved_under(ctx, declaration) or not governs_calls(ctx, declaration)
        ):
            continue  # a call not fully read may need any scope; no call: an app not seen
        needed = used.get(id(declaration), set())
        unused = tuple(
            scope
            for scope in declaration.scopes
            if scope not in needed
            and not ctx.kb.is_platform_scope(scope)
            and ctx.kb.is_known_scope(scope)  # unknown ones are SL006's
        )
        for scope in unused:
            yield _finding(declaration, scope)


def _platform_uses(ctx: RuleContext, used: dict[int, set[str]]) -> None:
    """Scopes a Forge platform API needs (UI Kit property hooks: read:jira-work ...) are used
    too, by the declaration governing the code that calls the API (issue #21)."""
    if not ctx.platform_uses:
        return
    from scopelint.kb.forge import table

    forge = table()
    for use in ctx.platform_uses:
        row = forge.api(use.api) if use.kind == "api" else None
        declaration = ctx.declaration_for(use.location.path) if row is not None else None
        if row is None or declaration is None:
            continue
        declared = set(declaration.scopes)
        satisfied = [alt for alt in row.alternatives if set(alt) <= declared]
        bucket = used.setdefault(id(declaration), set())
        for alternative in satisfied or row.alternatives:
            bucket.update(alternative)


def _finding(declaration: ScopeDeclaration, scope: str) -> Finding:
    # An app's OAuth 2.0 declarations govern together: report where the scope is written.
    written = next((part for part in declaration.written if scope in part.scope_lines),
                   declaration)
    line = written.scope_lines.get(scope, written.location.line)
    location = Location(written.location.path, line, 1)
    return INFO.finding(
        location,
        f"{scope} is declared but no call found {_where(declaration)} needs it",
        unused_scopes=(scope,),
        identity=f"{declaration.source}:{scope}",
        fix=Fix(
            description=f"remove {scope} from {declaration.location.path}",
            safe=False,
            target=declaration.location.path,
            remove_scopes=(scope,),
        )
        if declaration.source in ("forge-manifest", "config") and not declaration.paths
        else None,
    )


def _where(declaration: ScopeDeclaration) -> str:
    return "in this project" if declaration.root in (".", "") else f"under {declaration.root}/"
