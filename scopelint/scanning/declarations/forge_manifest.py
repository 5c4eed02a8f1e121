"""Forge ``manifest.yml``: the scopes a Forge app declares under ``permissions.scopes``.

A YAML file named ``manifest.yml`` with none of ``app:``, ``modules:``, ``permissions:`` at the top is
not a Forge manifest and yields nothing.  A Forge manifest without ``permissions.scopes``
declares no scopes at all, which is a declaration too (an empty one): the app's code cannot
call anything that needs a scope.  ``permissions.scopes`` may also be a mapping from scope to
its options (``read:jira-work: {allowImpersonation: true}``), as the manifest reference allows.
What the manifest permits besides scopes (egress, images, remotes) is read by
:mod:`~scopelint.scanning.declarations.forge_permissions` into a ``ForgeApp``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any, Final

from scopelint.config import YamlTooComplex, describe_yaml_error, load_yaml_text
from scopelint.model import FileScan, ScopeDeclaration
from scopelint.scanning.declarations import unreadable
from scopelint.scanning.declarations.positions import key_location as key_location
from scopelint.scanning.declarations.positions import yaml_location as yaml_location
from scopelint.scanning.declarations.unreadable import FORGE_MANIFEST
from scopelint.scanning.source import SourceFile

SOURCE: Final = "forge-manifest"


# A manifest.yml with one of these at the top is a Forge manifest (a pasted `permissions:`
# block from `scopelint suggest --format manifest` counts too).
FORGE_TOP_LEVEL_KEYS = ("app", "modules", "permissions")


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        document = load_yaml_text(source.text, round_trip=True)
    except YamlTooComplex as exc:
        unreadable.record(scan, source, FORGE_MANIFEST, str(exc))
        return scan
    except Exception as exc:  # ruamel's YAMLError family (scanner, parser, composer, ...)
        line, column = unreadable.yaml_position(exc)
        unreadable.record(scan, source, FORGE_MANIFEST,
                          f"invalid YAML ({describe_yaml_error(exc)})", line, column)
        return scan
    if not isinstance(document, Mapping) or not any(key in document for key in FORGE_TOP_LEVEL_KEYS):
        return scan
    declaration = _declaration(document, source, scan)
    if declaration is not None:
        scan.declarations.append(declaration)
    from scopelint.scanning.declarations.forge_permissions import read_app

    scan.forge_apps.append(
        read_app(
            document,
            source,
            directory_of(source.display),
            declaration.scopes if declaration is not None else (),
            dict(declaration.scope_lines) if declaration is not None else {},
            declaration is not None,
        )
    )
    return scan


def directory_of(display: str) -> str:
    """The directory of a displayed file path, as a POSIX path ("." for the top)."""
    parent = PurePosixPath(display.replace("\\", "/")).parent.as_posix()
    return parent if parent not in ("", ".") else "."


def _declaration(
    document: Mapping[Any, Any], source: SourceFile, scan: FileScan
) -> ScopeDeclaration | None:
    root = directory_of(source.display)
    permissions = document.get("permissions")
    if permissions is None:
        # No permissions at all: the app declares no scopes.
        anchor = "permissions" if "permissions" in document else ("app" if "app" in document
                                                                   else "modules")
        return ScopeDeclaration(SOURCE, key_location(document, anchor, source), root, ())
    if not isinstance(permissions, Mapping):
        where = key_location(document, "permissions", source)
        unreadable.record(scan, source, FORGE_MANIFEST, "permissions is not a mapping",
                          where.line, where.column)
        return None
    location = key_location(permissions, "scopes", source) if "scopes" in permissions \
        else key_location(document, "permissions", source)
    scopes = permissions.get("scopes")
    if scopes is None:  # `scopes:` left empty, or absent
        return ScopeDeclaration(SOURCE, location, root, ())
    if isinstance(scopes, Mapping) and all(
        isinstance(key, str) and (value is None or isinstance(value, Mapping))
        for key, value in scopes.items()
    ):
        # scope -> options ({allowImpersonation: true}, {}): the keys are the scopes
        mapped = {
            str(key).strip(): key_location(scopes, key, source).line
            for key in scopes
            if str(key).strip()
        }
        return ScopeDeclaration(SOURCE, location, root, tuple(mapped), scope_lines=mapped)
    if not isinstance(scopes, list) or not all(isinstance(item, str) for item in scopes):
        unreadable.record(scan, source, FORGE_MANIFEST,
                          "permissions.scopes is not a list of strings", location.line,
                          location.column)
        return None
    scope_lines: dict[str, int] = {}
    for index, item in enumerate(scopes):
        scope = str(item).strip()
        if scope and scope not in scope_lines:
            scope_lines[scope] = _item_line(scopes, index, location.line, source)
    return ScopeDeclaration(
        SOURCE, location, root, tuple(scope_lines), scope_lines=scope_lines
    )


def _item_line(sequence: list[Any], index: int, default: int, source: SourceFile) -> int:
    try:
        line, column = sequence.lc.item(index)  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return default
    return yaml_location(source, int(line), int(column)).line

