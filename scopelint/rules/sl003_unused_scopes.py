"""SL003 unused-scopes: declared scopes that no call found under the declaration needs."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Fix, Location, ScopeDeclaration, Severity
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.coverage import used_scopes

INFO = RuleInfo(
    code="SL003",
    name="unused-scopes",
    severity=Severity.WARNING,
    summary="A declared scope that no call under the declaration needs (least privilege).",
    explanation=(
        "Every scope a token or app holds is access an attacker gets with it, and Forge shows "
        "each one to the admin who installs the app. A scope is used when it belongs to an "
        "alternative of some call governed by the declaration. Forge platform scopes "
        "(storage:app, read:app-system-token, ...) and offline_access are never reported. The "
        "rule only runs for declarations whose whole folder was scanned, so a pre-commit run "
        "over a few changed files never reports scopes as unused. `--fix --unsafe-fixes` "
        "removes them."
    ),
    bad_example='permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work   # nothing writes',
    good_example="permissions:\n  scopes:\n    - read:jira-work",
)

CHECKED_SOURCES = frozenset({"forge-manifest", "config", "oauth-url"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    used: dict[int, set[str]] = {}
    for resolved in ctx.calls:
        op = resolved.resolution.operation
        if op is None or resolved.declaration is None:
            continue
        bucket = used.setdefault(id(resolved.declaration), set())
        bucket.update(used_scopes(op, frozenset(resolved.declaration.scopes)))
    for declaration in ctx.declarations:
        if declaration.source not in CHECKED_SOURCES or not ctx.fully_scanned(declaration):
            continue
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


def _finding(declaration: ScopeDeclaration, scope: str) -> Finding:
    line = declaration.scope_lines.get(scope, declaration.location.line)
    location = Location(declaration.location.path, line, 1)
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
