"""The shape of scopelint/scanning: small modules, no import cycle, and packages that talk to
each other only through their front doors (see scopelint/scanning/README.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import scopelint.scanning

SCANNING = Path(scopelint.scanning.__file__).parent
PREFIX = "scopelint.scanning"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SCANNING.parent.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(SCANNING.rglob("*.py"))}


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path) -> set[str]:
    """Every scopelint.scanning module ``path`` imports, at module or function level
    (imports only for type checking do not run, and are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_block(node):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return {name for name in found if name in MODULES}


GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


def test_no_scanning_module_is_over_600_lines() -> None:
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_there_is_no_import_cycle_inside_scanning() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return [*path, name, target]
            if target not in state:
                cycle = visit(target, [*path, name])
                if cycle:
                    return cycle
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state:
            assert visit(name, []) is None


def _package(name: str, group: str) -> str | None:
    """``scopelint.scanning.languages.python.calls`` -> ``...languages.python``."""
    head = f"{PREFIX}.{group}."
    if not name.startswith(head):
        return None
    return head + name[len(head):].split(".", 1)[0]


def test_languages_and_formats_use_other_packages_only_through_their_front_door() -> None:
    wrong: list[tuple[str, str]] = []
    for name, targets in GRAPH.items():
        own = _package(name, "languages")
        for target in targets:
            other = _package(target, "languages")
            if other is not None and other != own and target != other:
                wrong.append((name, target))  # another language's internals
    assert wrong == []


def test_the_core_imports_no_language_and_no_format() -> None:
    core = {name: targets for name, targets in GRAPH.items() if name.startswith(f"{PREFIX}.core")}
    assert core, "the core exists"
    assert {
        (name, target) for name, targets in core.items() for target in targets
        if target.startswith((f"{PREFIX}.languages", f"{PREFIX}.formats", f"{PREFIX}.declarations"))
    } == set()
