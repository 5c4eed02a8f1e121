"""SL019 unused-forge-permission: an egress domain, image host or platform scope of a Forge
manifest that nothing in the app uses (least privilege)."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import AllowList, table
from scopelint.model import Finding, Fix, ForgeApp, Location, PlatformUse, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import (
    BACKEND_LIST,
    CLIENT_LIST,
    IMAGES_LIST,
    broken_lists,
    entries_of,
    everything_seen,
    host_of,
    list_name,
    uses_by_app,
)

INFO = RuleInfo(
    code="SL019",
    name="unused-forge-permission",
    severity=Severity.WARNING,
    summary="A Forge manifest permits egress, images or a platform scope that nothing in the "
    "app uses (least privilege).",
    what_it_does=(
        "Checks each entry of permissions.external.fetch.backend, .fetch.client and .images "
        "against the requests and images the app's code makes (backend code against the "
        "backend list, frontend code against the client list), and the platform scopes "
        "storage:app, send:app-notification:jira/confluence and report:personal-data against "
        "the platform APIs it calls. An entry nothing matches is reported. As for SL003, only "
        "when scopelint saw everything: the manifest's whole folder was checked, every file "
        "of it was read in full, and no request or image of that list has a URL whose host "
        "could not be read; `{remote: ...}` entries and Forge Remote scopes are never reported."
    ),
    explanation=(
        "Each egress domain is somewhere the app may send the site's data, and admins see the "
        "list when they install the app; each scope is access. One that nothing uses is risk "
        "without use, and it may block the app from data residency pinning."
    ),
    fix=FixAvailability.ALWAYS,
    fix_safety=FixSafety.UNSAFE,
    fix_notes=(
        "`--fix --unsafe-fixes` removes the entry or scope from the manifest. Unsafe: scopelint "
        "sees only the code it can read (a URL built at run time, a redirect from a product API "
        "to a download host, code outside this folder may still need it), and the app then "
        "fails at run time."
    ),
    references=(refs.FORGE_EGRESS, refs.FORGE_CSP_EGRESS, refs.FORGE_SCOPES),
)

_LISTS = (BACKEND_LIST, CLIENT_LIST, IMAGES_LIST)


def check(ctx: RuleContext) -> Iterator[Finding]:
    by_app: dict[str, list[PlatformUse]] = {}
    for app, use in uses_by_app(ctx):
        by_app.setdefault(app.path, []).append(use)
    for app in ctx.forge_apps:
        if not everything_seen(ctx, app):
            continue
        uses = by_app.get(app.path, [])
        yield from _unused_entries(app, uses)
        yield from _unused_scopes(app, uses)


def _unused_entries(app: ForgeApp, uses: list[PlatformUse]) -> Iterator[Finding]:
    broken = broken_lists(app)
    for dotted in _LISTS:
        if dotted in broken:
            continue
        hosts: list[tuple[str, str]] = []
        unreadable = False
        for use in uses:
            if use.kind not in ("fetch", "image") or list_name(app, use) != dotted:
                continue
            host = host_of(use)
            if host is None:
                unreadable = True
                break
            hosts.append(host)
        if unreadable:
            continue
        for entry in entries_of(app, dotted):
            if entry.remote:
                continue
            single = AllowList([entry.value])
            if any(single.allows(scheme, host) for scheme, host in hosts):
                continue
            yield INFO.finding(
                Location(app.path, entry.line, 1),
                f"{entry.value} is declared in {dotted} but no "
                f"{'image' if dotted == IMAGES_LIST else 'request'} of the app needs it",
                identity=f"forge-unused {dotted} {entry.value}",
                fix=Fix(
                    description=f"remove {entry.value} from {dotted} in {app.path}",
                    safe=False,
                    target=app.path,
                    remove_entries=((dotted, entry.value),),
                ),
            )


def _unused_scopes(app: ForgeApp, uses: list[PlatformUse]) -> Iterator[Finding]:
    forge = table()
    used: set[str] = set()
    for use in uses:
        row = forge.api(use.api) if use.kind == "api" else None
        if row is not None:
            for alternative in row.alternatives:
                used.update(alternative)
    for scope in app.scopes:
        if scope not in forge.platform_scopes or scope in used:
            continue
        line = app.scope_lines.get(scope) or app.lines.get("permissions") or 1
        yield INFO.finding(
            Location(app.path, line, 1),
            f"{scope} is declared but no code of the app uses the platform API that needs it",
            unused_scopes=(scope,),
            identity=f"forge-unused-scope {scope}",
            fix=Fix(
                description=f"remove {scope} from {app.path}",
                safe=False,
                target=app.path,
                remove_scopes=(scope,),
            ),
        )
