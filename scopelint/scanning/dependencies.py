"""Which version of a package a project uses: read from its manifests and lock files.

Given a file's folder, :func:`detect_version` walks up to the nearest project files and
answers (version, assumed, source) for one package:

- Python (``pypi``): ``poetry.lock``, ``uv.lock``, ``Pipfile.lock`` (locked) and
  ``pyproject.toml`` (PEP 621 ``[project]`` dependencies, optional dependencies and
  ``[dependency-groups]``; Poetry ``[tool.poetry.*dependencies]``), ``Pipfile``,
  ``requirements*.txt`` (declared; ``-r`` includes followed), ``setup.cfg``'s
  ``[options] install_requires`` (``configparser``) and ``setup.py``'s literal
  ``setup(install_requires=[...])`` (read with ``ast``, never run).
- JavaScript (``npm``): ``package-lock.json`` / ``npm-shrinkwrap.json``, ``yarn.lock`` (v1
  and Berry), ``pnpm-lock.yaml`` (locked) and ``package.json`` (declared).
- Go (``go``): ``go.mod``'s ``require`` directives (the version the build uses: locked);
  the package is the module path (``github.com/andygrunwald/go-jira/v2``).

A locked version beats a declared one (it is what gets installed); among files of one kind
the nearest folder wins. Walking stops at ``stop_at`` (e.g. the scan root) or after a folder
holding ``.git``. Requirement and specifier strings are read with ``packaging``; TOML with
``tomllib``, JSON with ``json``, YAML with ruamel.yaml (safe loader). A file that cannot be
read adds a one-line warning naming it to ``warnings`` and is skipped; nothing raises.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Ecosystem = Literal["pypi", "npm", "go"]

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
PYPI_LOCKS = ("poetry.lock", "uv.lock", "Pipfile.lock")
NPM_LOCKS = ("package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock")
_VERSION = re.compile(r"\d+(?:\.\d+)*(?:[-.+]?[0-9A-Za-z.]+)?")


@dataclass(frozen=True, slots=True)
class DetectedVersion:
    """What the project says about one package.

    ``version``: exact version (locked, or pinned with ``==``), else None.
    ``spec``: the declared range when there is no exact version (``>=3.8``, ``^4.1.0``).
    ``assumed``: True when no project file names the package (use the newest table).
    ``source``: the file it came from. ``locked``: it came from a lock file.
    """

    package: str
    version: str | None
    spec: str | None
    assumed: bool
    source: Path | None
    locked: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    version: str | None
    spec: str | None


def canonical(ecosystem: Ecosystem, name: str) -> str:
    """PEP 503 normalised name for PyPI; npm names are exact but case-insensitive here."""
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "go":
        return name  # module paths are case-sensitive
    return name.lower()


def _detect_version(
    folder: Path,
    ecosystem: Ecosystem,
    package: str,
    *,
    stop_at: Path | None = None,
    warnings: list[str] | None = None,
) -> DetectedVersion:
    """The nearest project's locked or declared version of ``package`` for files in ``folder``."""
    name = canonical(ecosystem, package)
    locks = {"pypi": PYPI_LOCKS, "npm": NPM_LOCKS, "go": ("go.mod",)}[ecosystem]
    declared: tuple[Path, _Entry] | None = None
    folders = list(_upwards(folder, stop_at))
    manifest = {"npm": "package.json", "pypi": "pyproject.toml", "go": "go.mod"}[ecosystem]
    # the package the file belongs to (a workspace member has its own entry in the root lock)
    project = next((f for f in folders if (f / manifest).is_file()), folder)
    for current in folders:
        for path in _project_files(current, ecosystem):
            entries = _read(path, ecosystem, warnings, project=project)
            entry = entries.get(name)
            if entry is None:
                continue
            if path.name in locks:
                return DetectedVersion(package, entry.version, entry.spec, False, path, locked=True)
            if declared is None:
                declared = (path, entry)
    if declared is not None:
        path, entry = declared
        return DetectedVersion(package, entry.version, entry.spec, False, path)
    return DetectedVersion(package, None, None, True, None)



def detect_version(
    folder: Path,
    ecosystem: Ecosystem,
    package: str,
    *,
    stop_at: Path | None = None,
    warnings: list[str] | None = None,
) -> DetectedVersion:
    """The nearest project's locked or declared version of ``package`` for files in ``folder``
    (noted for the result cache: a cached scan is reused only while the answer holds)."""
    found = _detect_version(folder, ecosystem, package, stop_at=stop_at, warnings=warnings)
    if stop_at is None:
        from scopelint.scanning.consulted import note

        note(("sdk", str(folder), ecosystem, package, found.version, found.spec))
    return found


