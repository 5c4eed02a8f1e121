"""Which file of the project an import names, the way Python and Node/TypeScript decide.

Python: relative imports (``from ..settings import X``) from the importing file's package;
absolute ones (``jira_sync.settings``) from the folders Python would search for a project
run from the repository: the importing file's folder and every folder above it up to the
project top (a script's ``sys.path[0]``, a repository or ``src/`` layout, a service in a
monorepo), and ``src/``.  ``a/b/c.py`` or the package ``a/b/c/__init__.py``.

JavaScript/TypeScript: relative specifiers with Node's and TypeScript's file rules (``./x``
is ``x.ts``, ``x.tsx``, ``x.js``, ... or the folder's ``index`` file or ``package.json``
entry; ``./x.js`` written in TypeScript means ``x.ts``), ``tsconfig.json``/``jsconfig.json``
``paths`` and ``baseUrl`` (following ``extends``; JSON with comments and trailing commas,
read with ``json5``), and the packages of the project's workspaces (``package.json``
``workspaces``).  Other bare specifiers are libraries: never resolved.

Nothing outside the project top is resolved, nothing in ``node_modules``, a virtual
environment or ``.git``, and no symlink is followed.
"""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from typing import Any

_SKIPPED_PARTS = frozenset({"node_modules", ".git", ".venv", "venv", "site-packages", "__pycache__",
                            ".tox", ".nox", ".mypy_cache"})
JS_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_TS_FOR_JS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
PY_EXTENSIONS = (".py",)
JVM_EXTENSIONS = (".java", ".kt")
JVM_SOURCE_SETS = ("src/*/java", "src/*/kotlin", "*/src/*/java", "*/src/*/kotlin")
MAX_CONFIG_CHAIN = 8


