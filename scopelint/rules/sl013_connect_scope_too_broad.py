"""SL013 connect-scope-too-broad: a Connect descriptor's scopes grant more than its calls need."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.connect import (
    CHAIN_SCOPES,
    INACCESSIBLE,
    NO_SCOPE,
    broader_than,
    granted_scopes,
    smallest_sufficient,
)
from scopelint.model import Finding, Location, ScopeDeclaration, Severity
from scopelint.rules import references as refs
from scopelint.rules.activity import unresolved_activity, unresolved_under
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import ResolvedCall, RuleContext

INFO = RuleInfo(
    code="SL013",
    name="connect-scope-too-broad",
    severity=Severity.WARNING,
    summary="A Connect scope broader than every call under the descriptor needs (least privilege).",
    what_it_does=(
        "Checks the scopes of an atlassian-connect.json against the Connect scopes "
        "(x-atlassian-connect-scope in Atlassian's documents) of the calls it governs, and "
        "reports each scope of the chain READ, WRITE, DELETE, PROJECT_ADMIN / SPACE_ADMIN, ADMIN "
        "that grants more than the smallest sufficient one: ADMIN where DELETE suffices, WRITE "
        "where the calls only read. The message names the smallest sufficient Connect scope and "
        "a call that needs it. READ is never reported (webhooks, conditions and entity "
        "properties read without a REST call), nor ACT_AS_USER and ACCESS_EMAIL_ADDRESSES. Like "
        "SL003 the rule only speaks when everything was seen: the descriptor's whole folder was "
        "checked, and every call under it was fully read (no URL part, method or operation "
        "unknown) and has a Connect scope a Connect app can hold (none INACCESSIBLE: SL007)."
    ),
    explanation=(
        "Connect scopes are coarse and nested (ADMIN ⊃ PROJECT_ADMIN ⊃ DELETE ⊃ WRITE ⊃ READ): an "
        "app declaring ADMIN can administer the whole site, whatever its code calls, and every "
        "installing admin sees and approves that. Declaring the smallest scope that covers the "
        "calls limits what a leaked shared secret or a bug can do."
    ),
    fix_notes=(
        "Changing a Connect app's scopes is an app update that every installing site approves, "
        "and a module or webhook may need a scope no REST call shows, so a person edits the "
        "descriptor."
    ),
    options=(),
    references=(refs.CONNECT_SCOPES, refs.CONFLUENCE_CONNECT_SCOPES),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    governed: dict[int, list[ResolvedCall]] = {}
    for resolved in ctx.calls:
        if resolved.declaration is not None and resolved.call.kind == "call":
            governed.setdefault(id(resolved.declaration), []).append(resolved)
    unseen = unresolved_activity(ctx.calls)  # also an Atlassian client whose calls were not read
    for declaration in ctx.declarations:
        if declaration.source != "connect-descriptor" or not ctx.fully_scanned(declaration):
            continue
        calls = governed.get(id(declaration), [])
        if not calls or unresolved_under(ctx, declaration) or id(declaration) in unseen:
            continue
        needs: dict[str, ResolvedCall] = {}
        unknown = False
        for resolved in calls:
            op = resolved.resolution.operation
            scope = (op.connect_scope or "").strip().upper() if op is not None else ""
            if not scope or scope == INACCESSIBLE:
                # the documents do not say (the call may need anything), or no Connect app can
                # make the call at all (SL007's concern: the app's intent is not known)
                unknown = True
                break
            if scope != NO_SCOPE:
                needs.setdefault(scope, resolved)
        if unknown:
            continue
        sufficient = smallest_sufficient(needs)
        for scope in declaration.scopes:
            if broader_than(scope, sufficient):
                yield _finding(declaration, scope, sufficient, needs, len(calls))


def _finding(declaration: ScopeDeclaration, scope: str, sufficient: tuple[str, ...],
             needs: dict[str, ResolvedCall], calls: int) -> Finding:
    line = declaration.scope_lines.get(scope, declaration.location.line)
    top = next((need for need in reversed(CHAIN_SCOPES) if need in needs), None)
    if top is None:
        why = "no call needs a Connect scope"
    else:
        example = needs[top].resolution.operation
        assert example is not None
        why = f"the broadest call, {example.method} {example.path}, needs {top}"
    others = granted_scopes(s for s in declaration.scopes if s.upper() != scope.upper())
    already = ", already declared," if all(s in others for s in sufficient) else ""
    plural, verb = ("s", "need") if calls != 1 else ("", "needs")
    where = "in this project" if declaration.root in (".", "") else f"under {declaration.root}/"
    return INFO.finding(
        Location(declaration.location.path, line, 1),
        f"the Connect scope {scope.upper()} is broader than the {calls} call{plural} {where} "
        f"{verb}: {' and '.join(sufficient)}{already} suffices ({why})",
        unused_scopes=(scope.upper(),),
        identity=f"connect:{scope.upper()}",
    )