def _upwards(folder: Path, stop_at: Path | None) -> Iterator[Path]:
    current = folder.resolve()
    stop = stop_at.resolve() if stop_at is not None else None
    while True:
        yield current
        if current == stop or (current / ".git").exists() or current.parent == current:
            return
        current = current.parent


def _project_files(folder: Path, ecosystem: Ecosystem) -> list[Path]:
    """Lock files first, then manifests, in one folder."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    if ecosystem == "pypi":
        wanted = [*PYPI_LOCKS, "pyproject.toml", "Pipfile", "setup.cfg", "setup.py"]
        reqs = [n for n in names if n.startswith("requirements") and n.endswith((".txt", ".in"))]
        return [folder / n for n in [*wanted, *reqs] if n in names and (folder / n).is_file()]
    if ecosystem == "go":
        return [folder / "go.mod"] if "go.mod" in names and (folder / "go.mod").is_file() else []
    return [folder / n for n in [*NPM_LOCKS, "package.json"] if n in names and (folder / n).is_file()]


def _read(path: Path, ecosystem: Ecosystem, warnings: list[str] | None, project: Path) -> dict[str, _Entry]:
    try:
        stat = path.stat()
    except OSError:
        return {}
    rel = _relative_project(path.parent, project)
    result, problem = _read_cached(str(path), stat.st_mtime_ns, stat.st_size, ecosystem, rel)
    if problem and warnings is not None:
        line = f"{path}: {problem}; SDK version read from other project files or assumed"
        if line not in warnings:
            warnings.append(line)
    return result


def _relative_project(root: Path, project: Path) -> str:
    try:
        return project.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return "."


@lru_cache(maxsize=256)
def _read_cached(
    path: str, mtime: int, size: int, ecosystem: Ecosystem, project: str
) -> tuple[dict[str, _Entry], str | None]:
    if size > MAX_MANIFEST_BYTES:
        return {}, f"larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB, not read"
    file = Path(path)
    try:
        raw = file.read_bytes()
        if b"\x00" in raw[:8192]:
            return {}, "binary file, not read"
        text = raw.decode("utf-8-sig")
        reader = _READERS.get(file.name, _requirements)
        entries = reader(text, file, project)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"cannot read ({type(exc).__name__})"
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        return {}, f"not a valid {file.name} ({type(exc).__name__})"
    except Exception as exc:
        return {}, f"not a valid {file.name} ({type(exc).__name__})"
    return {canonical(ecosystem, k): v for k, v in entries.items()}, None


# --------------------------------------------------------------------------- Python


def _requirement(text: str) -> tuple[str, _Entry] | None:
    """One PEP 508 string -> (name, entry); None when it is not a requirement."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        req = Requirement(text)
    except InvalidRequirement:
        return None
    return req.name, _from_specifier(str(req.specifier))


def _from_specifier(spec: str) -> _Entry:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        parts = list(SpecifierSet(spec))
    except InvalidSpecifier:
        return _Entry(None, None)
    if len(parts) == 1 and parts[0].operator in ("==", "===") and "*" not in parts[0].version:
        return _Entry(parts[0].version, None)
    return _Entry(None, spec or None)


def _requirements(text: str, path: Path, project: str, depth: int = 0) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ", "-c ", "--constraint ")) and depth < 3:
            target = path.parent / line.split(None, 1)[1].strip()
            if target.is_file() and target.stat().st_size <= MAX_MANIFEST_BYTES:
                nested = _requirements(target.read_text("utf-8", "replace"), target, project, depth + 1)
                out.update({k: v for k, v in nested.items() if k not in out})
            continue
        if line.startswith("-"):
            continue
        found = _requirement(line)
        if found is not None:
            out.setdefault(found[0], found[1])
    return out


def _setup_cfg(text: str, path: Path, project: str) -> dict[str, _Entry]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text, source=str(path))
    lines = parser.get("options", "install_requires", fallback="").splitlines()
    return _requirements("\n".join(lines), path, project)


def _setup_py(text: str, path: Path, project: str) -> dict[str, _Entry]:
    """``setup(install_requires=["jira==3.8.0", ...])`` as written (a literal list)."""
    import ast

    out: dict[str, _Entry] = {}
    for node in ast.walk(ast.parse(text, filename=str(path))):
        name = getattr(node.func, "id", getattr(node.func, "attr", "")) if isinstance(node, ast.Call) else ""
        if not isinstance(node, ast.Call) or name != "setup":
            continue
        for keyword in node.keywords:
            if keyword.arg == "install_requires" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                for item in keyword.value.elts:
                    found = _requirement(item.value) if isinstance(item, ast.Constant) \
                        and isinstance(item.value, str) else None
                    if found is not None:
                        out.setdefault(found[0], found[1])
    return out


