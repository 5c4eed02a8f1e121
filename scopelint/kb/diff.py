"""Compare two documents or tables: operations added, removed, newly deprecated, scope changes."""

from __future__ import annotations

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


def _signature(op: Operation) -> frozenset[tuple[str, tuple[str, ...]]]:
    return frozenset((alt.kind, alt.scopes) for alt in op.alternatives)


def diff_tables(old: KnowledgeBase, new: KnowledgeBase) -> KbDiff:
    before = {op.key: op for op in old.operations}
    after = {op.key: op for op in new.operations}
    result = KbDiff()
    result.added = sorted(set(after) - set(before))
    result.removed = sorted(set(before) - set(after))
    for key in sorted(set(before) & set(after)):
        a, b = before[key], after[key]
        if b.deprecated and not a.deprecated:
            result.newly_deprecated.append(key)
        if _signature(a) != _signature(b):
            result.scope_changes.append(ScopeChange(key, list(a.alternatives), list(b.alternatives)))
    return result


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
