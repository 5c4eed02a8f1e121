"""Why recorded requests failed: explain-error's catalogue applied to each failure, and the
scopes that would have covered every request that failed for lack of scope."""

from __future__ import annotations

from collections.abc import Iterable

from scopelint.kb.table import KnowledgeBase
from scopelint.observe.records import EXPLAINED_STATUSES
from scopelint.observe.session import Failure, LackOfScope, ObservedCall, Traffic
from scopelint.suggest.endpoints import EndpointInput
from scopelint.suggest.result import Suggestion
from scopelint.suggest.selection import Prefer

# The explain-error patterns whose cause is the token's scopes.
SCOPE_PATTERNS = frozenset({"scope-does-not-match"})


def explain_failures(calls: Iterable[ObservedCall], kb: KnowledgeBase) -> None:
    """Fill ``cause``, ``because`` and ``lack_of_scope`` of every failure (in place)."""
    for call in calls:
        for key, failure in call.failures.items():
            body = call.bodies.pop(key, None)
            if failure.status in EXPLAINED_STATUSES and call.kind == "api":
                _explain(call, failure, body, kb)
        call.bodies.clear()


def _operation_text(call: ObservedCall) -> str:
    if call.endpoint is not None:
        return call.endpoint
    path = call.resolution.path if call.resolution is not None else call.url
    return f"{call.method} {path}"


def _explain(call: ObservedCall, failure: Failure, body: str | None, kb: KnowledgeBase) -> None:
    from scopelint.explain import explain

    explanation = explain(body or "", url=failure.url, method=call.method, status=failure.status, kb=kb)
    ids = [match.pattern.id for match in explanation.matched]
    resolution = call.resolution
    host_kind = resolution.host_kind if resolution is not None else "other"
    token = any(call.auth[kind] for kind in ("token", "none", "unknown"))
    op = _operation_text(call)
    lack: LackOfScope = "no"
    because: str | None = None
    cause: str | None = ids[0] if ids else None
    if "scope-does-not-match" in ids:
        cause, lack = "scope-does-not-match", "yes"
        because = f"the token's scopes do not cover {op} (it needs every scope of one of its alternatives)"
    elif "api-removed" in ids or failure.status == 410:
        cause = "api-removed"
        template = resolution.operation.path if resolution and resolution.operation else (
            resolution.path if resolution else "")
        removal = kb.removal(call.method, template)
        because = f"Atlassian removed {op}" + (
            f" on {removal.removed_on}; use {removal.replacement}" if removal is not None else "")
        if removal is not None and not removal.removed_on:  # dropped from its document
            from scopelint.kb.describe import retirement_text

            instead = f"use {removal.replacement}" if removal.replacement else "no replacement is known"
            because = f"Atlassian retired {op}: {retirement_text(removal)}; {instead}"
    elif "connect-session-auth-token" in ids:
        because = (f"the site {call.host} could not read the Bearer token: OAuth 2.0 and scoped tokens "
                   "only work through the gateway, api.atlassian.com/ex/...")
    elif "not-found-on-site-url" in ids:
        if host_kind == "site" and token:
            because = (f"a token sent to the site {call.host} is treated as anonymous there, so the "
                       "resource looks missing: scoped tokens only work through the gateway, "
                       "api.atlassian.com/ex/...")
        elif host_kind == "site":
            because = "the resource does not exist, or the signed-in account cannot see it"
        elif any(status is not None and 200 <= status < 300 for status in call.statuses):
            because = (f"the resource does not exist, or the token's account cannot see it (other "
                       f"requests to {op} succeeded, so the token's scopes cover it)")
        else:
            lack = "maybe"
            because = f"the token lacks the read scopes of {op}, or its account cannot see the resource"
    elif "confluence-v2-classic-scopes" in ids:
        lack = "maybe"
        because = ("Confluence REST API v2 accepts granular scopes only: classic scopes such as "
                   "read:confluence-content.all do not work there")
    elif explanation.matched:
        title = explanation.matched[0].title
        because = title[:1].lower() + title[1:]
    failure.cause, failure.because, failure.lack_of_scope = cause, because, lack


def scope_failures(traffic: Traffic) -> list[tuple[ObservedCall, Failure]]:
    """The failures that scopes would have prevented (for sure, or possibly)."""
    return [(call, failure) for call, failure in traffic.failures() if failure.lack_of_scope != "no"]


def covering_suggestion(
    traffic: Traffic, kb: KnowledgeBase, prefer: Prefer = "granular"
) -> Suggestion | None:
    """The scopes that would have covered every request that failed for lack of scope
    (``suggest``'s choice over their operations), or None when none did."""
    from scopelint.suggest.endpoints import merge_duplicates
    from scopelint.suggest.engine import suggest

    items = [
        EndpointInput(f"{call.method} {failure.url}", call.method, failure.url,
                      sources=(f"{failure.location.path}:{failure.location.line}",))
        for call, failure in scope_failures(traffic)
    ]
    if not items:
        return None
    return suggest(merge_duplicates(items), prefer, kb)
