"""Add entries to (or remove them from) the lists of a Forge ``manifest.yml`` other than
``permissions.scopes``: ``permissions.external.fetch.backend``, ``.fetch.client``,
``.images`` (issue #21).

As :mod:`~scopelint.fixing.scope_lists` does for scopes, only the list changes (comments,
order, quoting and the other entries stay byte for byte), a list that does not exist yet is
created with its missing parents (``permissions.external.fetch``), the new entries are placed
to keep an already sorted list of plain entries sorted (else at the end), and the result is
loaded again and compared with what was meant; :class:`~scopelint.fixing.yaml_text.EditError`
otherwise.  Entries written as ``{address: ...}`` mappings are kept and count as present,
and a list whose last entry is one gets its new entries in that form too (``- address:
host``); a removal takes plain one-line entries and block ``{address}`` entries (all their
lines).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from scopelint.fixing import yaml_text
from scopelint.fixing.scope_lists import _expected
from scopelint.fixing.yaml_text import EditError, YNode

EDITABLE_LISTS = (
    "permissions.external.fetch.backend",
    "permissions.external.fetch.client",
    "permissions.external.images",
)


def _key_path(dotted: str) -> tuple[str, ...]:
    if dotted not in EDITABLE_LISTS:
        raise EditError(f"{dotted}: not a manifest list scopelint edits")
    return tuple(dotted.split("."))


def _entry_value(node: YNode) -> str | None:
    if node.kind == "scalar":
        return node.value
    if node.kind == "map":
        pair = node.get("address")
        if pair is not None and pair[1].kind == "scalar":
            return pair[1].value
    return None


def _plain(data: Any) -> list[Any]:
    return list(data) if isinstance(data, list) else []


def _data_at(text: str, path: Sequence[str]) -> Any:
    node: Any = yaml_text.load_data(text)
    for step in path:
        if not isinstance(node, dict):
            return None
        node = node.get(step)
    return node


def edit_entries(text: str, add: Iterable[tuple[str, str]], remove: Iterable[tuple[str, str]] = ()) -> str:
    """``text`` with each ``(dotted list, value)`` of ``add`` added and of ``remove`` removed."""
    wanted: dict[str, list[str]] = {}
    for dotted, value in add:
        values = wanted.setdefault(dotted, [])
        if value not in values:
            values.append(value)
    unwanted: dict[str, set[str]] = {}
    for dotted, value in remove:
        unwanted.setdefault(dotted, set()).add(value)
    for dotted in sorted(set(wanted) | set(unwanted)):
        text = _edit_list(text, _key_path(dotted), wanted.get(dotted, []), unwanted.get(dotted, set()))
    return text


def _edit_list(text: str, path: tuple[str, ...], add: list[str], remove: set[str]) -> str:
    where = ".".join(path)
    before = _plain(_data_at(text, path))
    present = {
        item if isinstance(item, str) else item.get("address")
        for item in before
        if isinstance(item, (str, dict))
    }
    additions = [value for value in add if value not in present]
    expected_list = [item for item in before if not _removed(item, remove)]
    new_text = text
    if additions:
        new_text = _add(new_text, path, additions, where)
        expected_list = _plain(_data_at(new_text, path))
        expected_list = [item for item in expected_list if not _removed(item, remove)]
    if remove & present:
        new_text = _remove(new_text, path, remove, where)
    if new_text == text:
        return text
    wanted_data = _expected(yaml_text.load_data(text), list(path), expected_list)
    if yaml_text.load_data(new_text) != wanted_data or any(v not in _values(new_text, path) for v in add):
        raise EditError(f"{where}: could not change the list without changing more")
    return new_text


def _removed(item: Any, remove: set[str]) -> bool:
    if isinstance(item, str):
        return item in remove
    return isinstance(item, dict) and item.get("address") in remove


def _values(text: str, path: Sequence[str]) -> list[str]:
    return [
        value
        for item in _plain(_data_at(text, path))
        if (value := item if isinstance(item, str) else (item or {}).get("address")) is not None
    ]


def _add(text: str, path: tuple[str, ...], additions: list[str], where: str) -> str:
    located = yaml_text.locate(yaml_text.parse_tree(text), path)
    if located.node is None:
        return yaml_text.create_at_path(text, path, ("seq", sorted(additions)))
    node = located.node
    if node.kind != "seq":
        raise EditError(f"{where} is {yaml_text.node_kind_text(node)}, not a list")
    for value in additions:
        found = yaml_text.locate(yaml_text.parse_tree(text), path).node
        if found is None or found.kind != "seq":
            raise EditError(f"{where}: the list changed while it was edited")
        node = found
        current = [_entry_value(item) for item in node.items]
        plain = [item for item in current if item is not None]
        keep_sorted = (
            all(item.kind == "scalar" for item in node.items) and plain == sorted(plain) and bool(plain)
        )
        position = bisect.bisect(plain, value) if keep_sorted else len(node.items)
        last = node.items[-1] if node.items else None
        if last is not None and not node.flow and last.kind == "map" and last.get("address"):
            text = _append_address(text, node, value, where)
        else:
            text = yaml_text.seq_insert(text, node, position, value, where)
    return text


def _append_address(text: str, seq: YNode, value: str, where: str) -> str:
    """Append ``- address: value`` to a block list whose last entry is an ``{address}`` mapping
    (the form Forge CLI 13.3 writes; plain strings there are deprecated), quoted as that
    entry's address is."""
    last = seq.items[-1]
    pair = last.get("address")
    assert pair is not None
    start = yaml_text.line_start(text, last.start)
    prefix = text[start:last.start]
    if not yaml_text.DASH_PREFIX.match(prefix):
        raise EditError(f"{where} has an item that does not start its own line")
    line = prefix + "address: " + yaml_text.render_scalar(value, yaml_text.item_style(pair[1]))
    return yaml_text.insert_lines(text, yaml_text.after_line(text, last.end), [line])


def _remove_mapping(text: str, item: YNode, where: str) -> str:
    """Remove a block ``- address: ...`` entry with all of its lines (category, inScopeEUD)."""
    start = yaml_text.line_start(text, item.start)
    if not yaml_text.DASH_PREFIX.match(text[start:item.start]):
        raise EditError(f"{where} has an item that does not start its own line")
    end = yaml_text.after_line(text, item.end)
    if text[item.end:end].strip() and not text[item.end:end].strip().startswith("#"):
        raise EditError(f"{where} has an item followed by more text on its line")
    return text[:start] + text[end:]


def _remove(text: str, path: tuple[str, ...], remove: set[str], where: str) -> str:
    while True:
        located = yaml_text.locate(yaml_text.parse_tree(text), path)
        node = located.node
        if node is None or node.kind != "seq":
            return text
        indexes = [
            i for i, item in enumerate(node.items)
            if (item.kind == "scalar" or (item.kind == "map" and not node.flow))
            and _entry_value(item) in remove
        ]
        if not indexes:
            return text
        if node.items[indexes[-1]].kind == "map":
            text = _remove_mapping(text, node.items[indexes[-1]], where)
        else:
            text = yaml_text.seq_remove(text, node, indexes[-1], where)
        if len(node.items) == 1 and not node.flow:
            if located.key is None:
                raise EditError(f"{where}: cannot empty a list that has no key")
            return yaml_text.empty_block_list_marker(text, located.key)
