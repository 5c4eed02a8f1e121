"""`scopelint calls --har/--log`: the recorded traffic as an inventory, in text or JSON.

Text: one line per observed call (``file:line:column: METHOD URL -> METHOD template (N
requests: 200 ×2, 404 ×1)``), then the failed requests with Atlassian's message and why they
failed, then the scopes that would have covered those that failed for lack of scope.

JSON (an object)::

    {"recordings": [{"path", "entries", "api_requests", "other_atlassian_requests",
                     "other_requests"}],
     "calls": [{"path", "line", "column", "method", "url", "endpoint", "product",
                "operation_id", "kind" ("api" | "identity"), "host", "host_kind", "requests",
                "statuses" {"200": 2, "none": 1}, "entries" [first ten], "auth" {"token": 2}}],
     "failures": [{"path", "line", "column", "method", "url", "endpoint", "status", "requests",
                   "entries", "message", "cause", "because", "lack_of_scope" ("yes"|"maybe")}],
     "scopes_for_failures": {"prefer", "scopes", "by_product", "endpoints"} | null,
     "summary": {"requests", "calls", "failed", "failed_for_lack_of_scope"}}

Everything in it is already safe (see ``records``); the caller scrubs the text once more.
"""

from __future__ import annotations

import json
from typing import Any

from scopelint.model import PRODUCT_TITLES
from scopelint.observe.session import Failure, ObservedCall, Traffic
from scopelint.suggest.result import Suggestion


def _statuses(call: ObservedCall) -> str:
    parts = []
    for status, count in sorted(call.statuses.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        label = "no answer" if status is None else str(status)
        parts.append(label if count == 1 else f"{label} ×{count}")
    return ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _target(call: ObservedCall) -> str:
    if call.kind == "identity":
        return "identity (OAuth 2.0 authorization server; no scope)"
    resolution = call.resolution
    op = resolution.operation if resolution is not None else None
    if op is None:
        return "(no known operation)"
    title = PRODUCT_TITLES.get(op.product, op.product)
    return f"{op.key} ({title}{', ' + op.operation_id if op.operation_id else ''})"


def render_text(traffic: Traffic, suggestion: Suggestion | None) -> str:
    lines: list[str] = []
    for call in traffic.calls:
        where = f"{call.location.path}:{call.location.line}:{call.location.column}"
        lines.append(f"{where}: {call.method} {call.url}  -> {_target(call)}  "
                     f"[{_plural(call.count, 'request')}: {_statuses(call)}]")
    failures = list(traffic.failures())
    if failures:
        lines += ["", f"Failed requests ({sum(f.count for _c, f in failures)}):"]
        for call, failure in failures:
            lines += _failure_lines(call, failure)
    if suggestion is not None:
        lines += ["", "Scopes that would have covered every request that failed for lack of scope "
                      "(least privilege):" if suggestion.prefer == "granular" else
                      f"Scopes that would have covered every request that failed for lack of scope "
                      f"({suggestion.prefer}):"]
        for product, names in suggestion.by_product.items():
            lines.append(f"  {PRODUCT_TITLES.get(product, product)}: {' '.join(names)}")
        if not suggestion.by_product:
            lines.append("  (none known: see the failures above)")
    lines += ["", _summary_line(traffic)]
    return "\n".join(lines)


def _failure_lines(call: ObservedCall, failure: Failure) -> list[str]:
    where = f"{failure.location.path}:{failure.location.line}:{failure.location.column}"
    times = f" ({_plural(failure.count, 'request')})" if failure.count > 1 else ""
    message = f' "{failure.message}"' if failure.message else ""
    lines = [f"  {where}: {call.method} {failure.url} -> {failure.status}{times}{message}"]
    if failure.because:
        lines.append(f"      this request failed because {failure.because}")
    elif failure.status in (401, 403, 404, 410):
        lines.append("      no known Atlassian error pattern matched this answer "
                     "(`scopelint explain-error` has the catalogue)")
    return lines


def _summary_line(traffic: Traffic) -> str:
    requests = traffic.requests
    failures = list(traffic.failures())
    failed = sum(f.count for _c, f in failures)
    for_scope = sum(f.count for _c, f in failures if f.lack_of_scope != "no")
    entries = sum(r.entries for r in traffic.recordings)
    other = sum(r.other_atlassian for r in traffic.recordings)
    text = (f"{_plural(requests, 'request')} to Atlassian APIs ({_plural(len(traffic.calls), 'call')}) "
            f"in {_plural(len(traffic.recordings), 'recording')} of {_plural(entries, 'entry')}"
            .replace("entrys", "entries"))
    if other:
        text += f"; {other} more to Atlassian web pages and assets, not listed"
    text += f"; {failed} failed"
    if for_scope:
        text += f", {for_scope} for lack of scope"
    return text + "."


def _call_json(call: ObservedCall) -> dict[str, Any]:
    resolution = call.resolution
    op = resolution.operation if resolution is not None else None
    return {
        "path": call.location.path,
        "line": call.location.line,
        "column": call.location.column,
        "method": call.method,
        "url": call.url,
        "endpoint": op.path if op is not None else None,
        "product": resolution.product if resolution is not None else None,
        "operation_id": op.operation_id if op is not None else None,
        "kind": call.kind,
        "host": call.host,
        "host_kind": resolution.host_kind if resolution is not None else "identity",
        "requests": call.count,
        "statuses": {("none" if s is None else str(s)): n for s, n in sorted(
            call.statuses.items(), key=lambda item: (item[0] is None, item[0] or 0))},
        "entries": list(call.entries),
        "auth": dict(sorted(call.auth.items())),
    }


def _failure_json(call: ObservedCall, failure: Failure) -> dict[str, Any]:
    op = call.resolution.operation if call.resolution is not None else None
    return {
        "path": failure.location.path,
        "line": failure.location.line,
        "column": failure.location.column,
        "method": call.method,
        "url": failure.url,
        "endpoint": op.path if op is not None else None,
        "status": failure.status,
        "requests": failure.count,
        "entries": list(failure.entries),
        "message": failure.message,
        "cause": failure.cause,
        "because": failure.because,
        "lack_of_scope": failure.lack_of_scope,
    }


def to_json_data(traffic: Traffic, suggestion: Suggestion | None) -> dict[str, Any]:
    failures = list(traffic.failures())
    return {
        "recordings": [
            {"path": r.path, "entries": r.entries, "api_requests": r.api_requests,
             "other_atlassian_requests": r.other_atlassian, "other_requests": r.other}
            for r in traffic.recordings
        ],
        "calls": [_call_json(call) for call in traffic.calls],
        "failures": [_failure_json(call, failure) for call, failure in failures],
        "scopes_for_failures": None if suggestion is None else {
            "prefer": suggestion.prefer,
            "scopes": suggestion.scopes,
            "by_product": suggestion.by_product,
            "endpoints": [e.key for e in suggestion.endpoints],
        },
        "summary": {
            "requests": traffic.requests,
            "calls": len(traffic.calls),
            "failed": sum(f.count for _c, f in failures),
            "failed_for_lack_of_scope": sum(f.count for _c, f in failures if f.lack_of_scope != "no"),
        },
    }


def render_json(traffic: Traffic, suggestion: Suggestion | None) -> str:
    return json.dumps(to_json_data(traffic, suggestion), indent=2, ensure_ascii=False)
