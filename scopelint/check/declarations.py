"""Which declarations govern which files: OAuth 2.0 apps' declarations gathered per app.

A Forge manifest, a Connect descriptor or a scopelint configuration governs the folder it is
in.  An OAuth 2.0 app's scopes are written in its code, config or environment (an
authorization URL, a ``SCOPES`` list, a ``scope`` key, ``JIRA_SCOPES=...``), often in a
module next to the code that calls, not above it; so such a declaration governs its *app*:
the nearest folder above it that holds a project file (``package.json``, ``pyproject.toml``,
``requirements.txt``, ``go.mod``, a Forge manifest, ...; :data:`APP_MARKERS`), else the
repository top (a folder holding ``.git``), else its own folder.

All the OAuth 2.0 declarations of one app govern together (:func:`govern`): one app requests
one set of scopes, written in several places (a list, the URL built from it, an ``.env``
example), so a call is covered when the union covers it.  The merged declaration keeps its
``parts`` (each reported on its own by SL006 and SL003) and is located at the most telling
one: the authorization URL, then an OAuth library's option, a scope list, a key, an env value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from scopelint.errors import ScopelintError
from scopelint.kb.table import KnowledgeBase
from scopelint.model import ScopeDeclaration

APP_MARKERS: tuple[str, ...] = (
    "package.json", "deno.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt",
    "Pipfile", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile",
    "composer.json", "Cargo.toml", "manifest.yml", "manifest.yaml", "atlassian-connect.json",
)
OAUTH_SOURCES = frozenset({"oauth-url", "oauth-scopes"})
_KIND_ORDER = ("authorization-url", "oauth-library", "scope-list", "scope-key", "env")


class AppRoots:
    """The app folder of a declaration's folder (cached per folder)."""

    def __init__(self, cwd: Path) -> None:
        self._cwd = cwd
        self._cache: dict[str, str] = {}

    def __call__(self, root: str) -> str:
        cached = self._cache.get(root)
        if cached is None:
            cached = self._cache[root] = self._find(root)
        return cached

    def _find(self, root: str) -> str:
        start = os.path.normpath(os.path.join(self._cwd, root))
        current = start
        for _ in range(64):
            if any(os.path.isfile(os.path.join(current, name)) for name in APP_MARKERS) or \
                    os.path.exists(os.path.join(current, ".git")):
                # shown as the paths were given: absolute stays absolute
                return current if os.path.isabs(root) else self._display(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        return root

    def _display(self, absolute: str) -> str:
        relative = os.path.relpath(absolute, self._cwd)
        return "." if relative == "." else relative.replace(os.sep, "/")


def _rank(declaration: ScopeDeclaration) -> tuple[int, str, int]:
    kind = declaration.kind
    order = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
    return (order, declaration.location.path, declaration.location.line)


def merge(parts: list[ScopeDeclaration], root: str) -> ScopeDeclaration:
    """One declaration governing ``root`` for every part (their scopes' union)."""
    from scopelint.common.records import replace

    parts = sorted(parts, key=_rank)
    primary = parts[0]
    if len(parts) == 1:
        return replace(primary, root=root, parts=())
    scopes: dict[str, int] = {}
    for part in parts:
        for scope in part.scopes:
            scopes.setdefault(scope, part.scope_lines.get(scope, part.location.line)
                              if part.location.path == primary.location.path else
                              primary.location.line)
    return replace(
        primary,
        root=root,
        scopes=tuple(scopes),
        scope_lines=scopes,
        partial=any(part.partial for part in parts),
        parts=tuple(parts),
    )


def govern(declarations: Iterable[ScopeDeclaration], cwd: Path) -> list[ScopeDeclaration]:
    """``declarations`` as they govern: each OAuth 2.0 app's declarations lifted to the app
    folder and merged into one; the others unchanged."""
    roots = AppRoots(cwd)
    others: list[ScopeDeclaration] = []
    apps: dict[str, list[ScopeDeclaration]] = {}
    seen: set[tuple[str, tuple[tuple[str, int], ...]]] = set()
    for declaration in declarations:
        if declaration.source not in OAUTH_SOURCES:
            others.append(declaration)
            continue
        key = (declaration.location.path, tuple(sorted(declaration.scope_lines.items())))
        if key in seen:  # the same URL read by the text checks and by the language package
            continue
        seen.add(key)
        apps.setdefault(roots(declaration.root), []).append(declaration)
    return others + [merge(parts, root) for root, parts in sorted(apps.items())]


def validate_scopes(kb: KnowledgeBase, scopes: Iterable[str], option: str = "--scopes") -> None:
    """Refuse scopes no Atlassian document (nor the Forge platform list) knows, as ruff refuses
    an unknown rule code on its command line: one line naming each with the closest known
    name, exit code 2 (:class:`~scopelint.errors.ScopelintError`)."""
    unknown = [scope for scope in dict.fromkeys(scopes) if not kb.is_known_scope(scope)]
    if not unknown:
        return
    described = []
    for scope in unknown:
        similar = kb.similar_scopes(scope)
        hint = f" (did you mean {' or '.join(similar)}?)" if similar else ""
        described.append(f"{scope!r}{hint}")
    noun = "scope" if len(unknown) == 1 else "scopes"
    raise ScopelintError(
        f"{option}: unknown {noun} {', '.join(described)}; `scopelint kb info` lists the "
        "documents scopes come from (`scopelint kb update` fetches newer ones)"
    )
