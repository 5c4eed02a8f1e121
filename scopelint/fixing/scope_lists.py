"""Add scopes to / remove scopes from a declaration file's scope list, returning the new text.

Only the scope list changes; comments, key order, quoting, indentation and line endings
elsewhere stay byte for byte.  New scopes go where they keep an already sorted list sorted,
otherwise at the end in the order given; scopes already present are left alone (adding them
again returns the text unchanged).  A list that does not exist yet is created (sorted).
The result is always loaded again and compared with what was meant; when the two differ, or
the file has a shape that cannot be edited without reformatting it, :class:`EditError` is
raised and nothing should be written.

YAML (Forge ``manifest.yml``: key path ``("permissions", "scopes")``; ``.scopelint.yaml``:
``("scopes",)``) is edited at the exact character spans ruamel's parser reports; TOML
(``.scopelint.toml``: table path ``()``; ``pyproject.toml``: ``("tool", "scopelint")``) with
tomlkit.  An int in a path indexes a list, e.g. ``("tokens", 0, "scopes")``.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterable, Sequence
from typing import Any

from scopelint.fixing import toml_text, yaml_text
from scopelint.fixing.yaml_text import EditError, PathKey

__all__ = [
    "EditError",
    "add_scopes_toml",
    "add_scopes_yaml",
    "remove_scopes_toml",
    "remove_scopes_yaml",
]

FORGE_SCOPES_PATH: tuple[str, ...] = ("permissions", "scopes")
CONFIG_SCOPES_PATH: tuple[str, ...] = ("scopes",)
PYPROJECT_TABLE: tuple[str, ...] = ("tool", "scopelint")


def _unique(scopes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(str(scope) for scope in scopes))


def merged_list(values: Sequence[str], additions: Iterable[str]) -> list[str]:
    """``values`` with ``additions`` placed as the fixer places them (the expected result)."""
    result = list(values)
    keep_sorted = result == sorted(result)
    for scope in _unique(additions):
        if scope in result:
            continue
        if keep_sorted:
            bisect.insort(result, scope)
        else:
            result.append(scope)
    return result


def _expected(data: Any, path: Sequence[PathKey], new_list: list[str]) -> Any:
    expected = copy.deepcopy(data) if data is not None else {}
    node = expected
    for step in path[:-1]:
        if isinstance(step, str) and (not isinstance(node, dict) or node.get(step) is None):
            node[step] = {}
        node = node[step]
    node[path[-1]] = new_list
    return expected


def _yaml_values(node: yaml_text.YNode, where: str) -> list[str]:
    if node.kind != "seq":
        raise EditError(f"{where} is {yaml_text.node_kind_text(node)}, not a list")
    values = []
    for item in node.items:
        if item.kind != "scalar":
            raise EditError(f"{where} holds an entry that is not a plain scope name")
        values.append(item.value)
    return values


def _check_yaml(old_text: str, new_text: str, path: Sequence[PathKey], new_list: list[str]) -> str:
    if yaml_text.load_data(new_text) != _expected(yaml_text.load_data(old_text), path, new_list):
        raise EditError(
            f"{toml_text.path_text(path)}: could not change the list without changing more"
        )
    return new_text


# --------------------------------------------------------------------------- YAML


def add_scopes_yaml(
    text: str, key_path: Sequence[PathKey] = FORGE_SCOPES_PATH, scopes: Iterable[str] = ()
) -> str:
    """``text`` with ``scopes`` added to the list at ``key_path`` (created when missing)."""
    wanted = _unique(scopes)
    where = toml_text.path_text(key_path)
    if not wanted or not key_path:
        return text
    located = yaml_text.locate(yaml_text.parse_tree(text), key_path)
    if located.node is None:
        new_list = sorted(wanted)
        new_text = yaml_text.create_at_path(text, key_path, ("seq", new_list))
        return _check_yaml(text, new_text, key_path, new_list)
    values = _yaml_values(located.node, where)
    final = merged_list(values, wanted)
    if final == values:
        return text
    new_text = text
    for scope in final:
        if scope in values:
            continue
        node = yaml_text.locate(yaml_text.parse_tree(new_text), key_path).node
        assert node is not None
        current = _yaml_values(node, where)
        index = final.index(scope)
        # insert before the first present item that comes after it in the final order
        position = next(
            (i for i, value in enumerate(current) if final.index(value) > index), len(current)
        )
        new_text = yaml_text.seq_insert(new_text, node, position, scope, where)
        values = [*values, scope]
    return _check_yaml(text, new_text, key_path, final)


def remove_scopes_yaml(
    text: str, key_path: Sequence[PathKey] = FORGE_SCOPES_PATH, scopes: Iterable[str] = ()
) -> str:
    """``text`` without ``scopes`` in the list at ``key_path`` (every occurrence)."""
    unwanted = set(_unique(scopes))
    where = toml_text.path_text(key_path)
    if not unwanted or not key_path:
        return text
    located = yaml_text.locate(yaml_text.parse_tree(text), key_path)
    if located.node is None:
        return text
    values = _yaml_values(located.node, where)
    final = [value for value in values if value not in unwanted]
    if final == values:
        return text
    new_text = text
    while True:
        located = yaml_text.locate(yaml_text.parse_tree(new_text), key_path)
        node = located.node
        if node is None:
            break
        current = _yaml_values(node, where)
        indexes = [i for i, value in enumerate(current) if value in unwanted]
        if not indexes:
            break
        new_text = yaml_text.seq_remove(new_text, node, indexes[-1], where)
        if len(current) == 1 and not node.flow:
            if located.key is None:
                raise EditError(f"{where}: cannot empty a list that has no key")
            new_text = yaml_text.empty_block_list_marker(new_text, located.key)
            break
    return _check_yaml(text, new_text, key_path, final)


# --------------------------------------------------------------------------- TOML


def _toml_values(array: Any, where: str) -> list[str]:
    from tomlkit.items import Array

    if not isinstance(array, Array):
        raise EditError(f"{where} is not an array")
    values = []
    for item in array:
        if not isinstance(item, str):
            raise EditError(f"{where} holds an entry that is not a scope name")
        values.append(str(item))
    return values


def _check_toml(
    old_text: str, new_text: str, path: Sequence[PathKey], new_list: list[str] | None
) -> str:
    expected: Any = toml_text.load_data(old_text)
    if new_list is not None:
        expected = _expected(expected, path, new_list)
    if toml_text.load_data(new_text) != expected:
        raise EditError(f"{toml_text.path_text(path)}: could not change the array without changing more")
    return new_text


def add_scopes_toml(
    text: str,
    table_path: Sequence[PathKey] = PYPROJECT_TABLE,
    scopes: Iterable[str] = (),
    key: str = "scopes",
) -> str:
    """``text`` with ``scopes`` added to the ``key`` array of the table at ``table_path``."""
    import tomlkit

    wanted = _unique(scopes)
    full_path = (*table_path, key)
    where = toml_text.path_text(full_path)
    if not wanted:
        return text
    document = toml_text.parse(text)
    table = toml_text.table_at(document, table_path, create=True)
    if key not in table:
        new_list = sorted(wanted)
        array = tomlkit.array()
        array.extend(new_list)
        table[key] = array
        return _check_toml(text, tomlkit.dumps(document), full_path, new_list)
    array = table[key]
    values = _toml_values(array, where)
    final = merged_list(values, wanted)
    if final == values:
        return text
    for scope in final:
        if scope in values:
            continue
        current = _toml_values(array, where)
        index = final.index(scope)
        position = next(
            (i for i, value in enumerate(current) if final.index(value) > index), len(current)
        )
        item = toml_text.string_like(array, scope)
        if position == len(current):
            array.append(item)
        elif position == 0 and "\n" not in array.as_string():
            # tomlkit glues an item inserted first on one line to the next ("a","b"):
            # insert it second, then swap the first two values
            array.insert(1, item)
            first, second = array[0], array[1]
            array[0] = second
            array[1] = first
        else:
            array.insert(position, item)
    return _check_toml(text, tomlkit.dumps(document), full_path, final)


def remove_scopes_toml(
    text: str,
    table_path: Sequence[PathKey] = PYPROJECT_TABLE,
    scopes: Iterable[str] = (),
    key: str = "scopes",
) -> str:
    """``text`` without ``scopes`` in the ``key`` array of the table at ``table_path``."""
    import tomlkit

    unwanted = set(_unique(scopes))
    full_path = (*table_path, key)
    where = toml_text.path_text(full_path)
    if not unwanted:
        return text
    document = toml_text.parse(text)
    table = toml_text.table_at(document, table_path, create=False)
    if table is None or key not in table:
        return text
    array = table[key]
    values = _toml_values(array, where)
    final = [value for value in values if value not in unwanted]
    if final == values:
        return text
    for index in reversed(range(len(values))):
        if values[index] in unwanted:
            del array[index]
    return _check_toml(text, tomlkit.dumps(document), full_path, final)