def _pyproject(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = tomllib.loads(text)
    out: dict[str, _Entry] = {}
    proj = data.get("project", {})
    strings = list(proj.get("dependencies", []) or [])
    for group in (proj.get("optional-dependencies", {}) or {}).values():
        strings.extend(group)
    for group in (data.get("dependency-groups", {}) or {}).values():
        strings.extend(s for s in group if isinstance(s, str))
    for item in strings:
        found = _requirement(item) if isinstance(item, str) else None
        if found is not None:
            out.setdefault(found[0], found[1])
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})]
    tables += [g.get("dependencies", {}) for g in (poetry.get("group", {}) or {}).values()]
    for table in tables:
        for name, value in (table or {}).items():
            if name != "python":
                out.setdefault(name, _poetry_constraint(value))
    return out


def _poetry_constraint(value: Any) -> _Entry:
    """Poetry's ``^3.8`` / ``~3.8`` / ``3.8.0`` / ``*`` / ``{version = ...}`` -> entry (PEP 440)."""
    if isinstance(value, list):
        value = value[0] if value else "*"
    if isinstance(value, dict):
        value = value.get("version", "*")
    if not isinstance(value, str):
        return _Entry(None, None)
    value = value.strip()
    if value in ("", "*"):
        return _Entry(None, None)
    if value[0] in "^~" and not value.startswith("~="):
        return _Entry(None, _caret_tilde(value[0], value[1:].strip()))
    if re.fullmatch(r"\d+(\.\d+)*", value):
        return _Entry(value, None)  # Poetry: a bare version means exactly that version
    return _from_specifier(value)


def _caret_tilde(op: str, version: str) -> str | None:
    parts = [int(p) for p in re.findall(r"\d+", version)[:3]]
    if not parts:
        return None
    if op == "~":
        upper = [parts[0] + 1] if len(parts) == 1 else [parts[0], parts[1] + 1]
    else:
        nonzero = next((i for i, p in enumerate(parts) if p != 0), len(parts) - 1)
        upper = [*parts[:nonzero], parts[nonzero] + 1]
    return f">={'.'.join(map(str, parts))},<{'.'.join(map(str, upper))}"


