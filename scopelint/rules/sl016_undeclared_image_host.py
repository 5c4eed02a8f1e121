"""SL016 undeclared-image-host: a Forge app shows an image from a host it does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.kb.forge import suggested_entry
from scopelint.model import Finding, Fix, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.forge_common import IMAGES_LIST, allow_list, broken_lists, host_of, uses_by_app

INFO = RuleInfo(
    code="SL016",
    name="undeclared-image-host",
    severity=Severity.ERROR,
    summary="A Forge app loads an image from a host its manifest does not list under "
    "permissions.external.images.",
    what_it_does=(
        "Finds the `src` of UI Kit `<Image>` (from @forge/react) and of `<img>` elements in a "
        "Forge app's JSX/TSX (string literals, constants, template literals, both branches of "
        "`a ? x : y` and `a || b`), and checks absolute URLs against "
        "permissions.external.images of the nearest manifest.yml, with Forge's matching "
        "(no scheme means https, `*.example.com` covers subdomains). The hosts Forge always "
        "allows (Atlassian's avatar and media hosts, secure.gravatar.com, images.unsplash.com) "
        "and bundled images (`data:`, `resource:`, relative paths) are not reported."
    ),
    explanation=(
        "The page's Content Security Policy, built from permissions.external.images, blocks "
        "any other image: the user sees a broken image and the browser console a CSP error."
    ),
    fix=FixAvailability.ALWAYS,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` adds the host to permissions.external.images (created when missing), keeping "
        "the manifest's comments and layout. An admin approves the upgrade on each site."
    ),
    references=(refs.FORGE_CSP_EGRESS, refs.FORGE_PERMISSIONS),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    for app, use in uses_by_app(ctx):
        if use.kind != "image" or IMAGES_LIST in broken_lists(app):
            continue
        host = host_of(use)
        if host is None:
            continue
        scheme, name = host
        if allow_list(app, IMAGES_LIST).allows(scheme, name):
            continue
        entry = suggested_entry(scheme, name)
        yield INFO.finding(
            use.location,
            f"{use.name or 'image'} loads {scheme}://{name}: {name} is not in {IMAGES_LIST} of "
            f"{app.path} (the Content Security Policy blocks it)",
            identity=f"forge-image {entry}",
            fix=Fix(
                description=f"add {entry} to {IMAGES_LIST} in {app.path}",
                safe=True,
                target=app.path,
                add_entries=((IMAGES_LIST, entry),),
            ),
        )
