"""Reading the string a PowerShell expression builds, the way a reviewer would.

``Evaluator.text`` turns an expression into a URL template: single- and double-quoted
strings and here-strings (``$var``, ``${var}``, ``$($obj.Prop)``, ``$script:X`` and backtick
escapes inside), ``+``, the ``-f`` format operator and ``[string]::Format``, casts
(``[uri]"..."``), ``.TrimEnd('/')``, variables assigned earlier in the function or the
script (names without case, ``$script:``/``$global:`` prefixes dropped, ``+=`` appended),
entries of hashtables (``$config.JiraBase`` of ``$config = @{ JiraBase = '...' }``) and
function parameters (a helper's arguments, through ``overrides``; otherwise their default).
Whatever cannot be known becomes ``{name}`` (the variable or member name) or ``{}``.

Names are looked up in one place (:meth:`Facts.lookup`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.languages.powershell.syntax import (
    KEY,
    Parameter,
    function_parameters,
    hash_entries,
    hash_literal,
    key_of,
    text_of,
    unwrap,
    variable_name,
)

if TYPE_CHECKING:
    from tree_sitter import Node

_MAX_DEPTH = 40
_MAX_LENGTH = 4096  # longer values are not URLs
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "`": "`", '"': '"', "$": "$", "'": "'"}
_FORMAT_ITEM_RE = re.compile(r"\{\{|\}\}|\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")
_STRIP_METHODS = {"trimend": "r", "trimstart": "l", "trim": "b", "tostring": "", "tolower": "",
                  "toupper": ""}
_ESCAPE_CALLS = frozenset({"escapedatastring", "escapeuristring", "urlencode", "urlpathencode"})
_AUTOMATIC = frozenset({"null", "true", "false"})


class Scope:
    """The script (``function`` None) or one function: its assignments in document order."""

    __slots__ = ("assignments", "function", "members", "parameters", "parent", "start")

    def __init__(self, function: Node | None, parent: Scope | None) -> None:
        self.function = function
        self.parent = parent
        self.start = function.start_byte if function is not None else -1
        self.parameters: dict[str, Parameter] = {}
        if function is not None:
            self.parameters = {p.name.lower(): p for p in function_parameters(function)}
        # name (lower case) -> [(byte offset, operator, value node)]
        self.assignments: dict[str, list[tuple[int, str, Node]]] = {}
        # hashtable name -> [(byte offset, key lower case, value node)]: $h.Key = v, $h['Key'] = v
        self.members: dict[str, list[tuple[int, str, Node]]] = {}


class Facts:
    """Scopes and assignments of one file; ``functions`` are its ``function_statement`` nodes."""

    def __init__(self, functions: list[Node]) -> None:
        from scopelint.scanning.core.treesitter import Nesting

        self.script = Scope(None, None)
        self.scopes: dict[int, Scope] = {}
        self._nesting = Nesting(functions)

    def scope_of(self, node: Node) -> Scope:
        """The function ``node`` is in (by byte range), else the script."""
        function = self._nesting.around(node)
        if function is None:
            return self.script
        found = self.scopes.get(function.start_byte)
        if found is None:
            found = self.scopes[function.start_byte] = Scope(function, self.script)
        return found

    def add_assignment(self, node: Node) -> None:
        named = [c for c in node.named_children if c.type != "comment"]
        operator = next((text_of(c) for c in node.children if c.type == "assignement_operator"), "=")
        value = node.child_by_field_name("value")
        if not named or value is None:
            return
        target = unwrap(named[0])
        scope = self.scope_of(node)
        if target.type == "variable":
            qualifier, name = variable_name(target)
            if qualifier in ("script", "global"):
                scope = self.script
            scope.assignments.setdefault(name.lower(), []).append(
                (node.start_byte, operator, unwrap(value)))
        elif target.type in ("member_access", "element_access") and operator == "=":
            parts = [c for c in target.named_children if c.type != "comment"]
            if len(parts) < 2 or parts[0].type != "variable":
                return
            key = text_of(unwrap(parts[-1])).strip("'\"").lower()
            owner = variable_name(parts[0])[1].lower()
            scope.members.setdefault(owner, []).append((node.start_byte, key, unwrap(value)))

    def add_hash_call(self, node: Node) -> None:
        """``$h.Add('Key', value)``: an entry added to a hashtable."""
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) < 3 or parts[0].type != "variable" or text_of(parts[1]).lower() != "add":
            return
        args = arguments(parts[-1])
        if len(args) != 2 or args[0].type != "string_literal":
            return
        owner = variable_name(parts[0])[1].lower()
        self.scope_of(node).members.setdefault(owner, []).append(
            (node.start_byte, text_of(args[0]).strip("'\"").lower(), args[1]))

    def lookup(self, name: str, scope: Scope, at: int) -> tuple[Scope, Node | None, str] | None:
        """Where ``name`` gets its value at byte ``at`` of ``scope``: (scope, value node,
        operator) of the last assignment before it, else the function's parameter (value
        node: its default, operator "param"), else the script's assignment."""
        lower = name.lower()
        current: Scope | None = scope
        while current is not None:
            entries = current.assignments.get(lower, [])
            before = [entry for entry in entries if entry[0] < at]
            chosen = before[-1] if before else None
            if chosen is None and current is not scope and entries:
                chosen = entries[0]  # a script variable set after the function is defined
            if chosen is not None:
                return current, chosen[2], chosen[1]
            parameter = current.parameters.get(lower)
            if parameter is not None:
                return current, parameter.default, "param"
            at = current.start
            current = current.parent
        return None

    def hashtable(self, name: str, scope: Scope, at: int) -> tuple[Scope, dict[str, Node]] | None:
        """The entries of the hashtable variable ``name`` at byte ``at``: its literal, plus
        ``$h.Key = v``, ``$h['Key'] = v`` and ``$h.Add('Key', v)`` made before ``at``."""
        found = self.lookup(name, scope, at)
        if found is None or found[1] is None:
            return None
        owner, value, _operator = found
        literal = hash_literal(value) if value is not None else None
        if literal is None:
            return None
        entries = {key.lower(): node for key, _k, node in hash_entries(literal)}
        for offset, key, node in owner.members.get(name.lower(), []):
            if literal.end_byte <= offset < at or (owner is not scope and offset >= literal.end_byte):
                entries[key] = node
        return owner, entries


