"""SL010 refused-for-scope: a recorded request that Atlassian refused for lack of scope."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo, RuleOption
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL010",
    name="refused-for-scope",
    severity=Severity.ERROR,
    summary="A recorded request (HAR file or request log) that Atlassian refused for lack of scope.",
    explanation=(
        "Only recorded traffic has answers: `scopelint check --har session.har` (or `--log`) reads "
        "what an integration really sent and what Atlassian answered. A 401 'Unauthorized; scope "
        "does not match' means the token holds no whole scope alternative of the operation; a 404 "
        "'... does not exist or you do not have permission to see it' through the gateway often "
        "means the read scopes are missing (or the account cannot see the resource; reported as a "
        "warning). The finding sits on the request's URL in the recording and names the scope "
        "alternatives the operation accepts; `scopelint suggest --from-har session.har` gives the "
        "least-privilege token for the whole session."
    ),
    what_it_does=(
        "Reads recorded traffic (`check --har session.har` or `--log requests.log`) and reports each "
        "operation Atlassian refused for lack of scope: an error for 401 'Unauthorized; scope does "
        "not match', a warning for a 404 '... does not exist or you do not have permission to see "
        "it' through the gateway when no request to the same operation succeeded. The finding sits "
        "on the request's URL in the recording. Code is never reported by this rule."
    ),
    fix_notes=(
        "No fix: the scopes are those of a token that already exists. Create a new token with "
        "the scopes `scopelint suggest --from-har session.har` prints."
    ),
    options=(
        RuleOption("--har", "A HAR 1.2 file to read as recorded traffic (repeatable)."),
        RuleOption("--log", "A request log, one `METHOD URL [STATUS]` per line, or - (repeatable)."),
    ),
    references=(refs.API_TOKENS, refs.JIRA_SCOPES, refs.CONFLUENCE_SCOPES),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for resolved in ctx.calls:
        observed = resolved.observation
        if observed is None or not observed.refused:
            continue
        resolution = resolved.resolution
        op = resolution.operation
        method = op.method if op else (resolution.method or resolved.call.method or "GET")
        path = op.path if op else resolution.path
        times = f"{observed.refused} request{'s' if observed.refused != 1 else ''}"
        answer = f"{observed.status}" + (f' "{observed.message}"' if observed.message else "")
        verb = "was refused for lack of scope" if observed.certain else (
            "was refused, likely for lack of scope")
        message = f"{method} {path} {verb} ({times}, {answer})"
        if observed.because and not observed.certain:  # certain: the answer said it all
            message += f": {observed.because}"
        if op is not None and op.alternatives:
            accepted = "; ".join(
                f"{alt.kind} {' '.join(alt.scopes) or '(no scope)'}" for alt in op.alternatives
            )
            message += f"; it accepts {accepted}"
        yield INFO.finding(
            resolved.call.location,
            message,
            severity=INFO.severity if observed.certain else Severity.WARNING,
            endpoint=(method, path),
            identity=f"{method} {path} {observed.status}",
        )
