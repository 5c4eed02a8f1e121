"""Reading the string value of a JavaScript expression the way a reviewer would.

``Evaluator.text`` turns an expression into the text it builds: literals, template literals,
``+`` concatenation, constants (``const``/``let``/``var`` in any enclosing scope), object
properties (``config.jira.baseUrl``), ``this.x`` fields, ``route`...```, ``new URL(p, base)``.
Whatever cannot be known becomes a ``{name}`` placeholder (the identifier or last member
name), or ``{}``.

Function parameters are symbolic: an unbound parameter becomes ``{name}`` and is recorded in
the ``Trace``, so the caller can tell that a request depends on it.  A ``Ctx`` binds the
parameters of helper functions to the argument expressions of one particular call.

Every walk is bounded (depth and step budgets), so hostile inputs stay cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from scopelint.scanning.core.knowledge import table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.languages.javascript.index import FileIndex
from scopelint.scanning.languages.javascript.nodes import NodeKey, arguments_of, key_of, unwrap
from scopelint.scanning.languages.javascript.valuetypes import (
    ABSENT,
    EMPTY,
    MAX_DEPTH,
    MAX_STEPS,
    MAX_TEXT,
    UNDEFINED,
    UNKNOWN_PROP,
    Ctx,
    External,
    Marker,
    ParamRef,
    Resolved,
    Trace,
    Unknown,
    _Sentinel,
)

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment, Origin

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def unescape(sequence: str) -> str:
    body = sequence[1:]
    if not body or body[0] in "\r\n":
        return ""
    if body[0] in _ESCAPES and len(body) == 1:
        return _ESCAPES[body[0]]
    try:
        if body.startswith("u{") and body.endswith("}"):
            return chr(int(body[2:-1], 16))
        if body[0] in "ux" and len(body) > 1:
            return chr(int(body[1:], 16))
    except (ValueError, OverflowError):
        return ""
    return body


def placeholder_of(node: Node, index: FileIndex) -> str:
    """``{name}`` for an identifier or ``a.b.name`` expression, else ``{}``."""
    node = unwrap(node)
    if node.type in ("identifier", "shorthand_property_identifier"):
        return "{" + index.text(node) + "}"
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is not None:
            return "{" + index.text(prop).lstrip("#") + "}"
    if node.type == "subscript_expression":
        subscript = node.child_by_field_name("index")
        if subscript is not None and subscript.type == "string":
            return "{" + string_literal(subscript, index) + "}"
    return "{}"


def string_literal(node: Node, index: FileIndex) -> str:
    parts: list[str] = []
    for child in node.children:
        if child.type == "string_fragment":
            parts.append(index.text(child))
        elif child.type == "escape_sequence":
            parts.append(unescape(index.text(child)))
        elif child.type == "html_character_reference":
            parts.append(index.text(child))
    return "".join(parts)


class Evaluator:
    def __init__(self, index: FileIndex, environment: Environment | None = None) -> None:
        self.index = index
        self.environment = environment  # what the file's imports are (cross-file linking)
        self.unlinked: dict[str, str] = {}  # placeholder name -> why linking found no value
        self.passthrough = table("javascript").names("passthrough")
        # text() of a node with no parameter bound: (text, parameters, literal nodes read,
        # bases in other modules)
        self._memo: dict[NodeKey, tuple[str, frozenset[ParamRef], frozenset[NodeKey],
                                        tuple[Origin, ...]]] = {}

    def imported(self, name: str) -> External | None:
        """What the environment knows about a name the file imports (``import { x } from``,
        ``const { x } = require(...)``)."""
        entry = self.index.imports.get(name)
        return self.imported_from(entry[0], entry[1], name) if entry is not None else None

    def imported_from(self, module: str, export: str, local: str | None = None) -> External | None:
        if self.environment is None:
            return None
        found = self.environment.lookup(f"{module}.{export}")
        if found is None and local is not None:
            from scopelint.scanning.core.environment import unlinked_reason

            reason = unlinked_reason(self.environment, f"{module}.{export}")
            if reason is not None:
                self.unlinked[local] = reason
        return External(found) if found is not None else None

    # ------------------------------------------------------------------ resolution

    def resolve(self, node: Node, ctx: Ctx, trace: Trace, depth: int = 0) -> Resolved:
        """Follow identifiers, members and wrappers to the expression that gives the value."""
        index = self.index
        for _ in range(MAX_DEPTH):
            trace.steps += 1
            if depth > MAX_DEPTH or trace.steps > MAX_STEPS:
                return Unknown(None)
            node = unwrap(node)
            kind = node.type
            if kind in ("identifier", "shorthand_property_identifier"):
                name = index.text(node)
                if name == "undefined":
                    return UNDEFINED
                found = self.lookup(name, node.start_byte, ctx, trace)
                if not isinstance(found, tuple):
                    return found
                node, ctx = found
            elif kind == "member_expression":
                prop_node = node.child_by_field_name("property")
                obj = node.child_by_field_name("object")
                if prop_node is None or obj is None:
                    return Unknown(None)
                prop = index.text(prop_node).lstrip("#")
                nxt = self._member(obj, prop, ctx, trace, depth + 1)
                if not isinstance(nxt, tuple):
                    return nxt
                node, ctx = nxt
            elif kind == "subscript_expression":
                obj = node.child_by_field_name("object")
                subscript = node.child_by_field_name("index")
                if obj is None or subscript is None or subscript.type != "string":
                    return Unknown(None)
                nxt = self._member(obj, string_literal(subscript, index), ctx, trace, depth + 1)
                if not isinstance(nxt, tuple):
                    return nxt
                node, ctx = nxt
            else:
                if kind == "call_expression" and self.environment is not None:
                    module = index.required.get(key_of(node))
                    if module is not None:
                        linked = self.imported_from(module, "default")
                        if linked is not None:
                            return linked
                return node, ctx
        return Unknown(None)

    def lookup(self, name: str, pos: int, ctx: Ctx, trace: Trace) -> Resolved:
        index = self.index
        if name not in index.declared_names:  # a global (fetch, axios, ...): no scope walk
            if self.environment is not None and name in index.imports:
                return self.imported(name) or Unknown(name)
            return Unknown(name)
        scope_index = index.innermost_scope(pos)
        while scope_index >= 0:
            scope = index.scopes[scope_index]
            if scope_index > 0 and name in scope.params:
                ref = (scope.key, name)
                if ref in ctx.env:
                    binding = ctx.env[ref]
                    if binding is None:
                        return Unknown(name)
                    if isinstance(binding, Marker):
                        return Unknown("%" + binding.name)
                    return binding
                trace.params.add(ref)
                return Unknown(name)
            declared = index.decls.get((scope_index, name))
            if declared is not None:
                return declared, ctx
            scope_index = scope.parent
        return Unknown(name)

    def _member(self, obj: Node, prop: str, ctx: Ctx, trace: Trace, depth: int) -> Resolved:
        index = self.index
        obj = unwrap(obj)
        if obj.type == "this":
            fields = index.this_fields.get(prop)
            return (fields[0], EMPTY) if fields else Unknown(prop)
        if obj.type == "member_expression" and index.text(obj) == "process.env":
            return Unknown(prop)
        if index.this_paths:  # `this.config.apiPath`, set in the constructor
            from scopelint.scanning.languages.javascript.returned import nested_field

            nested = nested_field(self, obj, prop, ctx, trace)
            if nested is not None:
                return nested
        target = self.resolve(obj, ctx, trace, depth)
        if target is UNDEFINED:
            return UNDEFINED
        if isinstance(target, External):
            member = target.export.members.get(prop)
            return External(member) if member is not None else Unknown(prop)
        if not isinstance(target, tuple):
            return Unknown(prop)
        target_node, target_ctx = target
        if target_node.type == "call_expression":  # `loadConfig().baseUrl`
            from scopelint.scanning.languages.javascript.returned import returned_object

            target_node, target_ctx = returned_object(self, *target, trace, depth) or target
        if target_node.type == "object":
            found = self.prop(target_node, target_ctx, prop, trace, depth)
            if found is ABSENT:
                return UNDEFINED
            if found is UNKNOWN_PROP:
                return Unknown(prop)
            return found
        if target_node.type == "new_expression" and prop in ("href", "toString"):
            return target_node, target_ctx
        return Unknown(prop)

    def prop(
        self, obj: Node, ctx: Ctx, key: str, trace: Trace, depth: int = 0
    ) -> tuple[Node, Ctx] | _Sentinel:
        """The value node of ``obj[key]`` for an object literal; ABSENT or UNKNOWN_PROP."""
        index = self.index
        for child in reversed(obj.named_children):
            kind = child.type
            if kind == "pair":
                name_node = child.child_by_field_name("key")
                value = child.child_by_field_name("value")
                if name_node is None or value is None:
                    continue
                if name_node.type == "string":
                    name = string_literal(name_node, index)
                elif name_node.type in ("property_identifier", "number"):
                    name = index.text(name_node)
                else:
                    continue
                if name == key:
                    return value, ctx
            elif kind == "shorthand_property_identifier":
                if index.text(child) == key:
                    return child, ctx
            elif kind == "method_definition":
                name_node = child.child_by_field_name("name")
                if name_node is not None and index.text(name_node) == key:
                    return child, ctx
            elif kind == "spread_element" and child.named_children:
                if depth > MAX_DEPTH:
                    return UNKNOWN_PROP
                inner = self.resolve(child.named_children[0], ctx, trace, depth + 1)
                if inner is UNDEFINED:
                    continue
                if isinstance(inner, Unknown) and inner.name and inner.name.startswith("%"):
                    trace.spreads.append(inner.name[1:])
                if isinstance(inner, tuple) and inner[0].type == "call_expression":
                    from scopelint.scanning.languages.javascript.returned import returned_object

                    inner = returned_object(self, inner[0], inner[1], trace, depth + 1) or inner
                if not isinstance(inner, tuple) or inner[0].type != "object":
                    return UNKNOWN_PROP
                found = self.prop(inner[0], inner[1], key, trace, depth + 1)
                if found is not ABSENT:
                    return found
        return ABSENT

    def object_prop(
        self, node: Node | None, ctx: Ctx, key: str, trace: Trace
    ) -> tuple[Node, Ctx] | _Sentinel:
        """``node[key]`` where ``node`` should be an object; ABSENT when there is no such
        object (or it is ``undefined``), UNKNOWN_PROP when it cannot be read."""
        if node is None:
            return ABSENT
        target = self.resolve(node, ctx, trace)
        if target is UNDEFINED:
            return ABSENT
        if isinstance(target, Unknown) and target.name and target.name.startswith("%"):
            trace.spreads.append(target.name[1:])  # a helper's options parameter
        if not isinstance(target, tuple) or target[0].type != "object":
            return UNKNOWN_PROP
        return self.prop(target[0], target[1], key, trace)

    # ------------------------------------------------------------------ text

    def text(self, node: Node, ctx: Ctx, trace: Trace, depth: int = 0) -> str:
        """The string ``node`` evaluates to, with ``{name}``/``{}`` for unknown parts."""
        if depth > MAX_DEPTH or trace.steps > MAX_STEPS:
            return "{}"
        if ctx.env:
            text = self._text(node, ctx, trace, depth)
            return text if len(text) <= MAX_TEXT else "{}"
        key = key_of(node)
        memo = self._memo.get(key)
        if memo is None:
            inner = Trace(steps=trace.steps)
            text = self._text(node, ctx, inner, depth)
            if len(text) > MAX_TEXT:
                text = "{}"
            trace.steps = inner.steps
            memo = (text, frozenset(inner.params), frozenset(inner.consumed), tuple(inner.elsewhere))
            if inner.steps <= MAX_STEPS:  # a truncated result depends on the budget left
                self._memo[key] = memo
        trace.params.update(memo[1])
        trace.consume_all(memo[2])
        if memo[3]:
            trace.add_elsewhere(memo[3])
        return memo[0]

    def _text(self, node: Node, ctx: Ctx, trace: Trace, depth: int) -> str:
        resolved = self.resolve(node, ctx, trace, depth)
        if isinstance(resolved, Unknown):
            return resolved.placeholder
        if isinstance(resolved, External):
            export = resolved.export
            if export.kind == "constant" and export.template is not None:
                trace.add_elsewhere(export.origins)
                return export.template
            return placeholder_of(node, self.index)
        if not isinstance(resolved, tuple):
            return "{}"
        target, target_ctx = resolved
        value = self._text_of(target, target_ctx, trace, depth + 1)
        return value if value is not None else placeholder_of(node, self.index)

    def _text_of(self, node: Node, ctx: Ctx, trace: Trace, depth: int) -> str | None:
        index = self.index
        kind = node.type
        if kind == "string":
            trace.consume(key_of(node))
            return string_literal(node, index)
        if kind == "template_string":
            trace.consume(key_of(node))
            parts: list[str] = []
            for child in node.children:
                if child.type == "string_fragment":
                    parts.append(index.text(child))
                elif child.type == "escape_sequence":
                    parts.append(unescape(index.text(child)))
                elif child.type == "template_substitution" and child.named_children:
                    parts.append(self.text(child.named_children[0], ctx, trace, depth))
            return "".join(parts)
        if kind == "binary_expression":
            return self._binary(node, ctx, trace, depth)
        if kind == "call_expression":
            return self._call_text(node, ctx, trace, depth)
        if kind == "new_expression":
            constructor = node.child_by_field_name("constructor")
            args = arguments_of(node)
            if constructor is not None and index.text(constructor) == "URL" and args:
                path = self.text(args[0], ctx, trace, depth)
                if len(args) > 1:
                    return join(self.text(args[1], ctx, trace, depth), path, "resolve")
                return path
            return None
        if kind == "number":
            return index.text(node)
        return None

    def _binary(self, node: Node, ctx: Ctx, trace: Trace, depth: int) -> str | None:
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return None
        if operator.type == "+":
            operands = [right]
            current = unwrap(left)
            # Flatten a left-deep chain `a + b + c + ...` without recursing.
            while current.type == "binary_expression":
                op = current.child_by_field_name("operator")
                inner_left = current.child_by_field_name("left")
                inner_right = current.child_by_field_name("right")
                if op is None or op.type != "+" or inner_left is None or inner_right is None:
                    break
                operands.append(inner_right)
                current = unwrap(inner_left)
                trace.steps += 1
                if trace.steps > MAX_STEPS:
                    return "{}"
            operands.append(current)
            return "".join(self.text(part, ctx, trace, depth) for part in reversed(operands))
        if operator.type in ("||", "??"):
            first = self.resolve(left, ctx, trace, depth)
            if first is UNDEFINED:
                return self.text(right, ctx, trace, depth)
            if isinstance(first, Unknown):
                fallback = self.resolve(right, ctx, trace, depth)
                if isinstance(fallback, tuple) and fallback[0].type in (
                    "string", "template_string", "binary_expression"
                ):
                    text = self.text(right, ctx, trace, depth)
                    if text:  # `env.X ?? ''` is an unknown value, not an empty one
                        return text
                return first.placeholder
            return self.text(left, ctx, trace, depth)
        return None

    def _call_text(self, node: Node, ctx: Ctx, trace: Trace, depth: int) -> str | None:
        index = self.index
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return None
        if arguments.type == "template_string":  # route`...`, String.raw`...`
            return self.text(arguments, ctx, trace, depth)
        args = arguments_of(node)
        function = unwrap(function)
        if function.type in ("identifier", "member_expression") and self.environment is not None:
            built = self._built(function, args, ctx, trace, depth)
            if built is not None:
                return built
        if function.type == "identifier":
            name = index.text(function)
            if name in self.passthrough and args:
                return self.text(args[0], ctx, trace, depth)
            if name == "encodeURIComponent" and args:
                target = self.resolve(args[0], ctx, trace, depth)
                if isinstance(target, tuple) and target[0].type in ("string", "template_string"):
                    return self.text(args[0], ctx, trace, depth)
                return placeholder_of(args[0], index)
            return None
        if function.type != "member_expression":
            return None
        obj = function.child_by_field_name("object")
        prop_node = function.child_by_field_name("property")
        if obj is None or prop_node is None:
            return None
        prop = index.text(prop_node)
        if prop in ("toString", "trim", "replace", "normalize", "valueOf"):
            return self.text(obj, ctx, trace, depth)
        if prop in ("toUpperCase", "toLocaleUpperCase"):
            return self.text(obj, ctx, trace, depth).upper()
        if prop in ("toLowerCase", "toLocaleLowerCase"):
            return self.text(obj, ctx, trace, depth).lower()
        if prop == "concat":
            return self.text(obj, ctx, trace, depth) + "".join(
                self.text(arg, ctx, trace, depth) for arg in args
            )
        if prop == "join":
            array = self.resolve(obj, ctx, trace, depth)
            if isinstance(array, tuple) and array[0].type == "array":
                separator = self.text(args[0], ctx, trace, depth) if args else ","
                return separator.join(
                    self.text(item, array[1], trace, depth) for item in array[0].named_children
                )
            return None
        if prop == "resolve" and len(args) == 2 and index.text(obj) == "url":
            return join(
                self.text(args[0], ctx, trace, depth), self.text(args[1], ctx, trace, depth), "resolve"
            )
        return None

    def _built(self, function: Node, args: list[Node], ctx: Ctx, trace: Trace,
               depth: int) -> str | None:
        """The URL an imported URL builder returns for these arguments."""
        target = self.resolve(function, ctx, trace, depth)
        if not isinstance(target, External) or target.export.kind != "builder":
            return None
        export = target.export
        if export.template is None:
            return None
        from scopelint.scanning.core.environment import fill

        values = {p.name: p.default for p in export.params if p.default is not None}
        for param in export.params:
            if param.index < len(args) and args[param.index].type != "spread_element":
                values[param.name] = self.text(args[param.index], ctx, trace, depth)
        trace.add_elsewhere(export.origins)
        return fill(export.template, values)

    # ------------------------------------------------------------------ methods

    def method(
        self, options: Node | None, ctx: Ctx, trace: Trace, default: str | None = "GET",
        keys: tuple[str, ...] = ("method",),
    ) -> str | None:
        """The HTTP method an options object gives under the first of ``keys`` it has
        (``default`` when it gives none).  Keys after the first count only when they name an
        HTTP method (jQuery-style options such as Connect's ``AP.request`` say ``type``)."""
        primary = keys[0] if keys else "method"
        found = self.object_prop(options, ctx, primary, trace)
        if found is UNKNOWN_PROP and trace.spreads:  # {...init}: the caller's init.method
            trace.method_source = "inferred"
            return "{%" + trace.spreads[-1] + "." + primary + "=" + (default or "") + "}"
        if found is ABSENT:
            for key in keys[1:]:
                typed = self.object_prop(options, ctx, key, trace)
                if isinstance(typed, tuple):
                    verb = self.method_value(typed[0], typed[1], trace, None)
                    if verb is not None:
                        trace.method_source = "literal" if typed[0].type == "string" else "inferred"
                        return verb
            trace.method_source = "default"
            return default
        if not isinstance(found, tuple):
            return None
        trace.method_source = "literal" if found[0].type == "string" else "inferred"
        return self.method_value(found[0], found[1], trace, default)

    def method_value(self, node: Node, ctx: Ctx, trace: Trace, default: str | None) -> str | None:
        target = self.resolve(node, ctx, trace)
        if target is UNDEFINED:
            return default
        if isinstance(target, Unknown) and target.name and target.name.startswith("%"):
            return "{" + target.name + "}"  # a helper's parameter (its summary)
        if isinstance(target, External) and target.export.method is not None:
            return target.export.method
        if not isinstance(target, tuple):
            return None
        return method_word(self.text(node, ctx, trace))
