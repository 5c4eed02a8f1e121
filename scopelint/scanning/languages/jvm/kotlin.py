"""Kotlin (tree-sitter-kotlin) onto the shared model: package, imports (with ``as``), classes
and objects with properties and ``val``/``var`` constructor parameters, top-level and local
``val``/``var``/``const val``, functions, and the expressions requests are built from:
string templates (``"$base/pages/$id"``, ``"${x.y}"``), ``+``, ``"...".format(...)``,
constructor calls (``Request.Builder()``), method chains and trailing lambdas."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core.frontend import FrontEnd, flatten
from scopelint.scanning.core.ir import Attr, Binding, Call, Expr, Function, Name, Opaque, Str

if TYPE_CHECKING:
    from tree_sitter import Node

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "\\": "\\", '"': '"', "'": "'", "$": "$"}
_TEMPLATE_NAME_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_CLASS_KINDS = frozenset({"class_declaration", "object_declaration", "companion_object"})
COMPANION = "Companion"  # the name Kotlin gives an unnamed companion object
_EXPRESSION_KINDS = frozenset({"call_expression", "string_literal", "multiline_string_literal",
                               "binary_expression"})
_WRAPPERS = frozenset({"parenthesized_expression", "postfix_expression", "as_expression",
                       "annotated_expression", "spread_expression"})


class KotlinFrontEnd(FrontEnd):
    language = "kotlin"
    bare_fields = True
    visited = frozenset({"package_header", "import", "class_parameter", "function_declaration",
                         "lambda_literal", "anonymous_function", "secondary_constructor",
                         "property_declaration", "assignment", "return_expression"}
                        | _CLASS_KINDS | _EXPRESSION_KINDS)

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self._objects: set[int] = set()  # scopes of `object X` and companion objects

    # ------------------------------------------------------------------ statements

    def visit(self, node: Node, scope: int) -> int | None:
        kind = node.type
        module = self.module
        if kind == "package_header":
            target = next((c for c in node.named_children if c.type == "qualified_identifier"), None)
            module.package = self.text(target)
            return None
        if kind == "import":
            self._import(node)
            return None
        if kind in _CLASS_KINDS:
            name_node = node.child_by_field_name("name") or next(
                (c for c in node.named_children if c.type in ("identifier", "type_identifier")), None)
            name = self.text(name_node) if name_node is not None else None
            if kind == "companion_object" and not name:
                name = COMPANION  # its members are read through the class: Client.SEARCH
            index = module.new_scope("class", name, node.start_byte, node.end_byte, scope)
            if kind != "class_declaration":
                self._objects.add(index)
            if name and name != COMPANION:
                module.classes.setdefault(name, index)
            return index
        if kind == "class_parameter":
            self._class_parameter(node, scope)
            return None
        if kind in ("function_declaration", "lambda_literal", "anonymous_function",
                    "secondary_constructor"):
            return self._function(node, scope)
        if kind == "property_declaration":
            self._property(node, scope)
            return scope
        if kind == "assignment":
            self._assign(node, scope)
            return scope
        if kind == "return_expression":
            value = next(iter(node.named_children), None)
            if value is not None:
                module.scopes[scope].returns.append(self.expr(value, scope))
            return scope
        if kind in _EXPRESSION_KINDS and not self.converted(node):
            self.expr(node, scope)
        return scope

    def _import(self, node: Node) -> None:
        target = next((c for c in node.named_children if c.type == "qualified_identifier"), None)
        if target is None:
            return
        qualified = self.text(target)
        if self.text(node).rstrip().endswith("*"):  # `import java.net.http.*`: its classes
            self.module.star_imports.append(qualified.removesuffix(".*"))
            return
        alias = next((c for c in node.named_children if c.type == "identifier"), None)
        local = self.text(alias) if alias is not None else qualified.rsplit(".", 1)[-1]
        self.module.imports[local] = qualified

    def _class_parameter(self, node: Node, scope: int) -> None:
        if not any(child.type in ("val", "var") for child in node.children):
            return
        name_node = next((c for c in node.named_children if c.type == "identifier"), None)
        if name_node is None:
            return
        type_node = next((c for c in node.named_children
                          if c.type in ("user_type", "nullable_type")), None)
        current = self.module.scopes[scope]
        name = self.text(name_node)
        if type_node is not None:
            current.types[name] = self.text(type_node)

    def _function(self, node: Node, scope: int) -> int:
        module = self.module
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else None
        index = module.new_scope("function", name, node.start_byte, node.end_byte, scope)
        current = module.scopes[index]
        if module.scopes[scope].kind == "class":
            current.owner = scope
        elif node.type == "function_declaration" and name:
            module.functions.setdefault(name, index)
        parameters = next((c for c in node.named_children
                           if c.type in ("function_value_parameters", "lambda_parameters")), None)
        position = 0
        for param in parameters.named_children if parameters is not None else []:
            if param.type not in ("parameter", "variable_declaration"):
                continue
            pname = next((c for c in param.named_children if c.type == "identifier"), None)
            ptype = next((c for c in param.named_children
                          if c.type in ("user_type", "nullable_type")), None)
            if pname is not None:
                current.params[self.text(pname)] = position
                if ptype is not None:
                    current.types[self.text(pname)] = self.text(ptype)
                position += 1
        body = next((c for c in node.named_children if c.type == "function_body"), None)
        if body is not None and body.named_children and body.named_children[0].type != "block":
            current.returns.append(self.expr(body.named_children[0], index))
        return index

    def _property(self, node: Node, scope: int) -> None:
        current = self.module.scopes[scope]
        declaration = next((c for c in node.named_children if c.type == "variable_declaration"), None)
        if declaration is None:
            return
        name_node = next((c for c in declaration.named_children if c.type == "identifier"), None)
        if name_node is None:
            return
        name = self.text(name_node)
        type_node = next((c for c in declaration.named_children
                          if c.type in ("user_type", "nullable_type")), None)
        if type_node is not None:
            current.types[name] = self.text(type_node)
        seen_equals = False
        for child in node.children:
            if child.type == "=":
                seen_equals = True
            elif seen_equals and child.is_named:
                current.bind(name, Binding(node.end_byte, self.expr(child, scope)))
                if (scope == 0 or scope in self._objects) and _shared(node):
                    self.module.constants.append((scope, name, node.start_byte))
                break

    def _assign(self, node: Node, scope: int) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None or operator.type not in ("=", "+="):
            return
        op = "+=" if operator.type == "+=" else "="
        module = self.module
        value = self.expr(right, scope)
        if left.type == "identifier":
            name = self.text(left)
            module.scopes[self._owner(name, scope)].bind(name, Binding(node.end_byte, value, op))
        elif left.type == "navigation_expression" and len(left.named_children) == 2:
            obj, field = left.named_children
            if obj.type == "this_expression":
                owner = module.class_of(scope)
                if owner >= 0:
                    module.scopes[owner].bind(self.text(field), Binding(node.end_byte, value, op))

    def _owner(self, name: str, scope: int) -> int:
        scopes = self.module.scopes
        index = scope
        while index >= 0:
            current = scopes[index]
            if name in current.bindings or name in current.params or name in current.types:
                return index
            index = current.parent
        return scope

    # ------------------------------------------------------------------ expressions

    def convert(self, node: Node, scope: int) -> Expr:
        kind = node.type
        start, end = node.start_byte, node.end_byte
        if kind in _WRAPPERS and node.named_children:
            return self.expr(node.named_children[0], scope)
        if kind in ("string_literal", "multiline_string_literal"):
            return Str(start, end, scope, self._template(node, scope))
        if kind == "identifier":
            return Name(start, end, scope, self.text(node))
        if kind == "this_expression":
            return Name(start, end, scope, "this")
        if kind == "navigation_expression" and len(node.named_children) >= 2:
            obj, field = node.named_children[0], node.named_children[-1]
            return Attr(start, end, scope, self.expr(obj, scope), self.text(field))
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "+":
                return self.concat(node, scope, flatten(node, "binary_expression", "+"))
            if operator is not None and operator.type == "?:":
                right = node.child_by_field_name("right")
                if right is not None and right.type == "string_literal":
                    return self.expr(right, scope)
            return Opaque(start, end, scope)
        if kind == "call_expression":
            return self._call(node, scope)
        if kind in ("lambda_literal", "annotated_lambda", "anonymous_function"):
            return Function(start, end, scope)
        return Opaque(start, end, scope)

    def _template(self, node: Node, scope: int) -> tuple[str | Expr, ...]:
        """A string template: literal runs (re-read for ``$name``, which the grammar splits
        into separate pieces) and ``${expression}`` parts."""
        parts: list[str | Expr] = []
        run: list[str] = []
        run_start = node.start_byte

        def flush() -> None:
            text = "".join(run)
            position = 0
            for match in _TEMPLATE_NAME_RE.finditer(text):
                if match.start() > position:
                    parts.append(text[position:match.start()])
                parts.append(Name(run_start, run_start + 1, scope, match.group(1)))
                position = match.end()
            if position < len(text):
                parts.append(text[position:])
            run.clear()

        for child in node.children:
            kind = child.type
            if kind == "string_content":
                if not run:
                    run_start = child.start_byte
                run.append(self.text(child))
            elif kind == "escape_sequence":
                sequence = self.text(child)
                run.append("\\u" if sequence.startswith("\\u") else _ESCAPES.get(sequence[1:], ""))
            elif kind == "interpolation":
                flush()
                inner = next(iter(child.named_children), None)
                if inner is not None:
                    parts.append(self.expr(inner, scope))
            elif kind in ("interpolated_identifier", "simple_identifier"):
                flush()
                parts.append(Name(child.start_byte, child.end_byte, scope,
                                  self.text(child).lstrip("$")))
        flush()
        text_only = node.type == "multiline_string_literal"
        if text_only and parts and isinstance(parts[0], str):
            parts[0] = parts[0].lstrip()
        return tuple(parts)

    def _call(self, node: Node, scope: int) -> Expr:
        start, end = node.start_byte, node.end_byte
        named = node.named_children
        if not named:
            return Opaque(start, end, scope)
        callee = named[0]
        extra: list[Expr] = []
        if callee.type == "call_expression" and any(c.type == "annotated_lambda" for c in named):
            # f(args) { ... }: one call with a trailing lambda
            inner = self.expr(callee, scope)
            if isinstance(inner, Call):
                inner.args = (*inner.args, Function(start, end, scope))
            return inner
        args: list[Expr] = []
        keywords: dict[str, Expr] = {}
        for child in named[1:]:
            if child.type == "value_arguments":
                for argument in child.named_children:
                    if argument.type != "value_argument" or not argument.named_children:
                        continue
                    has_name = any(c.type == "=" for c in argument.children)
                    value = argument.named_children[-1]
                    if has_name and len(argument.named_children) >= 2:
                        keywords[self.text(argument.named_children[0])] = self.expr(value, scope)
                    else:
                        args.append(self.expr(value, scope))
            elif child.type == "annotated_lambda":
                extra.append(Function(child.start_byte, child.end_byte, scope))
        args.extend(extra)
        func: Expr | None = None
        name = ""
        if callee.type in ("identifier", "navigation_expression"):
            func = self.expr(callee, scope)
            name = func.name if isinstance(func, (Name, Attr)) else ""
        new = bool(name[:1].isupper())
        if new and isinstance(func, Attr):
            written = self.text(callee)
            # `Request.Builder()` constructs; `builder.DELETE()`, `x.uri(u).PUT(b)` call a method
            new = "(" not in written and written.rsplit(".", 2)[-2][:1].isupper()
            if new:
                func = Name(callee.start_byte, callee.end_byte, scope, written)
        return Call(start, end, scope, func, name, tuple(args), keywords, new=new)


def _shared(node: Node) -> bool:
    """A ``val`` other files can read: top level or in an object (``const val`` or ``val``),
    not ``private`` (a ``var`` may change, so it is no constant)."""
    if not any(child.type == "val" for child in node.children):
        return False
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return modifiers is None or not any(
        m.type == "visibility_modifier" and m.text in (b"private", b"protected")
        for m in modifiers.children)
