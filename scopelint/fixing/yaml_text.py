"""Edit YAML text in place, changing only the characters that must change.

ruamel's parser gives the exact character span of every node; the functions here insert or
remove list items and mapping entries at those spans, copying the indentation, dash and
quoting of the neighbouring items.  Everything outside the edited list/mapping stays byte for
byte as it was (comments, key order, quoting, blank lines, line endings).  A document shape
that cannot be edited that way (anchors on the edited node, block scalars, ...) raises
:class:`EditError` rather than reformatting the user's file.  Callers check the result by
loading it again (:func:`load_data`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from scopelint.errors import ScopelintError

NodeKind = Literal["scalar", "seq", "map", "alias"]
PathKey = str | int
Payload = tuple[Literal["seq"], list[str]] | tuple[Literal["map"], list[tuple[str, str]]]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DASH_PREFIX = re.compile(r"^[ \t]*-[ \t]+$")
DASH_PREFIX = _DASH_PREFIX  # the text before a block list item on its line
_REST_OF_LINE = re.compile(r"^[ \t]*(#.*)?\r?$")


class EditError(ScopelintError):
    """The text cannot be edited without reformatting it; ``str()`` says why, in one line."""


@dataclass(slots=True)
class YNode:
    kind: NodeKind
    start: int  # character index of the first character (a quote, '[', '{', '-' ...)
    end: int  # character index just after the node (block collections: after the last child)
    column: int
    flow: bool = False
    value: str = ""  # scalars
    style: str | None = None  # scalars: None (plain), "'", '"', "|", ">"
    anchor: str | None = None
    items: list[YNode] = field(default_factory=list)
    pairs: list[tuple[YNode, YNode]] = field(default_factory=list)
    close: int = -1  # flow collections: index of the closing bracket

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.style is None and self.value in _NULLS

    def get(self, key: PathKey) -> tuple[YNode, YNode] | None:
        """The (key, value) pair of a mapping, or (item, item) of a sequence index."""
        if self.kind == "map" and isinstance(key, str):
            for pair in self.pairs:
                if pair[0].kind == "scalar" and pair[0].value == key:
                    return pair
            return None
        if self.kind == "seq" and isinstance(key, int) and -len(self.items) <= key < len(self.items):
            item = self.items[key]
            return item, item
        return None


# --------------------------------------------------------------------------- parsing


def load_data(text: str) -> Any:
    """The plain data of a YAML text (safe loader); EditError when it does not load."""
    from scopelint.config import load_yaml_text

    try:
        return load_yaml_text(text)
    except Exception as exc:  # ruamel's YAMLError family
        raise EditError(f"not valid YAML ({_first_line(exc)})") from None


def parse_tree(text: str) -> YNode | None:
    """The node tree of a one-document YAML text (None when the text holds no document)."""
    from ruamel.yaml import YAML

    try:
        events = list(YAML(typ="safe", pure=True).parse(text))
    except Exception as exc:  # ruamel's YAMLError family
        raise EditError(f"not valid YAML ({_first_line(exc)})") from None
    builder = _TreeBuilder(events)
    return builder.build()


def _first_line(exc: Exception) -> str:
    from scopelint.config import describe_yaml_error

    return describe_yaml_error(exc)


class _TreeBuilder:
    def __init__(self, events: list[Any]) -> None:
        self.events = events
        self.pos = 0

    def _name(self) -> str:
        return type(self.events[self.pos]).__name__

    def build(self) -> YNode | None:
        root: YNode | None = None
        documents = 0
        while self.pos < len(self.events):
            name = self._name()
            if name == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise EditError("holds more than one YAML document")
                self.pos += 1
                if self._name() != "DocumentEndEvent":
                    root = self._node()
            else:
                self.pos += 1
        return root

    def _node(self) -> YNode:
        event = self.events[self.pos]
        name = type(event).__name__
        self.pos += 1
        start, column = event.start_mark.index, event.start_mark.column
        anchor = getattr(event, "anchor", None)
        if name == "ScalarEvent":
            return YNode("scalar", start, event.end_mark.index, column, value=event.value,
                         style=event.style or None, anchor=anchor)
        if name == "AliasEvent":
            return YNode("alias", start, event.end_mark.index, column)
        flow = bool(event.flow_style)
        if name == "SequenceStartEvent":
            node = YNode("seq", start, start, column, flow=flow, anchor=anchor)
            while self._name() != "SequenceEndEvent":
                node.items.append(self._node())
            last = node.items[-1].end if node.items else event.end_mark.index
        elif name == "MappingStartEvent":
            node = YNode("map", start, start, column, flow=flow, anchor=anchor)
            while self._name() != "MappingEndEvent":
                key = self._node()
                node.pairs.append((key, self._node()))
            last = node.pairs[-1][1].end if node.pairs else event.end_mark.index
        else:
            raise EditError(f"unexpected YAML event {name}")
        end_event = self.events[self.pos]
        self.pos += 1
        if flow:
            node.close = end_event.start_mark.index
            node.end = end_event.end_mark.index
        else:
            node.end = last
        return node


# --------------------------------------------------------------------------- text helpers


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def after_line(text: str, index: int) -> int:
    """Index of the start of the line after the one ``index`` is on (len(text) at the end)."""
    if index > 0 and text[index - 1] == "\n":  # already at the start of a line
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def insert_lines(text: str, position: int, lines: Sequence[str]) -> str:
    """Insert whole lines at ``position`` (a line start, or the end of the text)."""
    nl = newline_of(text)
    block = "".join(line + nl for line in lines)
    if position == len(text) and text and not text.endswith("\n"):
        return text + nl + block.removesuffix(nl)
    return text[:position] + block + text[position:]


def column_of(text: str, index: int) -> int:
    return index - line_start(text, index)


# --------------------------------------------------------------------------- scalars


def _plain_ok(value: str) -> bool:
    if not value or value != value.strip() or "\n" in value or "\r" in value:
        return False
    try:
        return bool(
            load_data(f"k: {value}\n") == {"k": value}
            and load_data(f"k: [{value}]\n") == {"k": [value]}
            and load_data(f"- {value}\n") == [value]
        )
    except EditError:
        return False


def render_scalar(value: str, style: str | None) -> str:
    """``value`` as a YAML scalar in ``style`` (None: plain when that reads back the same)."""
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style is None and _plain_ok(value):
        return value
    return "'" + value.replace("'", "''") + "'"


def item_style(node: YNode | None) -> str | None:
    """The quoting of a scalar (None: plain, or not a scalar), for a new neighbour."""
    return _item_style(node)


def _item_style(node: YNode | None) -> str | None:
    if node is None or node.kind != "scalar" or node.style not in (None, "'", '"'):
        return None
    return node.style


def _require_editable(node: YNode, what: str) -> None:
    if node.anchor:
        raise EditError(f"{what} carries an anchor (&{node.anchor}); not editing it")
    if node.kind == "alias":
        raise EditError(f"{what} is an alias; not editing it")


# --------------------------------------------------------------------------- sequences


def seq_insert(text: str, seq: YNode, index: int, value: str, what: str = "the list") -> str:
    """Insert scalar ``value`` as item ``index`` of ``seq`` (``len(items)``: at the end)."""
    _require_editable(seq, what)
    items = seq.items
    neighbour = items[index] if index < len(items) else (items[-1] if items else None)
    scalar = render_scalar(value, _item_style(neighbour))
    if seq.flow:
        return _flow_insert(text, seq, index, scalar)
    if not items:
        raise EditError(f"{what} is an empty block list")
    reference = neighbour if neighbour is not None else items[-1]
    start = line_start(text, reference.start)
    prefix = text[start:reference.start]
    if not _DASH_PREFIX.match(prefix):
        raise EditError(f"{what} has an item that does not start its own line")
    if index < len(items):
        return insert_lines(text, start, [prefix + scalar])
    return insert_lines(text, after_line(text, items[-1].end), [prefix + scalar])


def _separator(text: str, seq: YNode, index: int) -> str:
    """The text between two neighbouring items, to copy (', ' when there is nothing to copy)."""
    items = seq.items
    if len(items) < 2:
        return ", "
    left = max(0, min(index - 1, len(items) - 2))
    sep = text[items[left].end:items[left + 1].start]
    if "#" in sep or sep.count(",") != 1:
        if "\n" in sep:
            item_start = items[left + 1].start
            return "," + newline_of(text) + text[line_start(text, item_start):item_start]
        return ", "
    return sep


def _flow_insert(text: str, seq: YNode, index: int, scalar: str) -> str:
    items = seq.items
    if not items:
        inside = text[seq.start + 1:seq.close]
        if inside.strip():
            raise EditError("the flow list holds something that is not an item")
        return text[:seq.start + 1] + scalar + text[seq.close:]
    sep = _separator(text, seq, index)
    if index < len(items):
        at = items[index].start
        return text[:at] + scalar + sep + text[at:]
    at = items[-1].end
    return text[:at] + sep + scalar + text[at:]


def seq_remove(text: str, seq: YNode, index: int, what: str = "the list") -> str:
    """Remove item ``index`` of ``seq`` (a one-line scalar)."""
    _require_editable(seq, what)
    items = seq.items
    item = items[index]
    if item.kind != "scalar" or item.style in ("|", ">") or "\n" in text[item.start:item.end]:
        raise EditError(f"{what} has an item that is not a one-line scalar")
    if seq.flow:
        if len(items) == 1:
            return text[:item.start] + text[item.end:]
        if index < len(items) - 1:
            return text[:item.start] + text[items[index + 1].start:]
        return text[:items[index - 1].end] + text[item.end:]
    start = line_start(text, item.start)
    if not _DASH_PREFIX.match(text[start:item.start]):
        raise EditError(f"{what} has an item that does not start its own line")
    line_end = after_line(text, item.end)
    if not _REST_OF_LINE.match(text[item.end:line_end].rstrip("\n")):
        raise EditError(f"{what} has an item followed by more text on its line")
    return text[:start] + text[line_end:]


def empty_block_list_marker(text: str, key: YNode) -> str:
    """After removing every item of a block list: write ``[]`` after ``key:``."""
    colon = text.find(":", key.end)
    if colon == -1 or text[key.end:colon].strip():
        raise EditError("cannot find the ':' after the list's key")
    return text[:colon + 1] + " []" + text[colon + 1:]


# --------------------------------------------------------------------------- mappings


def map_set_value(text: str, value_node: YNode, value: str, what: str) -> str:
    """Replace an existing scalar value, keeping its quoting."""
    _require_editable(value_node, what)
    if value_node.kind != "scalar" or value_node.style in ("|", ">"):
        raise EditError(f"{what} is not a one-line scalar")
    if value_node.is_null:
        raise EditError(f"{what} is empty")
    scalar = render_scalar(value, value_node.style)
    return text[:value_node.start] + scalar + text[value_node.end:]


def _pair_style(mapping: YNode) -> tuple[str | None, str | None]:
    for key, value in mapping.pairs:
        return _item_style(key), _item_style(value)
    return None, None


def map_add(text: str, mapping: YNode, keys: Sequence[str], payload: Payload, what: str) -> str:
    """Add ``keys[0]`` to ``mapping``, holding ``keys[1:]`` nested and then ``payload``."""
    _require_editable(mapping, what)
    key_style, value_style = _pair_style(mapping)
    if mapping.flow:
        rendered = (
            render_scalar(keys[0], key_style) + ": " + render_flow(keys[1:], payload, value_style)
        )
        if mapping.pairs:
            at = mapping.pairs[-1][1].end
            return text[:at] + ", " + rendered + text[at:]
        inside = text[mapping.start + 1:mapping.close]
        if inside.strip():
            raise EditError(f"{what} holds something that is not an entry")
        return text[:mapping.start + 1] + rendered + text[mapping.close:]
    lines = render_block(keys, payload, _keys_indent(text, mapping), key_style, value_style)
    return insert_lines(text, after_line(text, mapping.end), lines)


def _keys_indent(text: str, mapping: YNode) -> str:
    first_key = mapping.pairs[0][0]
    indent = text[line_start(text, first_key.start):first_key.start]
    if indent.strip():  # "- key: value": later keys line up with the first key's column
        indent = " " * len(indent)
    return indent


def map_add_pair(text: str, mapping: YNode, key: str, value: str, what: str) -> str:
    """Add ``key: value`` (two scalars) at the end of ``mapping``, quoted like its entries."""
    _require_editable(mapping, what)
    key_style, value_style = _pair_style(mapping)
    rendered = f"{render_scalar(key, key_style)}: {render_scalar(value, value_style)}"
    if mapping.flow:
        if mapping.pairs:
            at = mapping.pairs[-1][1].end
            return text[:at] + ", " + rendered + text[at:]
        if text[mapping.start + 1:mapping.close].strip():
            raise EditError(f"{what} holds something that is not an entry")
        return text[:mapping.start + 1] + rendered + text[mapping.close:]
    return insert_lines(text, after_line(text, mapping.end), [_keys_indent(text, mapping) + rendered])


def fill_null(
    text: str, key: YNode, null: YNode, keys: Sequence[str], payload: Payload, what: str
) -> str:
    """Give ``key:`` (whose value is empty/null) a block value: ``keys`` nested, then payload."""
    line_begin = line_start(text, key.start)
    indent = text[line_begin:key.start]
    if indent.strip():
        indent = " " * len(indent)
    child = indent + "  "
    lines = render_block(keys, payload, child, None, None)
    insert_at = after_line(text, key.end)
    result = insert_lines(text, insert_at, lines)
    if null.start != null.end:
        colon = text.find(":", key.end)
        if colon == -1 or colon > null.start or text[key.end:colon].strip():
            raise EditError(f"cannot find the ':' after {what}")
        if "\n" in text[colon:null.end]:
            raise EditError(f"{what} has its empty value on another line")
        result = result[:colon + 1] + result[null.end:]
    return result


def render_payload(payload: Payload, indent: str, value_style: str | None) -> list[str]:
    if payload[0] == "seq":
        return [f"{indent}- {render_scalar(item, None)}" for item in payload[1]]
    return [
        f"{indent}{render_scalar(k, None)}: {render_scalar(v, value_style)}" for k, v in payload[1]
    ]


def render_block(
    keys: Sequence[str],
    payload: Payload,
    indent: str,
    key_style: str | None,
    value_style: str | None,
) -> list[str]:
    lines: list[str] = []
    for depth, key in enumerate(keys):
        lines.append(f"{indent}{'  ' * depth}{render_scalar(key, key_style if depth == 0 else None)}:")
    lines.extend(render_payload(payload, indent + "  " * len(keys), value_style))
    return lines


def render_flow(keys: Sequence[str], payload: Payload, value_style: str | None) -> str:
    if payload[0] == "seq":
        inner = "[" + ", ".join(render_scalar(item, None) for item in payload[1]) + "]"
    else:
        inner = "{" + ", ".join(
            f"{render_scalar(k, None)}: {render_scalar(v, value_style)}" for k, v in payload[1]
        ) + "}"
    for key in reversed(keys):
        inner = "{" + render_scalar(key, None) + ": " + inner + "}"
    return inner


# --------------------------------------------------------------------------- paths


@dataclass(slots=True)
class Located:
    """Where a key path leads in a tree."""

    node: YNode | None  # the node at the end of the path (None when missing or null)
    key: YNode | None  # the key node of the last pair walked (for ``key: []`` edits)


def locate(tree: YNode | None, path: Sequence[PathKey]) -> Located:
    node = tree
    key: YNode | None = None
    for step in path:
        if node is None or node.is_null:
            return Located(None, key)
        pair = node.get(step)
        if pair is None:
            if node.kind not in ("map", "seq"):
                raise EditError(f"{_path_text(path)}: {node_kind_text(node)} is in the way")
            return Located(None, key)
        key, node = pair
    if node is not None and node.is_null:
        return Located(None, key)
    return Located(node, key)


def create_at_path(text: str, path: Sequence[PathKey], payload: Payload) -> str:
    """Create the missing (or empty) node at ``path`` holding ``payload``; return the new text."""
    where = _path_text(path)
    tree = parse_tree(text)
    if tree is None or tree.is_null:
        if any(isinstance(step, int) for step in path) or not path:
            raise EditError(f"{where}: the document is empty")
        if tree is not None and tree.start != tree.end:
            raise EditError("the document is a lone empty value")
        lines = render_block([str(step) for step in path], payload, "", None, None)
        return insert_lines(text, len(text), lines)
    node = tree
    for depth, step in enumerate(path):
        rest = [str(s) for s in path[depth + 1:]]
        if any(isinstance(s, int) for s in path[depth + 1:]):
            raise EditError(f"{where}: cannot create a list entry")
        pair = node.get(step)
        if pair is None:
            if node.kind != "map" or not isinstance(step, str):
                raise EditError(f"{where}: {node_kind_text(node)} is in the way")
            return map_add(text, node, [step, *rest], payload, where)
        key, value = pair
        if value.is_null:
            if key is value:
                raise EditError(f"{where}: a list item is empty")
            if _flow_parent(tree, key):
                raise EditError(f"{where}: an empty value inside a flow mapping")
            return fill_null(text, key, value, rest, payload, where)
        node = value
    raise EditError(f"{where}: already exists")


def _flow_parent(tree: YNode, key: YNode) -> bool:
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.kind == "map":
            for k, v in node.pairs:
                if k is key:
                    return node.flow
                stack.append(v)
        elif node.kind == "seq":
            stack.extend(node.items)
    return False


def node_kind_text(node: YNode) -> str:
    return {"scalar": "a plain value", "seq": "a list", "map": "a mapping", "alias": "an alias"}[
        node.kind
    ]


def _path_text(path: Sequence[PathKey]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "top level"
