"""Nothing scopelint reads is executed or imported: a static check of its own source.

(The behaviour is checked in test_hostile_tree: YAML tags construct nothing, Python and
JavaScript files with side effects never run.)  Here: every ruamel ``YAML(...)`` names a
safe or round-trip loader, no unsafe deserialiser is imported, nothing calls eval/exec,
and every dynamic import is of one of scopelint's own modules, from its own registries.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import scopelint
from scopelint.cli.main import COMMANDS
from scopelint.reporting import REPORTERS
from scopelint.scanning.registry import EXTRACTORS, TEXT_EXTRACTOR

PACKAGE = Path(scopelint.__file__).resolve().parent
SAFE_YAML_TYPES = {"safe", "rt"}
UNSAFE_MODULES = {"yaml", "pickle", "cPickle", "marshal", "shelve", "dill", "jsonpickle"}
LEGACY_LOADERS = {"load", "load_all", "unsafe_load", "full_load"}
SOURCES = sorted(PACKAGE.rglob("*.py"))


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_module_loads_nothing_unsafely(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not {alias.name.split(".")[0] for alias in node.names} & UNSAFE_MODULES, ast.dump(node)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            assert node.module.split(".")[0] not in UNSAFE_MODULES, node.module
            if node.module == "ruamel.yaml":
                assert not {alias.name for alias in node.names} & LEGACY_LOADERS, ast.dump(node)
    for call in calls(tree):
        name = called_name(call)
        where = f"{path.name}:{call.lineno}"
        assert name not in {"eval", "exec", "__import__"}, where
        if name == "YAML":
            typ = next((k.value for k in call.keywords if k.arg == "typ"), None)
            assert isinstance(typ, ast.IfExp | ast.Constant), f"{where}: name the loader type"
            values = [typ.body, typ.orelse] if isinstance(typ, ast.IfExp) else [typ]
            for value in values:
                assert isinstance(value, ast.Constant) and value.value in SAFE_YAML_TYPES, where
        if name in LEGACY_LOADERS and isinstance(call.func, ast.Attribute):
            owner = call.func.value  # ruamel.yaml.load(...): the old API, unsafe by default
            assert not (isinstance(owner, ast.Attribute) and owner.attr == "yaml"), where


def test_dynamic_imports_are_of_scopelint_modules_only() -> None:
    modules = [spec.module for spec in (*EXTRACTORS, TEXT_EXTRACTOR)]
    modules += list(REPORTERS.values())
    modules += [target.partition(":")[0] for target, _help in COMMANDS.values()]
    assert modules and all(module.startswith("scopelint.") for module in modules), modules