class ModuleResolver:
    """Resolves imports to files under ``top`` (cached; one per run)."""

    def __init__(self, top: Path) -> None:
        self.top = top.resolve()
        self._files: dict[Path, bool] = {}
        self._json: dict[Path, Any] = {}
        self._tsconfig: dict[Path, tuple[Path, dict[str, Any]] | None] = {}
        self._workspaces: dict[Path, dict[str, Path]] = {}
        self._py: dict[tuple[Path, str], Path | None] = {}
        self._jvm: dict[tuple[Path, str], Path | None] = {}
        self._source_sets: list[Path] | None = None
        self._gomod: dict[Path, tuple[Path, str] | None] = {}
        # Every path this resolver looked at (a file probed or read, a folder listed): the
        # link plan a whole-project run keeps is reused only while they all look the same.
        self.consulted: set[str] = set()
        self.read: set[str] = set()  # files whose bytes were read (probes are in consulted)

    # ------------------------------------------------------------------ files

    def inside(self, path: Path) -> bool:
        try:
            relative = path.relative_to(self.top)
        except ValueError:
            return False
        return not any(part in _SKIPPED_PARTS for part in relative.parts)

    def is_file(self, path: Path) -> bool:
        cached = self._files.get(path)
        if cached is None:
            self.consulted.add(str(path))
            cached = self.inside(path) and path.is_file() and not path.is_symlink()
            self._files[path] = cached
        return cached

    def note(self, path: Path, read: bool = False) -> None:
        """Record that ``path`` was consulted (``read``: its bytes, not only its existence)."""
        (self.read if read else self.consulted).add(str(path))

    def is_folder(self, path: Path) -> bool:
        """``path`` is a folder and not a symlink (recorded: a folder's stamp changes when an
        entry is added or removed)."""
        self.consulted.add(str(path))
        return path.is_dir() and not path.is_symlink()

    # ------------------------------------------------------------------ Python

    def python(self, importer: Path, module: str) -> Path | None:
        """The file of ``module`` (``a.b``, ``..settings``) imported from ``importer``."""
        if not module.strip("."):
            if module.startswith("."):  # `from . import x`: the package itself
                return self._py_package(importer.parent, len(module) - len(module.lstrip(".")))
            return None
        if module.startswith("."):
            dots = len(module) - len(module.lstrip("."))
            base = importer.parent
            for _ in range(dots - 1):
                base = base.parent
            return self._py_file(base, module.lstrip("."))
        for root in self._py_roots(importer):
            found = self._py_file(root, module)
            if found is not None:
                return found
        return None

    def _py_package(self, folder: Path, dots: int) -> Path | None:
        for _ in range(dots - 1):
            folder = folder.parent
        init = folder / "__init__.py"
        return init if self.is_file(init) else None

    def _py_roots(self, importer: Path) -> list[Path]:
        roots: list[Path] = []
        current = importer.parent
        while True:
            roots.append(current)
            if current == self.top or current.parent == current or not self.inside(current):
                break
            current = current.parent
        source = self.top / "src"
        if source not in roots:
            roots.append(source)
        return roots

    def _py_file(self, root: Path, module: str) -> Path | None:
        key = (root, module)
        if key in self._py:
            return self._py[key]
        parts = module.split(".")
        found: Path | None = None
        if all(part.isidentifier() for part in parts):
            base = root.joinpath(*parts)
            for candidate in (base.with_name(base.name + ".py"), base / "__init__.py"):
                if self.is_file(candidate):
                    found = candidate
                    break
        self._py[key] = found
        return found

    # ------------------------------------------------------------------ Java / Kotlin

    def jvm(self, importer: Path, qualified: str) -> Path | None:
        """The file of the class ``qualified`` (``com.acme.jira.JiraConstants``) that
        ``importer`` reads: ``com/acme/jira/JiraConstants.java`` (or ``.kt``) under a source
        root -- a folder above the importer (its own package's root), or a Maven/Gradle
        source set of the project (``src/*/java``, ``src/*/kotlin``, also one level down in a
        multi-module build).  The last part must look like a class (upper case first)."""
        parts = qualified.split(".")
        if not parts[-1][:1].isupper() or not all(part.isidentifier() for part in parts):
            return None
        for root in self._jvm_roots(importer):
            key = (root, qualified)
            if key not in self._jvm:
                base = root.joinpath(*parts)
                self._jvm[key] = next(
                    (c for c in (base.with_name(base.name + e) for e in JVM_EXTENSIONS)
                     if self.is_file(c)), None)
            found = self._jvm[key]
            if found is not None:
                return found
        return None

    def kotlin_package(self, importer: Path, qualified: str) -> Path | None:
        """The folder of the Kotlin package ``qualified`` (``com.acme.jira``) under a source
        root, when it holds ``.kt`` files: top-level constants and objects live in files of
        any name there (``JiraConfig.kt`` holds ``const val JIRA_BASE`` and ``object
        Endpoints``), so the package, not a file, is what an import names."""
        parts = qualified.split(".")
        if not all(part.isidentifier() for part in parts):
            return None
        for root in self._jvm_roots(importer):
            folder = root.joinpath(*parts)
            key = (root, qualified + "/")
            if key not in self._jvm:
                self._jvm[key] = folder if (
                    self.inside(folder) and self.is_folder(folder)
                    and any(self.is_file(f) for f in folder.glob("*.kt"))) else None
            if self._jvm[key] is not None:
                return self._jvm[key]
        return None

    def _jvm_roots(self, importer: Path) -> list[Path]:
        roots = self._py_roots(importer)[:-1]  # the importer's folder and those above it
        if self._source_sets is None:
            self.consulted.update(str(f) for f in _source_set_walk(self.top))
            self._source_sets = sorted(
                folder for pattern in JVM_SOURCE_SETS for folder in self.top.glob(pattern)
                if folder.is_dir() and not folder.is_symlink() and self.inside(folder)
            )
        return roots + [folder for folder in self._source_sets if folder not in roots]

    # ------------------------------------------------------------------ Go

    def go(self, importer: Path, import_path: str) -> Path | None:
        """The package folder of ``import_path`` in the importer's Go module: the ``go.mod``
        above the importer names the module path (``module github.com/acme/cli``), and
        ``github.com/acme/cli/internal/jira`` is its folder ``internal/jira``."""
        found = self._go_module(importer.parent)
        if found is None:
            return None
        folder, module_path = found
        if import_path != module_path and not import_path.startswith(module_path + "/"):
            return None
        rest = import_path[len(module_path):].strip("/")
        target = folder.joinpath(*rest.split("/")) if rest else folder
        if ".." in rest.split("/") or not self.inside(target) or not self.is_folder(target):
            return None
        return target

    def _go_module(self, folder: Path) -> tuple[Path, str] | None:
        if folder in self._gomod:
            return self._gomod[folder]
        result: tuple[Path, str] | None = None
        manifest = folder / "go.mod"
        if self.is_file(manifest):
            self.note(manifest, read=True)
            try:
                text = manifest.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            for line in text.splitlines():
                words = line.split()
                if len(words) >= 2 and words[0] == "module":
                    result = (folder, words[1].strip('"'))
                    break
        elif folder != self.top and folder.parent != folder and self.inside(folder.parent):
            result = self._go_module(folder.parent)
        self._gomod[folder] = result
        return result

    # ------------------------------------------------------------------ JavaScript

    def javascript(self, importer: Path, specifier: str) -> Path | None:
        """The file ``specifier`` names when ``importer`` imports or requires it."""
        if not specifier or "\x00" in specifier:
            return None
        if specifier.startswith(("./", "../")) or specifier in (".", ".."):
            return self._js_target(importer.parent / specifier)
        if specifier.startswith("/"):
            return None
        aliased = self._tsconfig_target(importer, specifier)
        if aliased is not None:
            return aliased
        return self._workspace_target(importer, specifier)

    def _js_target(self, base: Path) -> Path | None:
        base = Path(os.path.normpath(base))
        if not self.inside(base):
            return None
        suffix = base.suffix
        if suffix in JS_EXTENSIONS:
            if self.is_file(base):
                return base
            for other in _TS_FOR_JS.get(suffix, ()):
                candidate = base.with_suffix(other)
                if self.is_file(candidate):
                    return candidate
        for extension in JS_EXTENSIONS:
            candidate = base.with_name(base.name + extension)
            if self.is_file(candidate):
                return candidate
        if self.is_folder(base):
            entry = self._package_entry(base)
            if entry is not None:
                return entry
            for extension in JS_EXTENSIONS:
                candidate = base / ("index" + extension)
                if self.is_file(candidate):
                    return candidate
        return None

    def _package_entry(self, folder: Path) -> Path | None:
        manifest = self._read_json(folder / "package.json")
        if not isinstance(manifest, dict):
            return None
        for entry in (_exports_entry(manifest.get("exports")), manifest.get("module"),
                      manifest.get("main"), manifest.get("types")):
            if isinstance(entry, str) and entry:
                target = folder / entry
                if target == folder or self.is_folder(target):
                    if target != folder:
                        found = self._js_target(target)
                        if found is not None:
                            return found
                    continue
                found = self._js_target(target)
                if found is not None:
                    return found
        return None

    # ------------------------------------------------------------------ tsconfig

    def _tsconfig_target(self, importer: Path, specifier: str) -> Path | None:
        config = self._tsconfig_for(importer.parent)
        if config is None:
            return None
        folder, options = config
        base_url = options.get("baseUrl")
        paths = options.get("paths")
        paths_base = options.get("pathsBase", folder)
        if isinstance(paths, dict):
            best: tuple[int, list[str], str] | None = None
            for pattern, targets in paths.items():
                if not isinstance(pattern, str) or not isinstance(targets, list):
                    continue
                matched = _match_pattern(pattern, specifier)
                if matched is None:
                    continue
                prefix = len(pattern.split("*", 1)[0])
                if best is None or prefix > best[0]:
                    best = (prefix, [t for t in targets if isinstance(t, str)], matched)
            if best is not None:
                root = Path(base_url) if isinstance(base_url, str) else Path(paths_base)
                for target in best[1]:
                    found = self._js_target(root / target.replace("*", best[2]))
                    if found is not None:
                        return found
        if isinstance(base_url, str):
            return self._js_target(Path(base_url) / specifier)
        return None

    def _tsconfig_for(self, folder: Path) -> tuple[Path, dict[str, Any]] | None:
        """The compiler options of the nearest tsconfig.json/jsconfig.json above ``folder``."""
        if folder in self._tsconfig:
            return self._tsconfig[folder]
        result: tuple[Path, dict[str, Any]] | None = None
        for name in ("tsconfig.json", "jsconfig.json"):
            candidate = folder / name
            if self.is_file(candidate):
                result = (folder, self._compiler_options(candidate))
                break
        if result is None and folder != self.top and folder.parent != folder and self.inside(folder.parent):
            result = self._tsconfig_for(folder.parent)
        self._tsconfig[folder] = result
        return result

    def _compiler_options(self, config: Path) -> dict[str, Any]:
        """compilerOptions after ``extends`` (relative files only), with ``baseUrl`` made
        absolute and ``pathsBase`` the folder of the config that set ``paths``."""
        chain: list[Path] = []
        current: Path | None = config
        while current is not None and current not in chain and len(chain) < MAX_CONFIG_CHAIN:
            chain.append(current)
            data = self._read_json(current, jsonc=True)
            parent = data.get("extends") if isinstance(data, dict) else None
            current = None
            if isinstance(parent, str) and parent.startswith("."):
                target = current_folder = chain[-1].parent / parent
                if not target.name.endswith(".json"):
                    target = current_folder.with_name(current_folder.name + ".json")
                if self.is_file(target):
                    current = target
        merged: dict[str, Any] = {}
        for path in reversed(chain):  # the base first, then each config over it
            data = self._read_json(path, jsonc=True)
            options = data.get("compilerOptions") if isinstance(data, dict) else None
            if not isinstance(options, dict):
                continue
            if isinstance(options.get("baseUrl"), str):
                merged["baseUrl"] = str(Path(os.path.normpath(path.parent / options["baseUrl"])))
            if isinstance(options.get("paths"), dict):
                merged["paths"] = options["paths"]
                merged["pathsBase"] = str(path.parent)
        return merged

    # ------------------------------------------------------------------ workspaces

    def _workspace_target(self, importer: Path, specifier: str) -> Path | None:
        parts = specifier.split("/")
        name_parts = 2 if specifier.startswith("@") else 1
        if len(parts) < name_parts:
            return None
        name, rest = "/".join(parts[:name_parts]), "/".join(parts[name_parts:])
        packages = self._workspace_packages(importer.parent)
        folder = packages.get(name)
        if folder is None:
            return None
        return self._js_target(folder / rest) if rest else self._js_target(folder)

    def _workspace_packages(self, folder: Path) -> dict[str, Path]:
        """Package name -> folder, for the workspaces of the nearest package.json above
        ``folder`` that declares any."""
        if folder in self._workspaces:
            return self._workspaces[folder]
        packages: dict[str, Path] = {}
        manifest = self._read_json(folder / "package.json") if self.is_file(folder / "package.json") else None
        patterns = _workspace_patterns(manifest)
        if patterns:
            for pattern in patterns:
                for candidate in _expand(folder, pattern, self.consulted):
                    entry = self._read_json(candidate / "package.json")
                    if isinstance(entry, dict) and isinstance(entry.get("name"), str) \
                            and self.inside(candidate):
                        packages.setdefault(entry["name"], candidate)
        elif folder != self.top and folder.parent != folder and self.inside(folder.parent):
            packages = self._workspace_packages(folder.parent)
        self._workspaces[folder] = packages
        return packages

    # ------------------------------------------------------------------ reading

    def _read_json(self, path: Path, jsonc: bool = False) -> Any:
        if path in self._json:
            return self._json[path]
        data: Any = None
        if self.is_file(path):
            self.note(path, read=True)
            try:
                text = path.read_text(encoding="utf-8-sig", errors="replace")
                if len(text) <= 1 << 20:
                    data = json.loads(text)
            except (OSError, ValueError):
                data = None
                if jsonc:
                    data = _read_jsonc(path)
        self._json[path] = data
        return data


