"""Output of an explanation: text for people, JSON for tools; credentials never in full."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from scopelint.common.redact import scrub
from scopelint.explain.engine import Explanation


def redact_secrets(text: str) -> str:
    """``text`` with every credential cut to a short prefix (never printed in full).

    What was pasted comes from a real request, so every ``Authorization`` value counts.
    """
    return scrub(text, every_header_value=True)


def to_json_data(explanation: Explanation) -> dict[str, Any]:
    request = explanation.request
    return {
        "matched": [
            {
                "id": m.pattern.id,
                "title": m.title,
                "evidence": m.evidence,
                # the causes, those the checks on --url confirmed first; the ones they exclude apart
                "causes": m.causes,
                "ruled_out": m.ruled_out,
                "what_to_check": m.what_to_check,
                "facts": m.extra,
                "confirmed": m.confirmed,
            }
            for m in explanation.matched
        ],
        "checks": [
            {"id": c.id, "status": c.status, "message": c.message, "details": list(c.details)}
            for c in explanation.checks
        ],
        "status": explanation.pasted.status,
        "messages": explanation.pasted.messages,
        "request": None if request is None else {
            "method": request.method,
            "url": request.url,
            **({} if request.scopes is None else {"scopes": list(request.scopes)}),
        },
        # --scopes: the token's scopes against the request's operation (null without them)
        "token_scopes": None if explanation.token is None else explanation.token.to_json(),
    }


def render_json(explanation: Explanation) -> str:
    return redact_secrets(json.dumps(to_json_data(explanation), indent=2, ensure_ascii=False))


def render_text(explanation: Explanation) -> str:
    pasted = explanation.pasted
    lines: list[str] = []
    for message in pasted.messages[:5]:
        shown = message if len(message) <= 300 else message[:300] + "…"
        lines.append(f"Message: {shown}")
    if pasted.status is not None:
        lines.append(f"Status:  {pasted.status}")
    if lines:
        lines.append("")
    if explanation.matched:
        lines.append("Likely causes, most likely first:" if len(explanation.matched) > 1
                     else "Likely cause:")
        for number, match in enumerate(explanation.matched, 1):
            lines += ["", f"{number}. {match.title}"]
            lines.append("   Recognised because " + "; ".join(match.evidence) + ".")
            lines.append("   Why it happens:")
            lines.extend(f"   - {cause}" for cause in match.causes)
            lines.extend(f"   Not the cause here: {reason}." for reason in match.ruled_out)
            lines.extend(f"   * {fact}" for fact in match.extra)
            lines.append("   What to check:")
            lines.extend(f"   - {item}" for item in match.what_to_check)
    else:
        lines.append("No known error pattern matched this message.")
        lines.append("Check the scopes of the endpoint (`scopelint scopes METHOD URL`) and that a "
                     "scoped token goes through https://api.atlassian.com/ex/jira/{cloudId}/...")
    if explanation.request is not None:
        request = explanation.request
        lines += ["", f"Checks for {request.method} {request.url}:"]
        for check in explanation.checks:
            lines.append(f"  [{check.status}] {check.message}")
            lines.extend(f"      {detail}" for detail in check.details)
    return redact_secrets("\n".join(lines))


# format name -> renderer; the CLI's --format choices come from here.
RENDERERS: dict[str, Callable[[Explanation], str]] = {"text": render_text, "json": render_json}
FORMATS: tuple[str, ...] = tuple(RENDERERS)
