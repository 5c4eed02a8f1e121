"""Plain-text and JSON views of an operation and its scope alternatives."""

from __future__ import annotations

from typing import Any

from scopelint.model import PRODUCT_TITLES, Operation


def operation_to_json(op: Operation) -> dict[str, Any]:
    return {
        "method": op.method,
        "path": op.path,
        "product": op.product,
        "operation_id": op.operation_id,
        "deprecated": op.deprecated,
        "connect_scope": op.connect_scope,
        "alternatives": [
            {"kind": alt.kind, "state": alt.state, "scopes": list(alt.scopes)}
            for alt in op.alternatives
        ],
    }


def operation_to_text(op: Operation) -> str:
    lines = [
        f"{op.method} {op.path}",
        f"  product:       {PRODUCT_TITLES.get(op.product, op.product)} ({op.product})",
        f"  operationId:   {op.operation_id or '-'}",
        f"  deprecated:    {'yes' if op.deprecated else 'no'}",
        f"  connect scope: {op.connect_scope or '-'}",
    ]
    if not op.alternatives:
        lines.append("  scopes:        none: not callable with OAuth 2.0 or a scoped API token")
        return "\n".join(lines)
    lines.append("  scopes (a token needs every scope of ONE of these alternatives):")
    for alt in op.alternatives:
        state = f", {alt.state}" if alt.state else ""
        if not alt.scopes:
            lines.append(f"    {alt.kind}{state}: no scope needed")
            continue
        lines.append(f"    {alt.kind}{state}:")
        lines.extend(f"      {scope}" for scope in alt.scopes)
    return "\n".join(lines)