def _read_jsonc(path: Path) -> Any:
    """tsconfig.json is JSON with comments and trailing commas (JSON5 reads both)."""
    try:
        import json5

        return json5.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except Exception:  # a broken config links nothing, and never stops a run
        return None


def _exports_entry(exports: Any) -> str | None:
    """The file a package's ``exports`` maps ``"."`` to (string, or import/require/default)."""
    if isinstance(exports, str):
        return exports
    if isinstance(exports, dict):
        main = exports.get(".", exports)
        if isinstance(main, str):
            return main
        if isinstance(main, dict):
            for key in ("types", "import", "module", "require", "default", "node"):
                value = main.get(key)
                if isinstance(value, str):
                    return value
                if isinstance(value, dict) and isinstance(value.get("default"), str):
                    return str(value["default"])
    return None


def _match_pattern(pattern: str, specifier: str) -> str | None:
    """What ``*`` matched when ``specifier`` fits the tsconfig ``paths`` pattern, else None."""
    if "*" not in pattern:
        return "" if pattern == specifier else None
    head, tail = pattern.split("*", 1)
    if specifier.startswith(head) and specifier.endswith(tail) and len(specifier) >= len(head) + len(tail):
        return specifier[len(head) : len(specifier) - len(tail)]
    return None


def _workspace_patterns(manifest: Any) -> list[str]:
    if not isinstance(manifest, dict):
        return []
    workspaces = manifest.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if not isinstance(workspaces, list):
        return []
    return [w for w in workspaces if isinstance(w, str) and not w.startswith("!")]