def arguments(argument_list: Node) -> list[Node]:
    """The argument expressions of an ``argument_list`` (``(a, b)``), unwrapped."""
    found: list[Node] = []
    for child in argument_list.named_children:
        if child.type == "argument_expression_list":
            found.extend(unwrap(c) for c in child.named_children if c.type != "comment")
    return found


class Evaluator:
    """Expression -> URL template (see the module docstring).

    ``overrides`` maps (scope start, parameter name lower case) to the text a helper's
    caller passed; ``trace`` collects the keys of the string literals a value was read from.
    """

    def __init__(self, facts: Facts, overrides: dict[tuple[int, str], str] | None = None,
                 trace: set[KEY] | None = None) -> None:
        self.facts = facts
        self.overrides = overrides or {}
        self.trace = trace
        self._active: set[KEY] = set()

    def with_trace(self, trace: set[KEY]) -> Evaluator:
        return Evaluator(self.facts, self.overrides, trace)

    def text(self, node: Node, scope: Scope, depth: int = 0) -> str:
        value = self.value(node, scope, depth)
        return value if value is not None else "{" + placeholder_name(node) + "}"

    def value(self, node: Node, scope: Scope, depth: int = 0) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        key = key_of(node)
        if key in self._active:
            return None
        self._active.add(key)
        try:
            result = self._value(unwrap(node), scope, depth)
        finally:
            self._active.discard(key)
        return result if result is None or len(result) <= _MAX_LENGTH else None

    def _value(self, node: Node, scope: Scope, depth: int) -> str | None:
        kind = node.type
        if kind == "string_literal":
            return self._string(node, scope, depth)
        if kind == "variable":
            return self._variable(node, scope, depth)
        if kind in ("additive_expression", "additive_argument_expression"):
            return self._concatenation(node, scope, depth)
        if kind in ("format_expression", "format_argument_expression"):
            return self._format_operator(node, scope, depth)
        if kind == "cast_expression" and node.named_children:
            return self.value(node.named_children[-1], scope, depth + 1)
        if kind == "member_access":
            return self._member(node, scope, depth)
        if kind == "invokation_expression":
            return self._invocation(node, scope, depth)
        if kind in ("generic_token", "command_name"):
            return text_of(node)
        if kind in ("integer_literal", "decimal_integer_literal"):
            return text_of(node)
        return None

    def _string(self, node: Node, scope: Scope, depth: int) -> str | None:
        if self.trace is not None:
            self.trace.add(key_of(node))
        inner = node.named_children[0] if node.named_children else node
        raw = text_of(inner)
        if inner.type.startswith("verbatim"):
            if raw.startswith("@'"):
                return _here_body(raw)
            return raw[1:-1].replace("''", "'") if len(raw) >= 2 else raw
        # expandable: rebuild from the literal pieces and the embedded expressions
        here = raw.startswith('@"')
        data = inner.text or b""
        parts: list[str] = []
        cursor = inner.start_byte
        for child in inner.named_children:
            piece = data[cursor - inner.start_byte: child.start_byte - inner.start_byte]
            parts.append(_unescape(piece.decode("utf-8", errors="replace")))
            parts.append(self.text(child, scope, depth + 1))
            cursor = child.end_byte
        parts.append(_unescape(data[cursor - inner.start_byte:].decode("utf-8", errors="replace")))
        joined = "".join(parts)
        if here:
            return _here_body(joined)
        return joined[1:-1] if len(joined) >= 2 else joined

    def _variable(self, node: Node, scope: Scope, depth: int) -> str | None:
        qualifier, name = variable_name(node)
        lower = name.lower()
        if qualifier == "env" or lower in _AUTOMATIC or not name:
            return None
        search = self.facts.script if qualifier in ("script", "global") else scope
        found = self.facts.lookup(name, search, node.start_byte)
        if found is None:
            return None
        owner, value, operator = found
        if operator == "param":
            override = self.overrides.get((owner.start, lower))
            if override is not None:
                return override
        if value is None:
            return None
        if operator == "+=":
            before = self.facts.lookup(name, owner, value.start_byte)
            head = self.value(before[1], owner, depth + 1) if before and before[1] is not None else None
            tail = self.value(value, owner, depth + 1)
            return None if head is None or tail is None else head + tail
        return self.value(value, owner, depth + 1)

    def _concatenation(self, node: Node, scope: Scope, depth: int) -> str | None:
        operands = [c for c in node.named_children if c.type != "comment"]
        operators = [text_of(c) for c in node.children if not c.is_named]
        if len(operands) != 2 or operators[:1] != ["+"]:
            return None
        left = self.value(operands[0], scope, depth + 1)
        if left is None and not _is_stringy(operands[1]):
            return None
        right = self.text(operands[1], scope, depth + 1)
        return (left if left is not None else "{" + placeholder_name(operands[0]) + "}") + right

    def _format_operator(self, node: Node, scope: Scope, depth: int) -> str | None:
        operands = [c for c in node.named_children if c.type != "format_operator"]
        if len(operands) != 2:
            return None
        template = self.value(operands[0], scope, depth + 1)
        if template is None:
            return None
        right = unwrap(operands[1])
        values = [c for c in right.named_children if c.type != "comment"] \
            if right.type == "array_literal_expression" else [right]
        return self._composite(template, values, scope, depth)

    def _composite(self, template: str, values: list[Node], scope: Scope, depth: int) -> str:
        def item(match: re.Match[str]) -> str:
            whole = match.group(0)
            if whole in ("{{", "}}"):
                return whole[0]
            index = int(match.group(1))
            if index < len(values):
                return self.text(values[index], scope, depth + 1)
            return "{}"

        return _FORMAT_ITEM_RE.sub(item, template)

    def _member(self, node: Node, scope: Scope, depth: int) -> str | None:
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) < 2:
            return None
        owner, member = parts[0], text_of(parts[-1]).lower()
        if owner.type == "variable":
            qualifier, name = variable_name(owner)
            search = self.facts.script if qualifier in ("script", "global") else scope
            table = self.facts.hashtable(name, search, node.start_byte)
            if table is not None and member in table[1]:
                return self.value(table[1][member], table[0], depth + 1)
        return None

    def _invocation(self, node: Node, scope: Scope, depth: int) -> str | None:
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) < 3 or parts[-1].type != "argument_list":
            return None
        target, method, args = parts[0], text_of(parts[1]).lower(), arguments(parts[-1])
        if target.type == "type_literal":
            if method == "format" and args:
                template = self.value(args[0], scope, depth + 1)
                return None if template is None else self._composite(template, args[1:], scope, depth)
            if method == "new" and args:
                return self.value(args[0], scope, depth + 1)
            if method == "concat":
                return "".join(self.text(arg, scope, depth + 1) for arg in args)
            return None
        strip = _STRIP_METHODS.get(method)
        if strip is None:
            return None
        base = self.value(target, scope, depth + 1)
        if base is None or not strip:
            return base
        chars = None
        if args:
            chars = self.value(args[0], scope, depth + 1)
            if chars is None:
                return base
        if strip == "r":
            return base.rstrip(chars)
        if strip == "l":
            return base.lstrip(chars)
        return base.strip(chars)


