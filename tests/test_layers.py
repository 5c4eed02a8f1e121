"""Data flows one way: imports only go down the layers, and no two packages import each other.

Every module of ``scopelint/`` is parsed (never imported) and each import is collected: at
module level, inside functions, under ``if TYPE_CHECKING:``, and the lazy ones written as a
string (``importlib.import_module("scopelint.api")``, a registry entry such as
``"scopelint.cli.check_cmd:check"``).  Inside one package anything goes.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scopelint"

# Bottom first.  A unit is a package (every module under it) or a single module; a module may
# import any unit of its own layer or of a layer below.  README's "How it is built" shows the
# same table (checked below).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plain types, errors, common helpers",
     ("scopelint", "scopelint.model", "scopelint.errors", "scopelint.common")),
    ("knowledge base", ("scopelint.kb",)),
    ("configuration", ("scopelint.config",)),
    ("scanning", ("scopelint.scanning",)),
    ("rules", ("scopelint.rules",)),
    ("reporting", ("scopelint.reporting",)),
    ("fixing", ("scopelint.fixing",)),
    ("check pipeline", ("scopelint.check",)),
    ("features",
     ("scopelint.suggest", "scopelint.explain", "scopelint.observe", "scopelint.cloud_id")),
    ("entry points", ("scopelint.api", "scopelint.cli", "scopelint.__main__")),
)

_MODULE_STRING = re.compile(r"^scopelint(?:\.[A-Za-z_]\w*)*(?::[A-Za-z_]\w*)?$")


@dataclass(frozen=True, slots=True)
class Import:
    importer: str  # module name
    imported: str  # module (or package) name
    line: int
    how: str  # "import", "lazy import", "string import"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def unit_of(module: str) -> str | None:
    """The unit (package or module of LAYERS) ``module`` belongs to; the longest match wins."""
    best: str | None = None
    for _layer, units in LAYERS:
        for unit in units:
            inside = module == unit or (unit != "scopelint" and module.startswith(unit + "."))
            if inside and (best is None or len(unit) > len(best)):
                best = unit
    return best


def layer_of(unit: str) -> int:
    return next(index for index, (_name, units) in enumerate(LAYERS) if unit in units)


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, target] if target else base)


def _imports_of(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        how = "import" if id(node) in top_level else "lazy import"
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno, how)
        elif isinstance(node, ast.ImportFrom):
            target = node.module
            if node.level:
                target = _resolve_relative(module, is_package, node.level, node.module)
            if target is None:
                continue
            for alias in node.names:
                # "from scopelint.common import user_cache" imports a module of that package
                yield Import(module, f"{target}.{alias.name}", node.lineno, how)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _MODULE_STRING.match(node.value)
        ):
            yield Import(module, node.value.split(":", 1)[0], node.lineno, "string import")


@cache
def all_imports() -> tuple[Import, ...]:
    return tuple(
        found
        for module, path in modules().items()
        for found in _imports_of(module, path)
        if found.imported == "scopelint" or found.imported.startswith("scopelint.")
    )


def _imported_unit(name: str) -> str | None:
    """The unit of an imported name; ``scopelint.x.attr`` falls back to ``scopelint.x``."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return unit_of(name) if name else None


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [module for module in modules() if unit_of(module) is None]
    assert unplaced == [], (
        f"{unplaced}: put each new package or top-level module in a layer of LAYERS "
        "(tests/test_layers.py) and of README's 'How it is built'"
    )