def _expand(folder: Path, pattern: str, consulted: set[str]) -> list[Path]:
    """Folders a workspace glob names (``packages/*``, ``apps/web``); every folder looked
    at (listed or tested) is added to ``consulted``."""
    parts = [p for p in pattern.strip("/").split("/") if p and p != "."]
    current = [folder]
    for part in parts:
        following: list[Path] = []
        for base in current:
            consulted.add(str(base))
            if part == "**":
                following.append(base)
                found = [p for p in base.rglob("*") if p.is_dir() and "node_modules" not in p.parts]
                consulted.update(str(p) for p in found)
                following.extend(found)
            elif any(ch in part for ch in "*?["):
                try:
                    children = sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink())
                except OSError:
                    continue
                following.extend(p for p in children if fnmatch.fnmatchcase(p.name, part))
            else:
                following.append(base / part)
        current = following[:1000]
    consulted.update(str(p) for p in current)
    return [p for p in current if p.is_dir()]


def _source_set_walk(top: Path) -> list[Path]:
    """The folders :data:`JVM_SOURCE_SETS`' globs list: ``top``, ``top/*``, ``top/src``,
    ``top/*/src`` and their children (a source set appearing changes one of their stamps)."""
    walked = [top]
    for first in [top, *_folders(top)]:
        src = first / "src"
        walked.append(first)
        if src.is_dir():
            walked.append(src)
            walked.extend(_folders(src))
    return walked


def _folders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []
