"""Atlassian activity scopelint saw but could not resolve to an operation.

"A declared scope is unused" is only true when every request the declaration governs is known.
A request whose operation scopelint could not determine may need any scope, so for its
declaration the unused-scope check (SL003, and any rule that would remove a scope) must not
run.  Unresolved activity is:

* a call whose operation is unknown: a URL only partly readable, a method that cannot be
  known, a path no OpenAPI document has, an SDK method the SDK tables do not list (``via``
  set and ``resolved`` False);
* a client whose base URL is an Atlassian host (a ``base-url`` site made by a client factory
  or an SDK constructor, ``via`` set), or a product's REST base code builds for requests
  (``https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3``; not a settings value), none of
  whose calls scopelint could read: no call's
  URL was built from the place its base is written, and, for an SDK client, no call under
  the same declaration goes through a method of its class (``atlassian.Jira.issue`` for a
  client made by ``atlassian.Jira``): a client exported to code scopelint cannot follow.

Rules that say a declared scope is *more* than needed (SL003, SL013) only speak when
everything the declaration governs was seen: :func:`unresolved_activity` (with the note the
report shows, :func:`describe`), :func:`unresolved_under` and :func:`governs_calls` (an OAuth
2.0 app's scope settings with no call under them configure something scopelint does not see).
"""

from __future__ import annotations

from collections.abc import Iterable

from scopelint.model import Location, ScopeDeclaration
from scopelint.rules.context import ResolvedCall, RuleContext


def is_unresolved_call(resolved: ResolvedCall) -> bool:
    """A call (not a base URL) whose operation scopelint does not know: a URL not read whole,
    a path no document has, a method that cannot be known where the path has several, or an
    SDK method the tables do not list (its URL is ``{}``)."""
    return resolved.call.kind == "call" and resolved.resolution.operation is None


def unresolved_activity(calls: Iterable[ResolvedCall]) -> dict[int, list[ResolvedCall]]:
    """``id(declaration)`` -> the unresolved activity it governs (see the module docstring)."""
    every = list(calls)
    found: dict[int, list[ResolvedCall]] = {}
    used_bases: set[tuple[str, int, int]] = set()
    sdk_methods: set[tuple[int, str]] = set()  # (declaration, "atlassian.Jira") with a call
    for resolved in every:
        call = resolved.call
        if call.kind == "call":
            used_bases.update(_places(call.related))
            if call.sdk is not None and call.via is not None:
                owner = call.via
                while "." in owner:
                    owner = owner.rsplit(".", 1)[0]
                    sdk_methods.add((id(resolved.declaration), owner))
    for resolved in every:
        if resolved.declaration is None:
            continue
        call = resolved.call
        unread_client = (
            call.kind == "base-url"
            and (call.via is not None or (call.extractor not in _SETTINGS and _is_rest_base(call.url)))
            and not (_places((call.location, *call.related)) & used_bases)
            and not (call.sdk is not None and (id(resolved.declaration), call.via) in sdk_methods)
        )
        if is_unresolved_call(resolved) or unread_client:
            found.setdefault(id(resolved.declaration), []).append(resolved)
    return found


# Extractors of settings and request files: a base there configures a tool or a request file's
# own requests, it is not a base code built for requests scopelint could not see.
_SETTINGS = frozenset({"config", "text", "ci", "http-file", "postman"})


def _is_rest_base(url: str) -> bool:
    """A product's REST base (``.../ex/jira/{cloudId}/rest/api/3``): built for requests."""
    from scopelint.scanning.urls import is_rest_base_path, split_url

    return is_rest_base_path(split_url(url)[1])


def _places(locations: Iterable[Location]) -> set[tuple[str, int, int]]:
    return {(loc.path, loc.line, loc.column) for loc in locations}


def describe(unresolved: list[ResolvedCall]) -> str:
    """``3 calls to Atlassian could not be resolved``; then the clients (``via`` set) and REST
    bases whose calls could not be read: ``the calls of 1 Atlassian client could not be read``,
    ``the calls through 1 Atlassian REST base could not be read``."""
    calls = sum(1 for r in unresolved if r.call.kind == "call")
    clients = sum(1 for r in unresolved if r.call.kind != "call" and r.call.via is not None)
    bases = len(unresolved) - calls - clients
    parts = []
    if calls:
        parts.append(f"{calls} call{'s' if calls != 1 else ''} to Atlassian could not be resolved")
    if clients:
        word = f"{clients} Atlassian client{'s' if clients != 1 else ''}"
        parts.append(f"the calls of {word} could not be read")
    if bases:
        parts.append(f"the calls through {bases} Atlassian REST base{'s' if bases != 1 else ''} "
                     "could not be read")
    return "; ".join(parts)


def unresolved_under(ctx: RuleContext, declaration: ScopeDeclaration) -> bool:
    """Does ``declaration`` govern a call that was not fully read: part of its URL unknown
    (``CallSite.resolved`` False), its method unknown, or no operation matched?  Such a call
    may need any scope, so no declared scope can be called unneeded."""
    for resolved in ctx.calls:
        if resolved.declaration is not declaration or resolved.call.kind != "call":
            continue
        call = resolved.call
        if not call.resolved or call.method is None or resolved.resolution.operation is None:
            return True
    return False


def governs_calls(ctx: RuleContext, declaration: ScopeDeclaration) -> bool:
    """Does ``declaration`` govern at least one call found?  (A scope setting with no call under
    it configures something scopelint does not see: a tool, an app in another repository.)"""
    return any(
        resolved.declaration is declaration and resolved.call.kind == "call"
        for resolved in ctx.calls
    )
