"""SL011 unreadable-declaration: a file that declares scopes but cannot be read."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext

INFO = RuleInfo(
    code="SL011",
    name="unreadable-declaration",
    severity=Severity.ERROR,
    summary="A Forge manifest, Connect descriptor or scopelint configuration that cannot be read.",
    what_it_does=(
        "Reports a manifest.yml, atlassian-connect.json, .scopelint.toml/.yaml or "
        "[tool.scopelint] table that scopelint cannot read: invalid YAML, JSON or TOML, or "
        "scopes that are not a list of strings. The finding is at the place the parser "
        "names. The configuration a run itself is configured by (the one found from the "
        "working directory, or --config) is not a finding: a run it cannot read stops with "
        "exit 2, because its rules and paths are unknown."
    ),
    explanation=(
        "The scopes of a declaration nobody can read are checked by nobody: the calls it "
        "governs fall back to a declaration further up, or to none, so missing and unused "
        "scopes go unreported and the check passes. Forge (forge deploy) and Connect (the "
        "installation) reject the same file, so the app cannot ship either."
    ),
    fix_notes="scopelint cannot guess what the file was meant to say.",
    references=(refs.FORGE_PERMISSIONS, refs.CONNECT_SCOPES),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for problem in ctx.unreadable:
        yield INFO.finding(
            problem.location,
            f"{problem.kind} cannot be read: {problem.reason}; the scopes it declares are not "
            "checked",
            identity=problem.kind,
        )
