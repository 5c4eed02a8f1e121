"""PHP (tree-sitter-php) onto the shared model: namespaces and ``use`` imports (``\\`` becomes
``.``), classes with properties, constants and constructor promotion, functions and methods,
``define()`` and ``const`` constants, and the expressions requests are built from: single-
and double-quoted strings with ``$var`` / ``{$obj->prop}``, ``.`` concatenation, arrays,
``$this->x``, ``self::X``, ``new``, ``Foo::bar()`` and ``$obj->bar()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.frontend import FrontEnd, flatten
from scopelint.scanning.core.ir import (
    Attr,
    Binding,
    Call,
    Expr,
    Function,
    Mapping,
    Name,
    Opaque,
    Str,
)

if TYPE_CHECKING:
    from tree_sitter import Node

_DOUBLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "e": "\x1b", "f": "\f",
                   "\\": "\\", "$": "$", '"': '"'}
_CLASS_KINDS = frozenset({"class_declaration", "interface_declaration", "trait_declaration",
                          "enum_declaration"})
_FUNCTION_KINDS = frozenset({"function_definition", "method_declaration"})
_CLOSURE_KINDS = frozenset({"anonymous_function", "arrow_function",
                            "anonymous_function_creation_expression"})
_EXPRESSION_KINDS = frozenset({
    "function_call_expression", "member_call_expression", "scoped_call_expression",
    "nullsafe_member_call_expression", "object_creation_expression", "string", "encapsed_string",
    "binary_expression", "array_creation_expression", "heredoc", "nowdoc",
})


def _variable(text: str) -> str:
    name = text.lstrip("$")
    return "this" if name == "this" else name


class PhpFrontEnd(FrontEnd):
    language = "php"
    visited = frozenset({"namespace_definition", "namespace_use_clause", "property_declaration",
                         "const_element", "assignment_expression",
                         "augmented_assignment_expression", "return_statement"}
                        | _CLASS_KINDS | _FUNCTION_KINDS | _CLOSURE_KINDS | _EXPRESSION_KINDS)

    # ------------------------------------------------------------------ statements

    def visit(self, node: Node, scope: int) -> int | None:
        kind = node.type
        module = self.module
        if kind == "namespace_definition":
            name = node.child_by_field_name("name")
            if name is not None:
                module.package = self.text(name).replace("\\", ".")
            return scope
        if kind == "namespace_use_clause":
            self._use(node)
            return None
        if kind in _CLASS_KINDS:
            class_name = self.text(node.child_by_field_name("name"))
            index = module.new_scope("class", class_name, node.start_byte, node.end_byte, scope)
            if class_name:
                module.classes.setdefault(class_name, index)
            base = next((c for c in node.named_children if c.type == "base_clause"), None)
            if base is not None and base.named_children:
                module.scopes[index].base = self.text(base.named_children[0])
            return index
        if kind in _FUNCTION_KINDS or kind in _CLOSURE_KINDS:
            return self._function(node, scope)
        if kind == "property_declaration":
            self._property(node, scope)
            return scope
        if kind == "const_element":
            named = node.named_children
            if len(named) >= 2:
                module.scopes[scope].bind(self.text(named[0]),
                                          Binding(node.end_byte, self.expr(named[-1], scope)))
            return None
        if kind in ("assignment_expression", "augmented_assignment_expression"):
            self._assign(node, scope)
            return scope
        if kind == "return_statement":
            value = next(iter(node.named_children), None)
            if value is not None:
                module.scopes[scope].returns.append(self.expr(value, scope))
            return scope
        if kind in _EXPRESSION_KINDS and not self.converted(node):
            found = self.expr(node, scope)
            if isinstance(found, Call) and found.name == "define" and len(found.args) >= 2:
                key = found.args[0]
                if isinstance(key, Str) and all(isinstance(p, str) for p in key.parts):
                    module.scopes[0].bind("".join(p for p in key.parts if isinstance(p, str)),
                                          Binding(node.end_byte, found.args[1]))
        return scope

    def _use(self, clause: Node) -> None:
        names = [c for c in clause.named_children if c.type in ("qualified_name", "name")]
        if not names:
            return
        qualified = self.text(names[0]).lstrip("\\").replace("\\", ".")
        alias = self.text(names[1]) if len(names) > 1 else qualified.rsplit(".", 1)[-1]
        self.module.imports[alias] = qualified

    def _function(self, node: Node, scope: int) -> int:
        module = self.module
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else None
        index = module.new_scope("function", name, node.start_byte, node.end_byte, scope)
        current = module.scopes[index]
        if module.scopes[scope].kind == "class":
            current.owner = scope
        elif node.type == "function_definition" and name:
            module.functions.setdefault(name, index)
        params = node.child_by_field_name("parameters")
        for position, param in enumerate(params.named_children if params is not None else []):
            pname = param.child_by_field_name("name")
            if pname is None:
                continue
            variable = _variable(self.text(pname))
            current.params[variable] = position
            ptype = param.child_by_field_name("type")
            if ptype is not None:
                current.types[variable] = self.text(ptype)
            if param.type == "property_promotion_parameter" and current.owner >= 0:
                owner = module.scopes[current.owner]
                if ptype is not None:
                    owner.types[variable] = self.text(ptype)
                owner.bind(variable, Binding(param.end_byte, Name(
                    pname.start_byte, pname.end_byte, index, variable)))
        return index

    def _property(self, node: Node, scope: int) -> None:
        current = self.module.scopes[scope]
        type_node = node.child_by_field_name("type")
        for element in node.named_children:
            if element.type != "property_element":
                continue
            name_node = element.child_by_field_name("name") or next(iter(element.named_children), None)
            if name_node is None:
                continue
            name = _variable(self.text(name_node))
            if type_node is not None:
                current.types[name] = self.text(type_node)
            default = element.child_by_field_name("default")
            if default is None:
                values = [c for c in element.named_children if c.start_byte != name_node.start_byte]
                default = values[-1] if values else None
            if default is not None and default.type == "property_initializer":
                default = next(iter(default.named_children), None)
            if default is not None:
                current.bind(name, Binding(element.end_byte, self.expr(default, scope)))

    def _assign(self, node: Node, scope: int) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        op = "="
        if node.type == "augmented_assignment_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type != ".=":
                return
            op = "+="
        value = self.expr(right, scope)
        module = self.module
        if left.type == "variable_name":
            module.scopes[scope].bind(_variable(self.text(left)), Binding(node.end_byte, value, op))
        elif left.type == "member_access_expression":
            obj = left.child_by_field_name("object")
            name = left.child_by_field_name("name")
            if obj is not None and name is not None and self.text(obj) == "$this":
                owner = module.class_of(scope)
                if owner >= 0:
                    module.scopes[owner].bind(self.text(name), Binding(node.end_byte, value, op))
        elif left.type == "subscript_expression" and left.named_children:
            target, *rest = left.named_children
            if target.type == "variable_name" and rest and rest[0].type == "string":
                key = self._literal(rest[0])
                module.scopes[scope].bind(_variable(self.text(target)) + "." + key,
                                          Binding(node.end_byte, value, op))

    # ------------------------------------------------------------------ expressions

    def convert(self, node: Node, scope: int) -> Expr:
        kind = node.type
        start, end = node.start_byte, node.end_byte
        if kind in ("parenthesized_expression", "cast_expression") and node.named_children:
            return self.expr(node.named_children[-1], scope)
        if kind == "string":
            return Str(start, end, scope, (self._literal(node),))
        if kind in ("encapsed_string", "heredoc"):
            return Str(start, end, scope, self._encapsed(node, scope))
        if kind == "nowdoc":
            body = next((c for c in node.named_children if c.type == "nowdoc_body"), None)
            return Str(start, end, scope, (self.text(body),))
        if kind == "variable_name":
            return Name(start, end, scope, _variable(self.text(node)))
        if kind in ("name", "qualified_name"):
            return Name(start, end, scope, self.text(node).lstrip("\\").replace("\\", "."))
        if kind in ("member_access_expression", "nullsafe_member_access_expression"):
            obj = node.child_by_field_name("object")
            name = node.child_by_field_name("name")
            return Attr(start, end, scope, self.expr(obj, scope), self.text(name))
        if kind in ("class_constant_access_expression", "scoped_property_access_expression"):
            named = node.named_children
            if len(named) >= 2:
                return Attr(start, end, scope, self._scope_name(named[0], scope),
                            _variable(self.text(named[-1])))
            return Opaque(start, end, scope)
        if kind == "subscript_expression" and len(node.named_children) >= 2:
            target, key = node.named_children[0], node.named_children[1]
            if key.type == "string":
                return Attr(start, end, scope, self.expr(target, scope), self._literal(key))
            return Opaque(start, end, scope)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == ".":
                return self.concat(node, scope, flatten(node, "binary_expression", "."))
            if operator is not None and operator.type in ("??", "?:"):
                right = node.child_by_field_name("right")
                if right is not None and right.type == "string":
                    return self.expr(right, scope)
            return Opaque(start, end, scope)
        if kind in ("function_call_expression", "member_call_expression",
                    "nullsafe_member_call_expression", "scoped_call_expression",
                    "object_creation_expression"):
            return self._call(node, scope)
        if kind == "array_creation_expression":
            return self._array(node, scope)
        if kind in _CLOSURE_KINDS:
            return Function(start, end, scope)
        return Opaque(start, end, scope)

    def _scope_name(self, node: Node, scope: int) -> Expr:
        text = self.text(node)
        if node.type == "relative_scope" or text in ("self", "static", "parent"):
            return Name(node.start_byte, node.end_byte, scope, "this")
        return self.expr(node, scope)

    def _literal(self, node: Node) -> str:
        """A single-quoted string's value (only ``\\'`` and ``\\\\`` are escapes)."""
        parts: list[str] = []
        for child in node.children:
            if child.type == "string_content":
                parts.append(self.text(child))
            elif child.type == "escape_sequence":
                parts.append(self.text(child)[1:])
        return "".join(parts)

    def _encapsed(self, node: Node, scope: int) -> tuple[str | Expr, ...]:
        parts: list[str | Expr] = []
        for child in node.children:
            kind = child.type
            if kind in ("string_content", "string_value", "heredoc_body", "heredoc_start",
                        "heredoc_end"):
                if kind == "heredoc_body":
                    parts.extend(self._encapsed(child, scope))
                elif kind in ("string_content", "string_value"):
                    parts.append(self.text(child))
            elif kind == "escape_sequence":
                sequence = self.text(child)
                parts.append(_DOUBLE_ESCAPES.get(sequence[1:], sequence))
            elif child.is_named and kind not in ("heredoc_start", "heredoc_end", "identifier"):
                parts.append(self.expr(child, scope))
        return tuple(parts)

    def _call(self, node: Node, scope: int) -> Expr:
        kind = node.type
        start, end = node.start_byte, node.end_byte
        arguments = node.child_by_field_name("arguments") or next(
            (c for c in node.named_children if c.type == "arguments"), None)
        args: list[Expr] = []
        keywords: dict[str, Expr] = {}
        for argument in arguments.named_children if arguments is not None else []:
            if argument.type != "argument" or not argument.named_children:
                continue
            label = argument.child_by_field_name("name")
            value = argument.named_children[-1]
            if label is not None and label is not value:
                keywords[self.text(label)] = self.expr(value, scope)
            else:
                args.append(self.expr(value, scope))
        if kind == "object_creation_expression":
            type_node = next((c for c in node.named_children
                              if c.type in ("name", "qualified_name")), None)
            if type_node is None:
                return Opaque(start, end, scope)
            func = self.expr(type_node, scope)
            name = self.text(type_node).rsplit("\\", 1)[-1]
            return Call(start, end, scope, func, name, tuple(args), keywords, new=True)
        name_node = node.child_by_field_name("name")
        if kind == "function_call_expression":
            function = node.child_by_field_name("function")
            if function is None or function.type not in ("name", "qualified_name"):
                return Call(start, end, scope, None, "", tuple(args), keywords)
            func = self.expr(function, scope)
            name = func.name if isinstance(func, Name) else ""
            return Call(start, end, scope, func, name.rsplit(".", 1)[-1], tuple(args), keywords)
        if kind == "scoped_call_expression":
            owner = self._scope_name(node.child_by_field_name("scope") or node, scope)
        else:
            owner = self.expr(node.child_by_field_name("object"), scope)
        name = self.text(name_node)
        func = Attr(start, name_node.end_byte if name_node is not None else end, scope, owner, name)
        return Call(start, end, scope, func, name, tuple(args), keywords)

    def _array(self, node: Node, scope: int) -> Expr:
        items: dict[str, Expr] = {}
        values: list[Expr] = []
        for element in node.named_children:
            if element.type != "array_element_initializer" or not element.named_children:
                continue
            named = element.named_children
            if len(named) >= 2:
                key_node = named[0]
                key = self._literal(key_node) if key_node.type == "string" else self.text(key_node)
                items[key] = self.expr(named[-1], scope)
            else:
                values.append(self.expr(named[0], scope))
        return Mapping(node.start_byte, node.end_byte, scope, None, items, tuple(values))
