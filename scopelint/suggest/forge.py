"""The rest of a Forge app's ``permissions:`` block, from its code (issue #21): the platform
scopes its platform APIs need, and the egress and image entries its requests and images need.

``suggest --from PATH --format manifest`` merges this with the REST scopes of the calls, so the
printed block is complete: ``scopes`` (REST and platform), ``external.fetch.backend``,
``external.fetch.client`` and ``external.images``.  Each entry carries its reasons
(``src/index.js:8``), as each scope does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scopelint.errors import ScopelintError
from scopelint.kb.forge import suggested_entry, table, url_host


@dataclass(slots=True)
class ForgePermissions:
    """Scope or entry -> the places in the code that need it (``path:line name``)."""

    scopes: dict[str, list[str]] = field(default_factory=dict)
    backend: dict[str, list[str]] = field(default_factory=dict)
    client: dict[str, list[str]] = field(default_factory=dict)
    images: dict[str, list[str]] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)  # requests/images whose host is unknown

    def __bool__(self) -> bool:
        return bool(self.scopes or self.backend or self.client or self.images)


def forge_permissions(
    paths: Sequence[str], prefer: str = "granular", *, exclude: Sequence[str] = (),
    config: Path | bool = True,
) -> ForgePermissions:
    """What the Forge code under ``paths`` needs besides REST scopes (``exclude`` and
    ``config`` choose the files as :func:`scopelint.suggest.endpoints.from_code` does)."""
    try:
        from scopelint.check.engine import LintOptions, scan_project
        from scopelint.rules.forge_common import governing_app, is_frontend
    except ModuleNotFoundError as exc:  # pragma: no cover - a partial installation
        raise ScopelintError(f"--from needs the code scanner ({exc.name})") from None

    outcome = scan_project(LintOptions(
        paths=[Path(p) for p in paths], cwd=Path.cwd(), exclude=exclude,
        config=config if isinstance(config, Path) else None, isolated=config is False,
    ))
    forge = table()
    result = ForgePermissions()
    for use in outcome.platform_uses:
        app = governing_app(outcome.forge_apps, use.location.path)
        where = f"{use.location.path}:{use.location.line}"
        reason = f"{where} {use.name}".strip()
        if use.kind == "api":
            row = forge.api(use.api)
            if row is None or row.kind == "remote" or not row.alternatives:
                continue
            needed = row.needed((), app.products if app else ())
            if row.kind == "scope" and len(row.alternatives) > 1 and not row.by_product:
                ordered = sorted(row.alternatives, key=len)
                needed = ordered[0] if prefer != "classic" else row.alternatives[0]
            for scope in needed:
                result.scopes.setdefault(scope, []).append(reason)
            continue
        if use.kind not in ("fetch", "image"):
            continue
        host = url_host(use.target)
        if host is None:
            result.unresolved.append(f"{where} {use.target}")
            continue
        entry = suggested_entry(*host)
        if use.kind == "image":
            if any(url_host(allowed if "://" in allowed else "https://" + allowed) == host
                   for allowed in forge.always_allowed_images):
                continue
            bucket = result.images
        else:
            frontend = is_frontend(app, use) if app is not None else use.side == "frontend"
            bucket = result.client if frontend else result.backend
        bucket.setdefault(entry, []).append(reason)
    return result
