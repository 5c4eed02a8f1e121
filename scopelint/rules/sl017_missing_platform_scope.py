"""SL017 missing-platform-scope: a Forge platform API whose scopes the manifest lacks."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import table
from scopelint.model import Finding, Fix, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import uses_by_app

INFO = RuleInfo(
    code="SL017",
    name="missing-platform-scope",
    severity=Severity.ERROR,
    summary="A Forge platform API (notifications, UI Kit property hooks, user privacy) is used "
    "without the scopes it needs.",
    what_it_does=(
        "Finds the Forge platform APIs that need scopes besides storage in the JavaScript/"
        "TypeScript of a Forge app: the notification API (NotificationApi: "
        "send:app-notification:jira or send:app-notification:confluence, by the app's product), "
        "the UI Kit hooks useContentProperty (read:page:confluence and write:page:confluence), "
        "useSpaceProperty (read:space:confluence and write:space:confluence) and "
        "useIssueProperty (read:jira-work and write:jira-work, or read:issue.property:jira), "
        "and privacy.reportPersonalData from @forge/api (report:personal-data). Each use is "
        "reported when the nearest manifest.yml above the file declares no whole set."
    ),
    explanation=(
        "These APIs call Atlassian on the app's behalf with the app's scopes: without them "
        "the hook or the call fails at run time on the site. The requirements are data "
        "(scopelint/kb/forge_permissions.toml, one row per API with its source)."
    ),
    fix=FixAvailability.ALWAYS,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` adds the missing scopes of the closest set to permissions.scopes (for the "
        "notification API, the scope of the app's product). An admin approves the upgrade "
        "on each site."
    ),
    references=(refs.FORGE_SCOPES, refs.FORGE_PERMISSIONS, refs.JIRA_SCOPES, refs.CONFLUENCE_SCOPES),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    forge = table()
    for app, use in uses_by_app(ctx):
        if use.kind != "api" or not app.scopes_readable:
            continue
        row = forge.api(use.api)
        if row is None or row.kind != "scope":
            continue
        missing = row.needed(app.scopes, app.products)
        if not missing:
            continue
        by_product = any(product in row.by_product for product in app.products)
        others = [] if by_product else [alt for alt in row.alternatives if not set(missing) <= set(alt)]
        name = use.name or row.key
        subject = row.title if name in row.title else f"{name} ({row.title})"
        message = f"{subject} needs {', '.join(missing)}"
        if others and len(row.alternatives) > 1:
            message += "; or " + "; or ".join(" + ".join(alt) for alt in others)
        yield INFO.finding(
            use.location,
            f"{message}; {app.path} does not declare it",
            missing_scopes=missing,
            identity=f"forge-api {row.key}",
            fix=Fix(
                description=f"add {', '.join(missing)} to {app.path}",
                safe=True,
                target=app.path,
                add_scopes=missing,
            ),
        )
