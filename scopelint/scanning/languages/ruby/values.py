"""Ruby names and the strings expressions build, read the way a reviewer would.

:class:`Facts` indexes one file: local assignments per method (blocks see their method's
locals), method parameters with their defaults, instance variables per class (``@site =
site`` in ``initialize``, read in every method), constants per class or module (``BASE =
'...'``, read as ``BASE`` inside and ``Config::BASE`` anywhere in the file).
:meth:`Facts.definition` is the one place a name is looked up.

:class:`Evaluator` turns an expression into a URL template: single- and double-quoted strings
and ``%()`` strings with ``#{...}``, adjacent literals, ``+``, ``format``/``%`` with ``%s``,
``File.join``, ``URI(...)``/``URI.parse``/``URI.join``, ``.freeze``/``.to_s``/``.chomp('/')``,
``ENV.fetch('X', default)`` and ``ENV['X'] || default`` (the default), names; whatever cannot
be known becomes ``{name}`` or ``{}``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core.urljoin import join

if TYPE_CHECKING:
    from tree_sitter import Node

KEY = tuple[int, int]
SCOPE_TYPES = frozenset({"method", "singleton_method", "program"})
CLASS_TYPES = frozenset({"class", "module", "singleton_class"})
BLOCK_TYPES = frozenset({"block", "do_block", "lambda"})
CONTAINER_TYPES = SCOPE_TYPES | CLASS_TYPES | BLOCK_TYPES
_MODULES = frozenset({"class", "module"})
_TRANSPARENT = frozenset({"parenthesized_statements", "begin_block"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "\\": "\\", '"': '"', "'": "'", "#": "#",
            "e": "", "s": " ", "a": "", "b": "", "f": "", "v": ""}
_PRINTF_RE = re.compile(r"%(?:<(\w+)>|\{(\w+)\})?[-+ 0#]*\d*(?:\.\d+)?([sdif%])")
_IDENTITY = frozenset({"freeze", "to_s", "to_str", "dup", "strip", "downcase", "upcase", "itself"})
_ESCAPE_CALLS = frozenset({"escape", "encode_www_form_component", "encode_uri_component",
                           "escape_path", "url_encode", "encode"})
_MAX_DEPTH = 40
_MAX_LENGTH = 4096
_MAX_SCOPES = 32  # blocks, methods and modules a name is looked up through


def key_of(node: Node) -> KEY:
    return node.start_byte, node.end_byte


def text_of(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def strip(node: Node) -> Node:
    for _ in range(_MAX_DEPTH):
        if node.type not in _TRANSPARENT:
            return node
        named = [c for c in node.named_children if c.type != "comment"]
        if len(named) != 1:
            return node
        node = named[0]
    return node


def constant_path(node: Node | None) -> str | None:
    """``Net::HTTP::Get`` -> "Net::HTTP::Get"; ``Faraday`` -> "Faraday"; else None."""
    if node is None:
        return None
    if node.type == "constant":
        return text_of(node)
    if node.type == "scope_resolution":
        name = node.child_by_field_name("name")
        scope = node.child_by_field_name("scope")
        head = constant_path(scope) if scope is not None else ""
        if head is None:
            return None
        return f"{head}::{text_of(name)}" if head else text_of(name)
    return None


def call_arguments(call: Node) -> tuple[list[Node], dict[str, Node]]:
    """(positional, keyword) arguments of a ``call`` (a trailing hash's pairs are keywords)."""
    found = call.child_by_field_name("arguments")
    positional: list[Node] = []
    keywords: dict[str, Node] = {}
    if found is None:
        return positional, keywords
    for child in found.named_children:
        if child.type == "pair":
            pair_key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if pair_key is not None and value is not None:
                keywords[text_of(pair_key).lstrip(":").rstrip(":").strip("'\"")] = value
        elif child.type == "hash":
            for pair in child.named_children:
                pair_key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if pair.type == "pair" and pair_key is not None and value is not None:
                    keywords[text_of(pair_key).lstrip(":").rstrip(":").strip("'\"")] = value
        elif child.type != "comment" and not child.type.startswith("block_argument"):
            positional.append(child)
    return positional, keywords


class Facts:
    """The names of one file; ``containers`` are its program, classes, modules, methods and
    blocks, which :meth:`enclosing` finds by byte range."""

    def __init__(self, containers: list[Node]) -> None:
        from scopelint.scanning.core.treesitter import Nesting

        self._nesting = Nesting(containers)
        # scope (method/program) start byte -> name -> [(byte, value node)]
        self.locals: dict[int, dict[str, list[tuple[int, Node]]]] = {}
        # scope start byte -> parameter name -> default value (None: no default)
        self.parameters: dict[int, dict[str, Node | None]] = {}
        # class start byte -> instance variable -> [(byte, value, method start)]
        self.ivars: dict[int, dict[str, list[tuple[int, Node, int]]]] = {}
        # constant path ("JiraReporter::Config::JIRA_SITE") -> value
        self.constants: dict[str, Node] = {}
        self.constant_names: dict[str, list[str]] = {}  # last segment -> full paths

    def enclosing(self, node: Node, types: frozenset[str]) -> Node | None:
        return self._nesting.around(node, types)

    def nesting(self, node: Node) -> list[str]:
        """The names of the classes and modules around ``node``, outermost first."""
        names: list[str] = []
        current = self.enclosing(node, _MODULES)
        for _ in range(_MAX_SCOPES):
            if current is None:
                break
            names.append(constant_path(current.child_by_field_name("name")) or "")
            current = self.enclosing(current, _MODULES)
        return list(reversed(names))

    def add_assignment(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return
        if node.type == "operator_assignment":
            operator = next((text_of(c) for c in node.children if not c.is_named), "")
            if operator not in ("||=",):
                return
        scope = self.enclosing(node, SCOPE_TYPES)
        if left.type == "identifier" and scope is not None:
            self.locals.setdefault(scope.start_byte, {}).setdefault(text_of(left), []).append(
                (node.start_byte, right))
        elif left.type == "instance_variable":
            owner = self.enclosing(node, CLASS_TYPES)
            if owner is not None:
                method = scope.start_byte if scope is not None else -1
                self.ivars.setdefault(owner.start_byte, {}).setdefault(text_of(left), []).append(
                    (node.start_byte, right, method))
        elif left.type in ("constant", "scope_resolution"):
            path = "::".join([*self.nesting(node), constant_path(left) or ""])
            self.constants.setdefault(path, right)
            self.constant_names.setdefault(path.rsplit("::", 1)[-1], []).append(path)

    def add_parameters(self, node: Node) -> None:
        scope = self.enclosing(node, SCOPE_TYPES | BLOCK_TYPES)
        if scope is None:
            return
        table = self.parameters.setdefault(scope.start_byte, {})
        for parameter in node.named_children:
            if parameter.type == "identifier":
                table[text_of(parameter)] = None
            elif parameter.type in ("optional_parameter", "keyword_parameter"):
                name = parameter.child_by_field_name("name")
                table[text_of(name)] = parameter.child_by_field_name("value")
            elif parameter.type in ("splat_parameter", "hash_splat_parameter", "block_parameter"):
                name = parameter.child_by_field_name("name")
                if name is not None:
                    table[text_of(name)] = None

    def local(self, name: str, at: Node) -> tuple[bool, Node | None]:
        """(found, value) of a local variable or parameter ``name`` at ``at``."""
        scope = self.enclosing(at, SCOPE_TYPES | BLOCK_TYPES)
        for _ in range(_MAX_SCOPES):  # blocks nested deeper than this are not read
            if scope is None:
                break
            if scope.type in BLOCK_TYPES:
                if name in self.parameters.get(scope.start_byte, {}):
                    return True, None  # a block parameter: yielded, not known here
                scope = self.enclosing(scope, SCOPE_TYPES | BLOCK_TYPES)
                continue
            entries = self.locals.get(scope.start_byte, {}).get(name, [])
            before = [value for at_byte, value in entries if at_byte < at.start_byte]
            if before:
                return True, before[-1]
            if name in self.parameters.get(scope.start_byte, {}):
                return True, self.parameters[scope.start_byte][name]
            return bool(entries), entries[0][1] if entries else None
        return False, None

    def ivar(self, name: str, at: Node) -> Node | None:
        owner = self.enclosing(at, CLASS_TYPES)
        if owner is None:
            return None
        entries = self.ivars.get(owner.start_byte, {}).get(name, [])
        if not entries:
            return None
        scope = self.enclosing(at, SCOPE_TYPES)
        here = scope.start_byte if scope is not None else -1
        same = [value for at_byte, value, method in entries if method == here and at_byte < at.start_byte]
        return same[-1] if same else entries[0][1]

    def ivar_scope(self, name: str, at: Node) -> Node | None:
        """The method an instance variable's value was assigned in (its parameters apply)."""
        owner = self.enclosing(at, CLASS_TYPES)
        value = self.ivar(name, at)
        return self.enclosing(value, SCOPE_TYPES) if owner is not None and value is not None else None

    def constant(self, path: str, at: Node) -> Node | None:
        """A constant as Ruby finds it from ``at``: in the enclosing modules, inner first,
        then anywhere in the file by its full path or last name."""
        lexical = self.nesting(at)
        for depth in range(len(lexical), -1, -1):
            found = self.constants.get("::".join([*lexical[:depth], path]))
            if found is not None:
                return found
        last = path.rsplit("::", 1)[-1]
        candidates = [p for p in self.constant_names.get(last, []) if p.endswith(path)]
        return self.constants[candidates[0]] if len(candidates) == 1 else None


class Evaluator:
    """Expression -> URL template; ``trace`` collects the keys of the literals read."""

    def __init__(self, facts: Facts, trace: set[KEY] | None = None) -> None:
        self.facts = facts
        self.trace = trace
        self._active: set[KEY] = set()

    def text(self, node: Node, depth: int = 0) -> str:
        value = self.value(node, depth)
        return value if value is not None else "{" + placeholder_name(node) + "}"

    def value(self, node: Node, depth: int = 0) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        node = strip(node)
        key = key_of(node)
        if key in self._active:
            return None
        self._active.add(key)
        try:
            result = self._value(node, depth)
        finally:
            self._active.discard(key)
        return result if result is None or len(result) <= _MAX_LENGTH else None

    def _value(self, node: Node, depth: int) -> str | None:
        kind = node.type
        if kind == "string":
            if self.trace is not None:
                self.trace.add(key_of(node))
            return self._string(node, depth)
        if kind == "chained_string":
            return "".join(self.text(part, depth + 1) for part in node.named_children)
        if kind in ("simple_symbol", "hash_key_symbol"):
            return text_of(node).lstrip(":")
        if kind == "identifier":
            found, value = self.facts.local(text_of(node), node)
            return self.value(value, depth + 1) if found and value is not None else None
        if kind == "instance_variable":
            value = self.facts.ivar(text_of(node), node)
            return self.value(value, depth + 1) if value is not None else None
        if kind in ("constant", "scope_resolution"):
            path = constant_path(node)
            value = self.facts.constant(path, node) if path else None
            return self.value(value, depth + 1) if value is not None else None
        if kind == "binary":
            return self._binary(node, depth)
        if kind == "call":
            return self._call(node, depth)
        if kind == "element_reference":
            return None
        return None

    def _string(self, node: Node, depth: int) -> str:
        raw = text_of(node)
        single = raw.startswith("'") or raw.startswith("%q")
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_content":
                piece = text_of(child)
                parts.append(piece.replace("\\'", "'").replace("\\\\", "\\") if single else piece)
            elif child.type == "escape_sequence":
                sequence = text_of(child)
                parts.append(_ESCAPES.get(sequence[1:2], sequence[1:]) if not single else sequence)
            elif child.type == "interpolation":
                inner = [c for c in child.named_children if c.type != "comment"]
                parts.append(self.text(inner[-1], depth + 1) if inner else "")
        return "".join(parts)

    def _binary(self, node: Node, depth: int) -> str | None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None:
            return None
        symbol = text_of(operator)
        if symbol in ("+", "<<"):
            head, tail = self.value(left, depth + 1), self.value(right, depth + 1)
            if head is None and tail is None:
                return None
            return (head if head is not None else "{" + placeholder_name(left) + "}") + \
                (tail if tail is not None else "{" + placeholder_name(right) + "}")
        if symbol in ("||", "or"):  # ENV['X'] || 'default': the default
            return self.value(right, depth + 1) if self.value(left, depth + 1) is None else None
        if symbol == "%":
            template = self.value(left, depth + 1)
            right = strip(right)
            values = list(right.named_children) if right.type == "array" else [right]
            return None if template is None else self._printf(template, values, depth)
        return None

    def _call(self, node: Node, depth: int) -> str | None:
        method = text_of(node.child_by_field_name("method"))
        receiver = node.child_by_field_name("receiver")
        positional, _keywords = call_arguments(node)
        owner = constant_path(receiver) if receiver is not None else None
        if receiver is None and method in ("format", "sprintf") and positional:
            template = self.value(positional[0], depth + 1)
            return None if template is None else self._printf(template, positional[1:], depth)
        if receiver is None and method == "URI" and positional:
            return self.value(positional[0], depth + 1)
        if owner == "URI" and method == "parse" and positional:
            return self.value(positional[0], depth + 1)
        if owner == "URI" and method == "join" and positional:
            base = self.value(positional[0], depth + 1)
            for part in positional[1:]:
                base = None if base is None else join(base, self.text(part, depth + 1), "resolve")
            return base
        if owner == "File" and method == "join":
            return "/".join(self.text(part, depth + 1).strip("/") for part in positional) or None
        if owner == "ENV" and method == "fetch" and len(positional) >= 2:
            return self.value(positional[1], depth + 1)
        if receiver is not None and method in _IDENTITY:
            return self.value(receiver, depth + 1)
        if receiver is not None and method in ("chomp", "delete_suffix") and positional:
            base, cut = self.value(receiver, depth + 1), self.value(positional[0], depth + 1)
            if base is None or cut is None:
                return base
            return base[: -len(cut)] if cut and base.endswith(cut) else base
        if receiver is not None and method == "join" and strip(receiver).type == "array":
            glue = self.value(positional[0], depth + 1) if positional else ""
            return (glue or "").join(self.text(part, depth + 1) for part in strip(receiver).named_children)
        return None

    def _printf(self, template: str, values: list[Node], depth: int) -> str:
        index = 0

        def item(match: re.Match[str]) -> str:
            nonlocal index
            if match.group(3) == "%":
                return "%"
            if index < len(values):
                index += 1
                return self.text(values[index - 1], depth + 1)
            return "{}"

        return _PRINTF_RE.sub(item, template)


def placeholder_name(node: Node) -> str:
    """The name a value that cannot be read stands for."""
    node = strip(node)
    for _ in range(_MAX_DEPTH):
        kind = node.type
        if kind in ("identifier", "constant"):
            return text_of(node)
        if kind in ("instance_variable", "class_variable", "global_variable"):
            return text_of(node).lstrip("@$")
        if kind == "scope_resolution":
            return text_of(node.child_by_field_name("name"))
        if kind == "call":
            method = text_of(node.child_by_field_name("method"))
            receiver = node.child_by_field_name("receiver")
            positional, _keywords = call_arguments(node)
            if method in _ESCAPE_CALLS and positional:
                node = strip(positional[0])
                continue
            if receiver is not None and method in _IDENTITY:
                node = strip(receiver)
                continue
            if receiver is not None and not positional:
                return method  # issue.key, params[:id] -> key
            return ""
        if kind == "element_reference":
            keys = [c for c in node.named_children[1:] if c.type in ("simple_symbol", "string")]
            return text_of(keys[0]).strip(":'\"") if keys else ""
        return ""
    return ""
