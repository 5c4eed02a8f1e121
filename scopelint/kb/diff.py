"""Compare two documents or tables: operations added, removed, newly deprecated, scope changes.

Operations are matched by method and path template with parameter names left out
(``/space/{spaceKey}`` and ``/space/{key}`` are one operation): Atlassian renames parameters
between versions of a document without changing the operation.  Tables are compared by their
current operations (what Atlassian publishes now), not by the history they keep.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scopelint.errors import DocumentError
from scopelint.kb.table import KnowledgeBase, load_table
from scopelint.model import Alternative, Operation


@dataclass(slots=True)
class ScopeChange:
    key: str  # "GET /rest/api/3/issue/{issueIdOrKey}"
    before: list[Alternative]
    after: list[Alternative]


@dataclass(slots=True)
class KbDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    newly_deprecated: list[str] = field(default_factory=list)
    scope_changes: list[ScopeChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.newly_deprecated or self.scope_changes)


def load_any(path: Path) -> KnowledgeBase:
    """A compiled table, or an OpenAPI document compiled on the fly (without validation)."""
    from scopelint.kb.build import build_table
    from scopelint.kb.table import table_from_json

    try:
        head = path.read_bytes()[:4096]
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b'"format"' in head and b'"operations"' in head and b'"openapi"' not in head:
        return load_table(path)
    built = build_table([str(path)], validate=False)
    return table_from_json(built.table, "document", path)


_PARAMETER = re.compile(r"\{[^{}/]*\}")


def template_key(method: str, path: str) -> str:
    """``GET /wiki/rest/api/space/{}``: an operation's identity across versions of a document."""
    return f"{method} {_PARAMETER.sub('{}', path)}"


def by_template(operations: Iterable[Operation]) -> dict[str, Operation]:
    """Operations keyed by :func:`template_key` (a second one with the same key keeps its path)."""
    keyed: dict[str, Operation] = {}
    for op in operations:
        key = template_key(op.method, op.path)
        keyed[op.key if key in keyed else key] = op
    return keyed


def _signature(op: Operation) -> frozenset[tuple[str, tuple[str, ...]]]:
    return frozenset((alt.kind, alt.scopes) for alt in op.alternatives)


def diff_operations(old: Iterable[Operation], new: Iterable[Operation]) -> KbDiff:
    """What changed from ``old`` to ``new``; keys are ``METHOD path`` of the side that has it
    (the newer one's for an operation in both)."""
    before = by_template(old)
    after = by_template(new)
    result = KbDiff()
    result.added = sorted(after[key].key for key in set(after) - set(before))
    result.removed = sorted(before[key].key for key in set(before) - set(after))
    for key in sorted(set(before) & set(after), key=lambda k: after[k].key):
        a, b = before[key], after[key]
        if b.deprecated and not a.deprecated:
            result.newly_deprecated.append(b.key)
        if _signature(a) != _signature(b):
            result.scope_changes.append(ScopeChange(b.key, list(a.alternatives), list(b.alternatives)))
    return result


def diff_tables(old: KnowledgeBase, new: KnowledgeBase) -> KbDiff:
    return diff_operations(old.current_operations, new.current_operations)


def diff_chain(versions: Sequence[KnowledgeBase]) -> list[KbDiff]:
    """One diff per step of a chain of versions, oldest first (``kb diff A B C``)."""
    return [diff_tables(a, b) for a, b in itertools.pairwise(versions)]


def diff_to_json(diff: KbDiff) -> dict[str, object]:
    def alts(items: list[Alternative]) -> list[dict[str, object]]:
        return [{"kind": a.kind, "state": a.state, "scopes": list(a.scopes)} for a in items]

    return {
        "added": diff.added,
        "removed": diff.removed,
        "newly_deprecated": diff.newly_deprecated,
        "scope_changes": [
            {"operation": c.key, "before": alts(c.before), "after": alts(c.after)}
            for c in diff.scope_changes
        ],
    }


def diff_to_text(diff: KbDiff) -> str:
    if diff.empty:
        return "No differences."
    lines = [
        f"{len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.newly_deprecated)} newly deprecated, {len(diff.scope_changes)} scope changes"
    ]
    for title, keys in (
        ("Added", diff.added),
        ("Removed", diff.removed),
        ("Newly deprecated", diff.newly_deprecated),
    ):
        if keys:
            lines.append(f"\n{title}:")
            lines.extend(f"  {key}" for key in keys)
    if diff.scope_changes:
        lines.append("\nScope changes:")
        for change in diff.scope_changes:
            lines.append(f"  {change.key}")
            old = {(a.kind, a.scopes) for a in change.before}
            new = {(a.kind, a.scopes) for a in change.after}
            for kind, scopes in sorted(old - new):
                lines.append(f"    - {kind}: {' '.join(scopes) or '(no scope needed)'}")
            for kind, scopes in sorted(new - old):
                lines.append(f"    + {kind}: {' '.join(scopes) or '(no scope needed)'}")
    return "\n".join(lines)
