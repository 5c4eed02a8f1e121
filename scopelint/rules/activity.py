"""Was everything a declaration governs seen?  Rules that say a declared scope is *more* than
needed (SL003 for OAuth 2.0 apps, SL013) only speak when it was."""

from __future__ import annotations

from scopelint.model import ScopeDeclaration
from scopelint.rules.context import RuleContext


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
