"""SL008 hardcoded-api-token: an Atlassian API token literal in the code."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL008",
    name="hardcoded-api-token",
    severity=Severity.ERROR,
    summary="An API token written into a file (shown redacted).",
    what_it_does=(
        "Reports Atlassian API tokens (ATATT..., ATCTT...) and the values of Authorization: "
        "Basic / Bearer headers written into any file scopelint reads, documentation included. "
        "scopelint never prints more than a short prefix of a token and its length."
    ),
    explanation=(
        "A token in the repository is a token anyone with read access can use, for as long as "
        "it lives in the history. Revoke it at id.atlassian.com, then read it from the "
        "environment or a secret store."
    ),
    fix_notes=(
        "Deleting the literal neither revokes the token nor removes it from the "
        "history; revoke it first."
    ),
    references=(refs.API_TOKENS, refs.BASIC_AUTH),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for hit in ctx.secrets:
        yield INFO.finding(
            hit.location,
            f"{hit.kind} in the file: {hit.redacted}; revoke it and load it from the environment",
            identity=f"{hit.kind}:{hit.redacted}",
        )
