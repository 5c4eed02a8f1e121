"""What the Forge permission rules (SL014-SL019) share: which app governs a file, which side
its code runs on, and what each egress list allows.

An app governs the files under its manifest's folder; the nearest manifest above a file wins
(a monorepo holds several apps).  A file is frontend code when its scan said so (it imports
``@forge/bridge``/``@forge/react``, or lies under ``static/``) or when it lies under one of
the manifest's resource folders (``resources[].path``: the folder of a UI Kit entry file; for
a Custom UI build folder such as ``static/panel/build``, the folder holding it).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from scopelint.kb.forge import AllowList, table, url_host
from scopelint.model import ForgeApp, Location, ManifestEntry, PlatformUse, ScopeDeclaration
from scopelint.rules.context import RuleContext

BACKEND_LIST = "permissions.external.fetch.backend"
CLIENT_LIST = "permissions.external.fetch.client"
IMAGES_LIST = "permissions.external.images"
_BUILD_FOLDERS = frozenset({"build", "dist", "out", "public", "www"})


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))


def _under(path: str, folder: str) -> bool:
    return folder in ("", ".") or path == folder or path.startswith(folder + "/")


def governing_app(apps: Iterable[ForgeApp], path: str) -> ForgeApp | None:
    """The app whose manifest is nearest above ``path`` (display paths)."""
    target = _norm(path)
    best: ForgeApp | None = None
    for app in apps:
        root = _norm(app.root)
        if _under(target, root) and (best is None or len(root) > len(_norm(best.root))):
            best = app
    return best


def uses_by_app(ctx: RuleContext) -> Iterator[tuple[ForgeApp, PlatformUse]]:
    """Every platform use with the app that governs its file."""
    cache: dict[str, ForgeApp | None] = {}
    for use in ctx.platform_uses:
        path = use.location.path
        if path not in cache:
            cache[path] = governing_app(ctx.forge_apps, path)
        app = cache[path]
        if app is not None:
            yield app, use


def frontend_folders(app: ForgeApp) -> list[str]:
    folders = []
    for resource in app.resources:
        folder = resource
        last = posixpath.basename(resource)
        if "." in last or last in _BUILD_FOLDERS:
            folder = posixpath.dirname(resource)
        folders.append(_norm(posixpath.join(app.root, folder)) if folder else _norm(app.root))
    return [folder for folder in folders if folder not in ("", ".", _norm(app.root))]


def is_frontend(app: ForgeApp, use: PlatformUse) -> bool:
    if use.side == "frontend":
        return True
    path = _norm(use.location.path)
    return any(_under(path, folder) for folder in frontend_folders(app))


def list_name(app: ForgeApp, use: PlatformUse) -> str:
    """The egress list a use is checked against."""
    if use.kind == "image":
        return IMAGES_LIST
    return CLIENT_LIST if is_frontend(app, use) else BACKEND_LIST


def entries_of(app: ForgeApp, dotted: str) -> tuple[ManifestEntry, ...]:
    return {
        BACKEND_LIST: app.fetch_backend,
        CLIENT_LIST: app.fetch_client,
        IMAGES_LIST: app.images,
    }[dotted]


def allow_list(app: ForgeApp, dotted: str) -> AllowList:
    """What a list allows: its addresses, the base URLs of the ``remotes:`` its ``{remote: key}``
    entries name, and for images the hosts Forge always allows.  A remote the list does not
    name allows nothing (forge lint 6.1.0 ExternalFetchVerifier; the manifest reference's
    remotes are "referenced by key")."""
    remotes = {entry.value: entry.remote for entry in app.remotes}
    values = []
    for entry in entries_of(app, dotted):
        if entry.remote:
            base = remotes.get(entry.remote)
            if base:
                values.append(base)
        else:
            values.append(entry.value)
    if dotted == IMAGES_LIST:
        values.extend(table().always_allowed_images)
    return AllowList(values)


def broken_lists(app: ForgeApp) -> set[str]:
    """The egress lists a problem of the manifest makes unreadable (not checked)."""
    broken: set[str] = set()
    for _line, message in app.problems:
        if message.startswith("permissions.external is") or message.startswith(
            ("permissions.external.fetch is",)
        ):
            broken.update((BACKEND_LIST, CLIENT_LIST) if "fetch" in message else
                          (BACKEND_LIST, CLIENT_LIST, IMAGES_LIST))
        for dotted in (BACKEND_LIST, CLIENT_LIST, IMAGES_LIST):
            if message.startswith(dotted):
                broken.add(dotted)
    return broken


def host_of(use: PlatformUse) -> tuple[str, str] | None:
    return url_host(use.target)


def manifest_declaration(ctx: RuleContext, app: ForgeApp) -> ScopeDeclaration | None:
    return next(
        (
            d
            for d in ctx.declarations
            if d.source == "forge-manifest" and d.location.path == app.path
        ),
        None,
    )


def everything_seen(ctx: RuleContext, app: ForgeApp) -> bool:
    """Was the app's whole folder scanned, with every file of it read in full?"""
    declaration = manifest_declaration(ctx, app)
    if declaration is None or not ctx.fully_scanned(declaration):
        return False
    root = _norm(app.root)
    return not any(_under(_norm(path), root) for path in ctx.incomplete_files if path != app.path)


def manifest_location(app: ForgeApp, key: str, line: int | None = None) -> Location:
    return Location(app.path, line or app.lines.get(key) or app.lines.get("permissions") or 1, 1)


def where(app: ForgeApp) -> str:
    return app.path


def unreferenced_remote(app: ForgeApp, scheme: str, host: str) -> ManifestEntry | None:
    """The ``remotes:`` entry whose base URL would allow ``scheme://host`` if an egress list
    named it with ``{remote: key}``, if any."""
    for remote in app.remotes:
        if remote.remote and AllowList([remote.remote]).allows(scheme, host):
            return remote
    return None
