"""PowerShell syntax as tree-sitter-powershell writes it: the shapes the analysis reads.

The grammar wraps every expression in a chain of one-child nodes (``pipeline`` ->
``logical_expression`` -> ... -> ``unary_expression``); :func:`unwrap` skips them.  A
command's elements are read into parameters, values and splats (:func:`command_items`),
then bound to a command's parameters (:func:`bind`) the way PowerShell does: a name may be
shortened to any unambiguous prefix, ``-Name:value`` and ``-Name value`` both work, and
values no parameter takes fill the positional parameters in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

_WRAPPERS = frozenset({
    "pipeline", "pipeline_chain", "logical_expression", "bitwise_expression",
    "comparison_expression", "additive_expression", "multiplicative_expression",
    "format_expression", "range_expression", "array_literal_expression", "unary_expression",
    "argument_expression", "logical_argument_expression", "bitwise_argument_expression",
    "comparison_argument_expression", "additive_argument_expression",
    "multiplicative_argument_expression", "format_argument_expression",
    "range_argument_expression", "parenthesized_expression", "statement_list",
    "expression_with_unary_operator", "script_block_body", "key_expression",
    "command_name_expr", "sub_expression", "left_assignment_expression",
})
_SCOPE_QUALIFIERS = frozenset({"script", "global", "local", "private", "using", "variable"})
_MAX_UNWRAP = 200
KEY = tuple[int, int]


def key_of(node: Node) -> KEY:
    return node.start_byte, node.end_byte


def text_of(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def unwrap(node: Node) -> Node:
    """The meaningful node under a chain of one-child wrappers."""
    for _ in range(_MAX_UNWRAP):
        if node.type not in _WRAPPERS:
            return node
        named = [child for child in node.named_children if child.type != "comment"]
        if len(named) != 1:
            return node
        node = named[0]
    return node


def variable_name(node: Node) -> tuple[str | None, str]:
    """(scope qualifier or None, name) of a ``variable`` node: ``$script:BaseUrl`` ->
    ("script", "BaseUrl"), ``${x}`` -> (None, "x"), ``$env:HOME`` -> ("env", "HOME")."""
    raw = text_of(node).lstrip("$@")
    if raw.startswith("{") and raw.endswith("}"):
        raw = raw[1:-1]
    qualifier, colon, name = raw.partition(":")
    if colon and qualifier.lower() in (*_SCOPE_QUALIFIERS, "env"):
        return qualifier.lower(), name
    return None, raw


def is_splat(node: Node) -> bool:
    return node.type == "variable" and text_of(node).startswith("@")


# --------------------------------------------------------------------------- commands


class Item:
    """One element of a command line: a parameter name (``-Uri``, without the dash, with
    ``attached`` True for ``-Uri:value``), a value, or a splatted variable (``@params``)."""

    __slots__ = ("attached", "kind", "node", "text")

    def __init__(self, kind: str, node: Node, text: str = "", attached: bool = False) -> None:
        self.kind = kind  # "param", "value" or "splat"
        self.node = node
        self.text = text
        self.attached = attached


def command_name(command: Node) -> str | None:
    name = command.child_by_field_name("command_name")
    if name is None:
        return None
    name = unwrap(name)
    if name.type != "command_name":
        return None
    return text_of(name)


def command_items(command: Node) -> list[Item]:
    elements = command.child_by_field_name("command_elements")
    items: list[Item] = []
    if elements is None:
        return items
    for child in elements.children:
        kind = child.type
        if kind == "command_parameter":
            items.append(Item("param", child, text_of(child).lstrip("-").rstrip(":")))
        elif kind == "command_argument_sep":
            if text_of(child).startswith(":") and items and items[-1].kind == "param":
                items[-1].attached = True
                inner = [n for n in _named_descendants(child) if n.type != "comment"]
                if inner:
                    items.append(Item("value", inner[0]))
        elif kind in ("comment", "redirection", "stop_parsing") or not child.is_named:
            continue
        else:
            value = unwrap(child)
            items.append(Item("splat" if is_splat(value) else "value", value))
    return items


def _named_descendants(node: Node) -> list[Node]:
    found: list[Node] = []
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        if current.is_named:
            found.append(unwrap(current))
            continue
        stack.extend(reversed(current.children))
    return found


def resolve_parameter(written: str, names: Iterable[str]) -> str | None:
    """The parameter ``written`` names: an exact match (case-insensitive), else the one
    parameter it is a prefix of; None when unknown or ambiguous."""
    lower = written.lower()
    matches = []
    for name in names:
        if name.lower() == lower:
            return name
        if lower and name.lower().startswith(lower):
            matches.append(name)
    return matches[0] if len(matches) == 1 else None


class Bound:
    """Arguments bound to a command's parameters: ``values`` by parameter name (as the
    command declares it), ``splats`` the splatted variables, in order."""

    __slots__ = ("splats", "values")

    def __init__(self) -> None:
        self.values: dict[str, Node] = {}
        self.splats: list[Node] = []


def bind(items: Sequence[Item], parameters: Sequence[str], switches: Iterable[str],
         positional: Sequence[str]) -> Bound:
    """Bind ``items`` to ``parameters`` (value-taking, in declaration order), ``switches``
    (taking no value) and the ``positional`` parameters, in position order."""
    switch_names = list(switches)
    every = [*parameters, *switch_names]
    switch_set = {name.lower() for name in switch_names}
    bound = Bound()
    loose: list[Node] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if item.kind == "splat":
            bound.splats.append(item.node)
            continue
        if item.kind == "value":
            loose.append(item.node)
            continue
        name = resolve_parameter(item.text, every)
        takes_value = name is None or name.lower() not in switch_set
        if item.attached and index < len(items) and items[index].kind == "value":
            if name is not None and takes_value:
                bound.values.setdefault(name, items[index].node)
            index += 1
            continue
        if takes_value and index < len(items) and items[index].kind == "value":
            if name is not None:
                bound.values.setdefault(name, items[index].node)
            index += 1
    free = [name for name in positional if name not in bound.values]
    for name, node in zip(free, loose, strict=False):
        bound.values[name] = node
    return bound


# --------------------------------------------------------------------------- functions


class Parameter:
    __slots__ = ("default", "name", "position", "switch")

    def __init__(self, name: str, default: Node | None, switch: bool, position: int | None) -> None:
        self.name = name
        self.default = default
        self.switch = switch
        self.position = position


def function_parameters(function: Node) -> list[Parameter]:
    """The parameters of a ``function_statement`` (``function F($a, $b = 1)`` or a
    ``param(...)`` block at the top of its body) or of a script (its ``program`` node)."""
    lists: list[Node] = []
    for child in function.named_children:
        if child.type in ("param_block", "function_parameter_declaration"):  # a script's param()
            lists.extend(c for c in child.named_children if c.type == "parameter_list")
        elif child.type == "script_block":
            for block in child.named_children:
                if block.type == "param_block":
                    lists.extend(c for c in block.named_children if c.type == "parameter_list")
    found: list[Parameter] = []
    for parameters in lists:
        for parameter in parameters.named_children:
            if parameter.type != "script_parameter":
                continue
            found.append(_parameter(parameter))
    return found


def _parameter(node: Node) -> Parameter:
    name, default, switch, position = "", None, False, None
    for child in node.named_children:
        if child.type == "variable":
            name = variable_name(child)[1]
        elif child.type == "script_parameter_default":
            values = [c for c in child.named_children if c.type != "comment"]
            default = unwrap(values[0]) if values else None
        elif child.type == "attribute_list":
            for attribute in child.named_children:
                text = text_of(attribute).lower().replace(" ", "")
                if text in ("[switch]", "[system.management.automation.switchparameter]"):
                    switch = True
                marker = "position="
                if text.startswith("[parameter(") and marker in text:
                    digits = text.split(marker, 1)[1].split(",", 1)[0].split(")", 1)[0]
                    position = int(digits) if digits.isdigit() else None
    return Parameter(name, default, switch, position)


def positional_order(parameters: Sequence[Parameter]) -> list[str]:
    """Parameter names in the order positional values fill them: by ``Position=`` when any
    parameter declares one, else in declaration order (switches never take a position)."""
    if any(p.position is not None for p in parameters):
        ranked = sorted((p for p in parameters if p.position is not None), key=lambda p: p.position or 0)
        return [p.name for p in ranked if not p.switch]
    return [p.name for p in parameters if not p.switch]


def hash_entries(node: Node) -> list[tuple[str, Node, Node]]:
    """(key, key node, value node) of a ``hash_literal_expression`` (values unwrapped)."""
    found: list[tuple[str, Node, Node]] = []
    for body in node.named_children:
        if body.type != "hash_literal_body":
            continue
        for entry in body.named_children:
            if entry.type != "hash_entry":
                continue
            named = [c for c in entry.named_children if c.type != "comment"]
            if len(named) < 2:
                continue
            key = unwrap(named[0])
            key_text = text_of(key)
            if key.type == "string_literal":
                key_text = key_text.strip("'\"")
            found.append((key_text, key, unwrap(named[1])))
    return found


def hash_literal(node: Node) -> Node | None:
    """The hashtable literal of ``@{...}`` or ``[ordered]@{...}``, else None."""
    node = unwrap(node)
    if node.type == "cast_expression":
        node = unwrap(node.named_children[-1]) if node.named_children else node
    return node if node.type == "hash_literal_expression" else None
