"""SL015 undeclared-egress: a Forge app requests a host its manifest does not list for egress."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import suggested_entry
from scopelint.model import Finding, Fix, Location, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import (
    BACKEND_LIST,
    IMAGES_LIST,
    allow_list,
    broken_lists,
    host_of,
    list_name,
    unreferenced_remote,
    uses_by_app,
)

INFO = RuleInfo(
    code="SL015",
    name="undeclared-egress",
    severity=Severity.ERROR,
    summary="A Forge app fetches from a domain its manifest does not list under "
    "permissions.external.fetch.",
    what_it_does=(
        "Finds every request a Forge app's JavaScript/TypeScript makes to an absolute URL "
        "(`fetch` from @forge/api or the global one, axios, got, ky, node-fetch, Node's https, "
        "and project helpers that pass a URL on to them) and checks its scheme and host against "
        "the nearest manifest.yml: backend code against permissions.external.fetch.backend "
        "(with the base URLs of the `remotes:` it names as `{remote: key}`), frontend code "
        "(Custom UI under static/ or a resource folder, UI Kit, anything importing "
        "@forge/bridge or @forge/react) against "
        "permissions.external.fetch.client. Entries match as Forge matches them: no scheme "
        "means https, `*.example.com` covers every subdomain but not example.com, `*` allows "
        "everything. Product calls (requestJira, requestConfluence, requestBitbucket, "
        "requestGraph) need no entry. Also reports, once, a permissions.external section "
        "of the wrong shape."
    ),
    explanation=(
        "Forge blocks egress to domains the manifest does not list: a backend fetch gets a "
        "403 response (not an exception, so code that ignores `res.ok` reads the denial as "
        "data), a frontend request is refused by the page's Content Security Policy. The "
        "message names the exact domain to add."
    ),
    fix=FixAvailability.SOMETIMES,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` adds the host to the list the request needs (the bare host for https, as "
        "Atlassian's examples write it; the scheme otherwise), as `- address: host` when the "
        "list's entries are written so (Forge CLI 13.3 deprecates plain strings there), "
        "creating the list when the manifest has none, and keeping comments, order and the "
        "other entries. A manifest "
        "section of the wrong shape gets no fix. Egress changes need a new deploy, and an admin "
        "approves the upgrade on each site."
    ),
    references=(refs.FORGE_EGRESS, refs.FORGE_CSP_EGRESS, refs.FORGE_PERMISSIONS),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for app in ctx.forge_apps:
        for line, problem in app.problems:
            yield INFO.finding(
                Location(app.path, line, 1),
                f"{problem}: scopelint cannot tell which domains the app may reach (see the "
                "manifest reference, Permissions)",
                identity=f"forge-manifest-shape {problem}",
            )
    for app, use in uses_by_app(ctx):
        if use.kind != "fetch":
            continue
        dotted = list_name(app, use)
        if dotted == IMAGES_LIST or dotted in broken_lists(app):
            continue
        host = host_of(use)
        if host is None:
            continue
        scheme, name = host
        if allow_list(app, dotted).allows(scheme, name):
            continue
        entry = suggested_entry(scheme, name)
        side = "backend" if dotted == BACKEND_LIST else "frontend"
        remote = unreferenced_remote(app, scheme, name)
        hint = (
            f"; the remote {remote.value} (line {remote.line}) has this base URL, and counts "
            f"once {dotted} names it (- remote: {remote.value})"
            if remote is not None else ""
        )
        yield INFO.finding(
            use.location,
            f"{use.name or 'request'} to {scheme}://{name} from {side} code: {name} is not in "
            f"{dotted} of {app.path} (Forge blocks the request){hint}",
            identity=f"forge-egress {dotted} {entry}",
            fix=Fix(
                description=f"add {entry} to {dotted} in {app.path}",
                safe=True,
                target=app.path,
                add_entries=((dotted, entry),),
            ),
        )
