"""Resolve endpoint inputs against the knowledge base and choose their scopes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scopelint.kb.table import KnowledgeBase
from scopelint.kb.unknown import unknown_endpoint
from scopelint.model import Operation
from scopelint.suggest.endpoints import EndpointInput
from scopelint.suggest.result import EndpointResult, Suggestion, collect_reasons
from scopelint.suggest.selection import Prefer, select


def resolve_input(kb: KnowledgeBase, item: EndpointInput) -> EndpointResult:
    """What one input is: a known operation (and its state), or unknown with its neighbours."""
    base = EndpointResult(item.input, item.method, item.url, "unknown", sources=item.sources)
    if item.error is not None:
        nearest = tuple(kb.nearest(item.method, item.url)) if "/" in item.url else ()
        return replace(base, nearest=nearest, problem=item.error)
    resolution = kb.resolve(item.method, item.url)
    op = resolution.operation
    method = item.method or (op.method if op else "GET")
    base = replace(base, method=method, product=resolution.product)
    if op is None:
        removal = kb.removal(method, resolution.path)
        if removal is not None:  # removed and gone from the documents too
            return replace(
                base, status="removed", template=removal.path, removal=removal,
                scoped_operation=_replacement(kb, removal.replacement),
            )
        unknown = unknown_endpoint(kb, resolution, method)
        return replace(base, nearest=unknown.nearest, problem=unknown.message)
    known = replace(base, product=op.product, template=op.path, operation=op)
    removal = kb.removal(op.method, op.path)
    if removal is not None:
        replacement = _replacement(kb, removal.replacement)
        return replace(
            known, status="removed" if removal.removed_on or not removal.dropped else "dropped",
            removal=removal, scoped_operation=replacement if replacement is not None else op,
        )
    if not op.alternatives:
        return replace(known, status="no-scoped-access")
    return replace(known, status="ok", scoped_operation=op)


def _replacement(kb: KnowledgeBase, replacement: str) -> Operation | None:
    method, _, path = replacement.partition(" ")
    return kb.operation(method, path.strip()) if path else None


def suggest(
    items: Sequence[EndpointInput], prefer: Prefer, kb: KnowledgeBase | None = None
) -> Suggestion:
    if kb is None:
        from scopelint.kb.table import load_default

        kb = load_default()
    resolved = [resolve_input(kb, item) for item in items]
    to_choose = [
        (index, entry.scoped_operation)
        for index, entry in enumerate(resolved)
        if entry.scoped_operation is not None and entry.scoped_operation.alternatives
    ]
    selection = select([op for _index, op in to_choose], prefer)
    for (index, _op), alternative in zip(to_choose, selection.chosen, strict=True):
        resolved[index] = replace(resolved[index], chosen=alternative)
    reasons, kinds = collect_reasons(resolved)
    return Suggestion(
        prefer=prefer, endpoints=resolved, exact=selection.exact, note=selection.note,
        kb_version=kb.describe(), reasons=reasons, kinds=kinds,
    )