def _pipfile(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = tomllib.loads(text)
    out: dict[str, _Entry] = {}
    for section in ("packages", "dev-packages"):
        for name, value in (data.get(section, {}) or {}).items():
            if isinstance(value, dict):
                value = value.get("version", "*")
            out.setdefault(name, _from_specifier("" if value == "*" else str(value)))
    return out


def _pipfile_lock(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = json.loads(text)
    out: dict[str, _Entry] = {}
    for section in ("default", "develop"):
        for name, value in (data.get(section, {}) or {}).items():
            version = str(value.get("version", "")).lstrip("=") if isinstance(value, dict) else ""
            if version:
                out.setdefault(name, _Entry(version, None))
    return out


def _toml_lock(text: str, path: Path, project: str) -> dict[str, _Entry]:
    """poetry.lock and uv.lock: ``[[package]]`` tables with name and version."""
    data = tomllib.loads(text)
    return {
        p["name"]: _Entry(str(p["version"]), None)
        for p in data.get("package", [])
        if isinstance(p, dict) and "name" in p and "version" in p
    }


# --------------------------------------------------------------------------- JavaScript


def _package_json(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = json.loads(text)
    out: dict[str, _Entry] = {}
    for section in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        for name, value in (data.get(section, {}) or {}).items():
            if isinstance(value, str):
                out.setdefault(name, _npm_range(value))
    return out


def _npm_range(value: str) -> _Entry:
    value = value.strip()
    if value.startswith("npm:") and "@" in value[4:]:
        value = value.rsplit("@", 1)[1]  # an alias: "npm:jira.js@^4.1.0"
    if re.fullmatch(r"v?=?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?", value):
        return _Entry(value.lstrip("v="), None)
    if value in ("", "*", "latest", "x") or ":" in value or "/" in value:
        return _Entry(None, None)  # any version, a tag, a git/file/workspace reference
    return _Entry(None, value)


def _package_lock(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = json.loads(text)
    out: dict[str, _Entry] = {}
    packages = data.get("packages") or {}
    prefix = "" if project == "." else project + "/"
    for key, value in packages.items():  # lockfileVersion 2 and 3
        if not isinstance(value, dict) or "node_modules/" not in key or "version" not in value:
            continue
        owner, _, name = key.rpartition("node_modules/")
        if owner in ("", prefix) and (owner == prefix or name not in out):
            out[name] = _Entry(str(value["version"]), None)
    for name, value in (data.get("dependencies") or {}).items():  # lockfileVersion 1
        if isinstance(value, dict) and "version" in value:
            out.setdefault(name, _Entry(str(value["version"]), None))
    return out


def _yarn_lock(text: str, path: Path, project: str) -> dict[str, _Entry]:
    """yarn.lock: Berry files are YAML; classic (v1) files are ``"name@range":`` blocks with an
    indented ``version "x"`` line, read line by line."""
    if "__metadata:" in text:
        return _yarn_berry(_yaml(text))
    out: dict[str, _Entry] = {}
    names: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() and line.rstrip().endswith(":"):
            names = [_spec_name(s.strip().strip('"')) for s in line.rstrip()[:-1].split(",")]
        elif line.startswith("  version ") and names:
            version = line.split(None, 1)[1].strip().strip('"')
            for name in names:
                out.setdefault(name, _Entry(version, None))
            names = []
    return out


def _spec_name(spec: str) -> str:
    """``@scope/name@^1`` -> ``@scope/name``; ``name@npm:^1`` -> ``name``."""
    head, sep, _ = spec[1:].partition("@")
    return ("@" + head if spec.startswith("@") else spec[0] + head) if sep else spec


def _yarn_berry(data: Any) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for key, value in (data or {}).items():
        if key == "__metadata" or not isinstance(value, dict) or "version" not in value:
            continue
        for spec in str(key).split(","):
            out.setdefault(_spec_name(spec.strip()), _Entry(str(value["version"]), None))
    return out


def _pnpm_lock(text: str, path: Path, project: str) -> dict[str, _Entry]:
    data = _yaml(text) or {}
    out: dict[str, _Entry] = {}

    def take(deps: Any) -> None:
        for name, value in (deps or {}).items():
            version = value.get("version") if isinstance(value, dict) else value
            match = _VERSION.match(str(version or ""))
            if match:
                out.setdefault(str(name), _Entry(match.group(0).split("(")[0], None))

    importers = data.get("importers") or {}
    for key in (project, "."):
        importer = importers.get(key)
        if isinstance(importer, dict):
            for section in ("dependencies", "devDependencies", "optionalDependencies"):
                take(importer.get(section))
    for section in ("dependencies", "devDependencies", "optionalDependencies"):  # lockfile v5
        take(data.get(section))
    for key in data.get("packages") or {}:
        name, version = _pnpm_package_key(str(key))
        if name and version:
            out.setdefault(name, _Entry(version, None))
    return out


def _pnpm_package_key(key: str) -> tuple[str | None, str | None]:
    """``/jira.js/4.1.3``, ``/jira.js@4.1.3``, ``jira.js@4.1.3(peer@1)`` -> (name, version)."""
    key = key.lstrip("/").split("(")[0]
    if "@" in key[1:]:
        name, _, version = key.rpartition("@")
    else:
        name, _, version = key.rpartition("/")
    return (name or None), (version if _VERSION.fullmatch(version) else None)


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    return yaml.load(text)


# --------------------------------------------------------------------------- Go


def _go_mod(text: str, path: Path, project: str) -> dict[str, _Entry]:
    """``require`` directives of a go.mod (single lines and blocks); ``v1.16.0`` -> 1.16.0.
    (go.mod is Go's own line format; there is no standard-library reader for it.)"""
    out: dict[str, _Entry] = {}
    block = False
    for raw in text.splitlines():
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        if block:
            if line == ")":
                block = False
            elif len(words) >= 2:
                out.setdefault(words[0].strip('"'), _Entry(words[1].removeprefix("v"), None))
            continue
        if words[0] == "require":
            if words[1:] == ["("]:
                block = True
            elif len(words) >= 3:
                out.setdefault(words[1].strip('"'), _Entry(words[2].removeprefix("v"), None))
    return out


_READERS = {
    "go.mod": _go_mod,
    "pyproject.toml": _pyproject,
    "Pipfile": _pipfile,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "Pipfile.lock": _pipfile_lock,
    "poetry.lock": _toml_lock,
    "uv.lock": _toml_lock,
    "package.json": _package_json,
    "package-lock.json": _package_lock,
    "npm-shrinkwrap.json": _package_lock,
    "yarn.lock": _yarn_lock,
    "pnpm-lock.yaml": _pnpm_lock,
}