def placeholder_name(node: Node) -> str:
    """The name a value that cannot be read stands for: the variable or member name."""
    node = unwrap(node)
    for _ in range(_MAX_DEPTH):
        kind = node.type
        if kind == "variable":
            return variable_name(node)[1]
        if kind == "member_access":
            return text_of(node.named_children[-1]) if node.named_children else ""
        if kind == "invokation_expression":
            parts = [c for c in node.named_children if c.type != "comment"]
            if len(parts) >= 3 and parts[-1].type == "argument_list":
                name = text_of(parts[1]).lower()
                args = arguments(parts[-1])
                on_type = parts[0].type == "type_literal"
                if (name in _ESCAPE_CALLS or name in _STRIP_METHODS) and (args or not on_type):
                    node = unwrap(args[0] if on_type else parts[0])
                    continue
            return ""
        if kind == "cast_expression" and node.named_children:
            node = unwrap(node.named_children[-1])
            continue
        return ""
    return ""


def _is_stringy(node: Node) -> bool:
    return unwrap(node).type == "string_literal"


def _unescape(text: str) -> str:
    if "`" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "`" and index + 1 < len(text):
            nxt = text[index + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _here_body(text: str) -> str:
    """The content of a here-string: after the opening line, before the closing line."""
    body = text[2:]
    newline = body.find("\n")
    body = body[newline + 1:] if newline != -1 else body
    end = body.rfind("\n")
    body = body[:end] if end != -1 else body[:-2]
    return body.rstrip("\r")
