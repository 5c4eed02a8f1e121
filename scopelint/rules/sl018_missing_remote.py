"""SL018 missing-remote: a Forge Remote call names a key the manifest's remotes do not have."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import table
from scopelint.model import Finding, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import uses_by_app

INFO = RuleInfo(
    code="SL018",
    name="missing-remote",
    severity=Severity.ERROR,
    summary="invokeRemote / requestRemote names a remote that the manifest's remotes: does not "
    "declare (or that lacks the operation the call needs).",
    what_it_does=(
        "Reads the remote key given to `invokeRemote(key, ...)` from @forge/api and "
        "`requestRemote(key, ...)` from @forge/bridge (a literal or a constant) and checks the "
        "nearest manifest.yml: remotes: must have an entry with that key, and for invokeRemote "
        "its operations must include compute. Keys that cannot be read are not reported."
    ),
    explanation=(
        "Forge resolves the key against the manifest at run time; an unknown key, or a remote "
        "without the compute operation, makes every call fail. forge lint reports the same for "
        "invokeRemote when the key is a literal."
    ),
    fix_notes=(
        "No fix: a remote needs its base URL and operations, which only the app's author knows."
    ),
    references=(refs.FORGE_REMOTES, refs.FORGE_PERMISSIONS),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    forge = table()
    for app, use in uses_by_app(ctx):
        if use.kind != "remote" or not use.target:
            continue
        row = forge.api(use.api)
        if row is None:
            continue
        remote = next((entry for entry in app.remotes if entry.value == use.target), None)
        call = use.name or row.key
        if remote is None:
            yield INFO.finding(
                use.location,
                f"{call}('{use.target}'): remotes: of {app.path} has no entry with key "
                f"{use.target}",
                identity=f"forge-remote {use.target}",
            )
            continue
        missing = [op for op in row.operations if op not in remote.operations]
        if missing:
            yield INFO.finding(
                use.location,
                f"{call}('{use.target}'): the remote {use.target} in {app.path} (line "
                f"{remote.line}) does not list the operation {', '.join(missing)}",
                identity=f"forge-remote-operation {use.target}",
            )
