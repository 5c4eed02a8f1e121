"""SL005 unknown-endpoint: a path under a known REST prefix that matches no operation."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL005",
    name="unknown-endpoint",
    severity=Severity.WARNING,
    summary="A call under a known REST prefix that matches no operation in Atlassian's documents.",
    what_it_does=(
        "Checks calls whose path is under a known REST prefix (such as /rest/api/3 or "
        "/wiki/api/v2) and reports those that match no operation of Atlassian's documents, or "
        "that use a method the path does not have. The message names the nearest known "
        "operations. A path whose end cannot be read (a variable right after the API base) and "
        "an elided example (/rest/api/3/...) are not reported."
    ),
    explanation=(
        "A typo, an endpoint of another API version, an internal or undocumented endpoint, or a "
        "method the path does not support. Nobody can say which scopes it needs, and it may "
        "not exist at all. Under /rest/<name>/latest (one version: /rest/api/latest is version "
        "2) the message names the version that has the operation."
    ),
    fix_notes="Only a person knows which operation was meant; the message lists the nearest.",
    references=(refs.JIRA_REST_V3, refs.CONFLUENCE_REST_V2, refs.BITBUCKET_REST),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        resolution = resolved.resolution
        if resolved.call.kind != "call" or resolution.operation is not None:
            continue
        if resolution.product is None:
            continue  # not under a known REST prefix
        if _unknowable(resolution.path, ctx):
            continue
        method = resolution.method
        if method is not None and ctx.kb.removal(method, resolution.path) is not None:
            continue  # SL004 says it better
        from scopelint.kb.unknown import unknown_endpoint  # only once an endpoint is unknown

        if resolution.candidates:
            if method is None:
                continue  # a known path with an unknown method: nothing to say
            message = unknown_endpoint(ctx.kb, resolution).message
        else:
            if ctx.kb.router.is_prefix(resolution.path):
                continue  # a base path such as /rest/api/3, joined with more later
            unknown = unknown_endpoint(ctx.kb, resolution)
            message = unknown.message
            if unknown.nearest and not unknown.why:
                message += "; nearest: " + "; ".join(f"{op.method} {op.path}" for op in unknown.nearest)
        yield INFO.finding(
            resolved.call.location,
            message,
            endpoint=(method, resolution.path),
            identity=f"{method} {resolution.path}",
        )


def _unknowable(path: str, ctx: RuleContext) -> bool:
    """A path whose end scopelint cannot know: an expression right after an API base
    (``"/rest/api/2/" + rest`` may stand for several segments), or an elided example
    (``/rest/api/3/...``).  ``/rest/api/3/isue/{key}`` is still reported."""
    if "..." in path:
        return True
    trimmed = path.rstrip("/")
    if not trimmed.endswith("}"):
        return False
    start = trimmed.rfind("{")
    base = trimmed[:start].rstrip("/")
    return bool(base) and "/" not in trimmed[start:] and ctx.kb.router.is_prefix(base)
