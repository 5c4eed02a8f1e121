"""Plain-text and JSON views of an operation, its scope alternatives, and its retirement."""

from __future__ import annotations

from typing import Any

from scopelint.model import PRODUCT_TITLES, Alternative, Operation, Removal


def alternatives_text(alternatives: tuple[Alternative, ...]) -> str:
    """``read:jira-work (classic) or read:issue:jira, read:user:jira (granular)``."""
    if not alternatives:
        return "none (not callable with OAuth 2.0 or a scoped API token)"
    parts = [f"{', '.join(alt.scopes) or 'no scope'} ({alt.kind})" for alt in alternatives]
    return " or ".join(parts)


def retirement_text(removal: Removal) -> str:
    """What happened to a retired operation, without its replacement: ``dropped from
    Atlassian's confluence-v1 document (last seen in its version 1.0.0 of 2024-02-04)``,
    ``removed by Atlassian on 2025-08-01 (CHANGE-2046, ...)``, or both."""
    parts: list[str] = []
    if removal.removed_on:
        parts.append(f"removed by Atlassian on {removal.removed_on} ({removal.notice})")
    if removal.dropped:
        seen = f"version {removal.last_version}" if removal.last_version else "version"
        if removal.last_seen:
            seen += f" of {removal.last_seen}"
        parts.append(f"dropped from Atlassian's {removal.dropped_from} document (last seen in its {seen})")
    if not parts:
        parts.append(f"retired by Atlassian ({removal.notice})" if removal.notice else "retired by Atlassian")
    return "; ".join(parts)


def replacement_text(removal: Removal, replacement: Operation | None) -> str:
    """``use GET /wiki/api/v2/spaces (read:space:confluence (granular))``, or why none is named."""
    if not removal.replacement:
        return "no replacement is known"
    scopes = f" ({alternatives_text(replacement.alternatives)})" if replacement is not None else ""
    return f"use {removal.replacement}{scopes}"


def retired_line(removal: Removal, replacement: Operation | None) -> str:
    """``GET /x was removed by Atlassian on ... ; use GET /y (its scopes)``: one line."""
    return (
        f"{removal.method} {removal.path} was {retirement_text(removal)}; "
        f"{replacement_text(removal, replacement)}"
    )


def operation_to_json(
    op: Operation,
    removal: Removal | None = None,
    replacement: Operation | None = None,
    note: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """The operation's facts; ``retired`` and ``note`` are null unless it has them."""
    return {
        "method": op.method,
        "path": op.path,
        "product": op.product,
        "operation_id": op.operation_id,
        "deprecated": op.deprecated,
        "connect_scope": op.connect_scope,
        "alternatives": [_alternative_json(alt) for alt in op.alternatives],
        "retired": None if removal is None else removal_to_json(removal, replacement),
        "note": None if note is None else {"text": note[0], "source": note[1]},
    }


def removal_to_json(removal: Removal, replacement: Operation | None) -> dict[str, Any]:
    return {
        "dropped_from": removal.dropped_from or None,
        "last_seen": removal.last_seen or None,
        "last_version": removal.last_version or None,
        "removed_on": removal.removed_on or None,
        "replacement": removal.replacement or None,
        "replacement_alternatives": None
        if replacement is None
        else [_alternative_json(alt) for alt in replacement.alternatives],
        "notice": removal.notice or None,
        "source": removal.source or None,
    }


def _alternative_json(alt: Alternative) -> dict[str, Any]:
    return {"kind": alt.kind, "state": alt.state, "scopes": list(alt.scopes)}


def operation_to_text(
    op: Operation,
    removal: Removal | None = None,
    replacement: Operation | None = None,
    note: tuple[str, str] | None = None,
) -> str:
    lines = [
        f"{op.method} {op.path}",
        f"  product:       {PRODUCT_TITLES.get(op.product, op.product)} ({op.product})",
        f"  operationId:   {op.operation_id or '-'}",
        f"  deprecated:    {'yes' if op.deprecated else 'no'}",
    ]
    if removal is not None:
        lines.append(f"  retired:       {retirement_text(removal)}")
        lines.append(f"  instead:       {replacement_text(removal, replacement)}")
        if removal.dropped and removal.notice and not removal.removed_on:
            lines.append(f"  why:           {removal.notice}")
        if removal.source:
            lines.append(f"  source:        {removal.source}")
    if note is not None:
        lines.append(f"  note:          {note[0]}")
        lines.append(f"  source:        {note[1]}")
    lines.append(f"  connect scope: {op.connect_scope or '-'}")
    if not op.alternatives:
        lines.append("  scopes:        none: not callable with OAuth 2.0 or a scoped API token")
        return "\n".join(lines)
    last = "the last documented scopes; " if removal is not None and removal.dropped else ""
    lines.append(f"  scopes ({last}a token needs every scope of ONE of these alternatives):")
    for alt in op.alternatives:
        state = f", {alt.state}" if alt.state else ""
        if not alt.scopes:
            lines.append(f"    {alt.kind}{state}: no scope needed")
            continue
        lines.append(f"    {alt.kind}{state}:")
        lines.extend(f"      {scope}" for scope in alt.scopes)
    return "\n".join(lines)
