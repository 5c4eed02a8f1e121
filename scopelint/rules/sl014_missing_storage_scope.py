"""SL014 missing-storage-scope: a Forge app uses the storage API without ``storage:app``."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import table
from scopelint.model import Finding, Fix, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import uses_by_app

INFO = RuleInfo(
    code="SL014",
    name="missing-storage-scope",
    severity=Severity.ERROR,
    summary="Forge app storage is used but the manifest does not declare storage:app.",
    what_it_does=(
        "Finds every use of Forge app storage in the JavaScript/TypeScript of a Forge app: "
        "`kvs` from @forge/kvs (get, set, delete, query, entity queries), `storage` from "
        "@forge/api, and the @forge/storage client, imported with `import` or `require`, used "
        "directly, handed to a helper or re-exported (`export { storage } from '@forge/api'`, "
        "`module.exports = { storage }`). Each use is reported when the nearest manifest.yml "
        "above the file does not list storage:app under permissions.scopes."
    ),
    explanation=(
        "The Forge platform refuses every storage call of an app whose manifest lacks "
        "storage:app: the call fails at run time, on the site, after the deploy. forge lint "
        "only notices an import named `storage`; it misses @forge/kvs, require() and helpers "
        "in other files."
    ),
    fix=FixAvailability.ALWAYS,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` adds storage:app to permissions.scopes of the manifest, keeping its order, "
        "comments and layout. A Forge app whose scopes change needs a new deploy, and an admin "
        "approves the upgrade on each site."
    ),
    references=(refs.FORGE_SCOPES, refs.FORGE_STORAGE, refs.FORGE_PERMISSIONS),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    forge = table()
    for app, use in uses_by_app(ctx):
        if use.kind != "api" or not app.scopes_readable:
            continue
        row = forge.api(use.api)
        if row is None or row.kind != "storage":
            continue
        missing = row.needed(app.scopes)
        if not missing:
            continue
        yield INFO.finding(
            use.location,
            f"{use.name or row.key} uses {row.title}, which needs {', '.join(missing)}; "
            f"{app.path} does not declare it",
            missing_scopes=missing,
            identity=f"forge-storage {use.name or row.key}",
            fix=Fix(
                description=f"add {', '.join(missing)} to {app.path}",
                safe=True,
                target=app.path,
                add_scopes=missing,
            ),
        )