def test_imports_only_go_down_the_layers() -> None:
    upward = []
    for found in all_imports():
        source, target = unit_of(found.importer), _imported_unit(found.imported)
        if source is None or target is None or source == target:
            continue
        if layer_of(target) > layer_of(source):
            upward.append(
                f"{found.importer}:{found.line} ({LAYERS[layer_of(source)][0]}) {found.how}s "
                f"{found.imported} ({LAYERS[layer_of(target)][0]})"
            )
    assert upward == [], "imports from a lower layer to a higher one:\n" + "\n".join(upward)


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for found in all_imports():
        source, target = unit_of(found.importer), _imported_unit(found.imported)
        if source is not None and target is not None and source != target:
            graph.setdefault(source, set()).add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path (first node repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_no_import_cycle_between_packages() -> None:
    cycle = find_cycle(_package_graph())
    assert cycle is None, "import cycle between packages: " + " -> ".join(cycle or [])


MAX_MODULE_LINES = 600


def test_no_module_is_over_600_lines() -> None:
    long = [
        f"{module}: {lines} lines"
        for module, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == [], f"split these modules (at most {MAX_MODULE_LINES} lines): {long}"


# --------------------------------------------------------------------------- the test's own parts


def test_the_import_collector_sees_every_kind_of_import(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import scopelint.kb.table\n"
        "from scopelint.common import user_cache\n"
        "if TYPE_CHECKING:\n"
        "    from scopelint.check.engine import LintOptions\n"
        "def f():\n"
        "    from scopelint.reporting import render\n"
        "    return importlib.import_module('scopelint.api')\n"
        "COMMANDS = {'check': 'scopelint.cli.check_cmd:check'}\n"
        "TEXT = 'scopelint.kb is a package'\n",
        encoding="utf-8",
    )
    found = {(i.imported, i.how) for i in _imports_of("scopelint.rules.sample", source)}
    assert found >= {
        ("scopelint.kb.table", "import"),
        ("scopelint.common.user_cache", "import"),
        ("scopelint.check.engine.LintOptions", "lazy import"),
        ("scopelint.reporting.render", "lazy import"),
        ("scopelint.api", "string import"),
        ("scopelint.cli.check_cmd", "string import"),
    }
    assert not any("is a package" in name for name, _how in found)


def test_units_and_relative_imports_resolve() -> None:
    assert unit_of("scopelint") == "scopelint"
    assert unit_of("scopelint.kb.router") == "scopelint.kb"
    assert unit_of("scopelint.cloud_id") == "scopelint.cloud_id"
    assert unit_of("scopelint.nowhere") is None
    assert _resolve_relative("scopelint.kb.router", False, 1, "table") == "scopelint.kb.table"
    assert _resolve_relative("scopelint.kb", True, 2, "model") == "scopelint.model"
    assert _imported_unit("scopelint.check.engine.LintOptions") == "scopelint.check"


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"c"}}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": {"b2", "c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_find_cycle(graph: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


# --------------------------------------------------------------------------- README


def _how_it_is_built() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## How it is built")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else len(readme)]


def _readme_name(unit: str) -> str:
    """How README names a unit: ``scopelint/kb/``, ``scopelint/model.py``."""
    if unit == "scopelint":
        return "scopelint/__init__.py"
    path = unit.replace(".", "/")
    return f"{path}.py" if (REPO / f"{path}.py").is_file() else f"{path}/"


def test_readme_shows_the_layers_in_this_order() -> None:
    section = _how_it_is_built()
    rows = [line for line in section.splitlines() if re.match(r"^\|\s*\d+\s*\|", line)]
    assert len(rows) == len(LAYERS), "README's layer table has one numbered row per layer"
    for row, (_name, units) in zip(rows, LAYERS, strict=True):
        shown = set(re.findall(r"`(scopelint[^`]*)`", row))
        wanted = {_readme_name(unit) for unit in units}
        assert wanted <= shown, f"README row {row!r} should name {sorted(wanted - shown)}"


def test_readme_names_every_top_level_folder() -> None:
    section = _how_it_is_built()
    folders = sorted(
        path.name for path in REPO.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in {"build", "dist"}
        and not path.name.endswith(".egg-info")
    )
    missing = [name for name in folders if f"`{name}/`" not in section]
    assert missing == [], f"README's 'How it is built' does not name {missing}"
