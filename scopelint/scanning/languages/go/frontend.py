"""Go (tree-sitter-go) onto the shared model: imports, package-level and local values, struct
types with their fields (and the values composite literals give them), methods with their
receivers, and the expressions requests are built from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core.frontend import FrontEnd, flatten
from scopelint.scanning.core.ir import (
    Attr,
    Binding,
    Call,
    Expr,
    Function,
    Mapping,
    Module,
    Name,
    Opaque,
    Str,
)

if TYPE_CHECKING:
    from tree_sitter import Node

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a",
            "b": "\b", "f": "\f", "v": "\v"}
_VERSION_RE = re.compile(r"^v\d+$")
_WRAPPERS = frozenset({"parenthesized_expression"})
_FUNCTION_KINDS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_EXPRESSION_KINDS = frozenset({"call_expression", "composite_literal", "interpreted_string_literal",
                               "raw_string_literal", "binary_expression"})


def package_name(path: str) -> str:
    """The name a Go import path is used by, without an alias: its last segment, skipping a
    major-version suffix (``resty/v2`` -> ``resty``), without ``go-``/``-go``/``.vN``
    (``github.com/andygrunwald/go-jira`` -> ``jira``, ``gopkg.in/yaml.v3`` -> ``yaml``)."""
    parts = [part for part in path.split("/") if part]
    if not parts:
        return path
    name = parts[-1]
    if _VERSION_RE.match(name) and len(parts) > 1:
        name = parts[-2]
    name = re.sub(r"\.v\d+$", "", name)
    if name.startswith("go-"):
        name = name[3:]
    if name.endswith("-go"):
        name = name[:-3]
    return name.replace("-", "_").replace(".", "_")


class GoFrontEnd(FrontEnd):
    language = "go"
    visited = frozenset({"package_clause", "import_spec", "type_spec", "short_var_declaration",
                         "var_spec", "const_spec", "assignment_statement", "return_statement"}
                        | _FUNCTION_KINDS | _EXPRESSION_KINDS)

    def _class(self, name: str) -> int:
        module = self.module
        index = module.classes.get(name)
        if index is None:
            index = module.new_scope("class", name, 0, 0, 0)
            module.classes[name] = index
        return index

    # ------------------------------------------------------------------ statements

    def visit(self, node: Node, scope: int) -> int | None:
        kind = node.type
        module = self.module
        if kind == "package_clause":
            for child in node.named_children:
                module.package = self.text(child)
            return None
        if kind == "import_spec":
            path_node = node.child_by_field_name("path")
            path = self.text(path_node).strip('"`')
            alias = node.child_by_field_name("name")
            local = self.text(alias) if alias is not None else package_name(path)
            if local not in ("_", "."):
                module.imports[local] = path
            return None
        if kind in _FUNCTION_KINDS:
            self._function(node, scope)
            return None
        if kind == "type_spec":
            type_node = node.child_by_field_name("type")
            name = self.text(node.child_by_field_name("name"))
            if type_node is not None and type_node.type == "struct_type" and name:
                self._struct(name, type_node)
            return None
        if kind == "short_var_declaration":
            self._assign(node, scope, declare=True)
            return scope
        if kind in ("var_spec", "const_spec"):
            self._spec(node, scope)
            return scope
        if kind == "assignment_statement":
            self._assign(node, scope, declare=False)
            return scope
        if kind == "return_statement":
            values = [c for c in node.named_children if c.type == "expression_list"]
            if values and values[0].named_children:
                module.scopes[scope].returns.append(self.expr(values[0].named_children[0], scope))
            return scope
        if kind in _EXPRESSION_KINDS and not self.converted(node):
            self.expr(node, scope)
        return scope

    def _function(self, node: Node, scope: int) -> None:
        module = self.module
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else None
        index = module.new_scope("function", name, node.start_byte, node.end_byte, scope)
        current = module.scopes[index]
        if node.type == "function_declaration" and name:
            module.functions.setdefault(name, index)
        receiver = node.child_by_field_name("receiver")
        if receiver is not None:
            for param in receiver.named_children:
                type_text = self.text(param.child_by_field_name("type")).lstrip("*")
                type_text = type_text.split("[", 1)[0]
                if type_text:
                    current.owner = self._class(type_text)
                for pname in param.children_by_field_name("name"):
                    current.params[self.text(pname)] = 0
                    current.types[self.text(pname)] = type_text
        parameters = node.child_by_field_name("parameters")
        if parameters is not None:
            position = 0
            for param in parameters.named_children:
                type_text = self.text(param.child_by_field_name("type"))
                for pname in param.children_by_field_name("name"):
                    current.params[self.text(pname)] = position
                    if type_text:
                        current.types[self.text(pname)] = type_text
                    position += 1
        body = node.child_by_field_name("body")
        if body is not None:
            for child in reversed(body.children):
                self._pending.append((child, index))

    def build(self, root: Node) -> Module:
        """The module of the file: the code outside functions first, then each function's
        body, a statement at a time, in its own scope (so a body sees the package-level
        names declared after it)."""
        self._pending: list[tuple[Node, int]] = [(root, 0)]
        self.index(root)
        while self._pending:
            node, scope = self._pending.pop()
            self.walk(node, scope)
        return self.module

    def _struct(self, name: str, struct: Node) -> None:
        index = self._class(name)
        scope = self.module.scopes[index]
        scope.start, scope.end = struct.start_byte, struct.end_byte
        fields = next((c for c in struct.named_children if c.type == "field_declaration_list"), None)
        if fields is None:
            return
        for field in fields.named_children:
            if field.type != "field_declaration":
                continue
            type_text = self.text(field.child_by_field_name("type"))
            for fname in field.children_by_field_name("name"):
                scope.types[self.text(fname)] = type_text

    def _spec(self, node: Node, scope: int) -> None:
        current = self.module.scopes[scope]
        names = [self.text(n) for n in node.children_by_field_name("name")]
        type_node = node.child_by_field_name("type")
        value = node.child_by_field_name("value")
        values = value.named_children if value is not None else []
        for position, name in enumerate(names):
            if type_node is not None:
                current.types[name] = self.text(type_node)
            if position < len(values):
                current.bind(name, Binding(node.end_byte, self.expr(values[position], scope)))
                if scope == 0 and node.type == "const_spec" and name[:1].isupper():
                    self.module.constants.append((0, name, node.start_byte))  # exported

    def _assign(self, node: Node, scope: int, declare: bool) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        targets = left.named_children
        values = right.named_children
        operator = node.child_by_field_name("operator")
        op = "+=" if operator is not None and operator.type == "+=" else "="
        if operator is not None and operator.type not in ("=", "+=", ":="):
            return
        for position, target in enumerate(targets):
            if position < len(values) and len(values) == len(targets):
                value = values[position]
            elif position == 0 and len(values) == 1:
                value = values[0]  # u, err := url.Parse(s)
            else:
                continue
            self._bind_target(target, self.expr(value, scope), scope, op, node.end_byte, declare)

    def _bind_target(self, target: Node, value: Expr, scope: int, op: str, pos: int,
                     declare: bool) -> None:
        module = self.module
        if target.type == "identifier":
            name = self.text(target)
            if name == "_":
                return
            module.scopes[scope if declare else self._owner(name, scope)].bind(
                name, Binding(pos, value, op))
        elif target.type == "selector_expression":
            operand = target.child_by_field_name("operand")
            field = target.child_by_field_name("field")
            if operand is not None and field is not None and operand.type == "identifier":
                root = self.text(operand)
                module.scopes[self._owner(root, scope)].bind(
                    root + "." + self.text(field), Binding(pos, value, op))

    def _owner(self, name: str, scope: int) -> int:
        """The scope that declares ``name`` (else the innermost function, else the file)."""
        scopes = self.module.scopes
        index = scope
        while index >= 0:
            current = scopes[index]
            if name in current.bindings or name in current.params:
                return index
            index = current.parent
        return scope

    # ------------------------------------------------------------------ expressions

    def convert(self, node: Node, scope: int) -> Expr:
        kind = node.type
        start, end = node.start_byte, node.end_byte
        if kind in _WRAPPERS and node.named_children:
            return self.expr(node.named_children[0], scope)
        if kind == "interpreted_string_literal":
            return Str(start, end, scope, (self._interpreted(node),))
        if kind == "raw_string_literal":
            return Str(start, end, scope, (self.text(node)[1:-1],))
        if kind == "identifier":
            return Name(start, end, scope, self.text(node))
        if kind == "selector_expression":
            operand = node.child_by_field_name("operand")
            field = node.child_by_field_name("field")
            return Attr(start, end, scope, self.expr(operand, scope), self.text(field))
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "+":
                return self.concat(node, scope, flatten(node, "binary_expression", "+"))
            return Opaque(start, end, scope)
        if kind == "unary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in ("&", "*"):
                return self.expr(node.child_by_field_name("operand"), scope)
            return Opaque(start, end, scope)
        if kind == "call_expression":
            return self._call(node, scope)
        if kind == "composite_literal":
            return self._composite(node, scope)
        if kind == "func_literal":
            return Function(start, end, scope)
        return Opaque(start, end, scope)

    def _interpreted(self, node: Node) -> str:
        parts: list[str] = []
        for child in node.children:
            if child.type == "interpreted_string_literal_content":
                parts.append(self.text(child))
            elif child.type == "escape_sequence":
                sequence = self.text(child)
                parts.append(_ESCAPES.get(sequence[1:], sequence[1:]))
        return "".join(parts)

    def _call(self, node: Node, scope: int) -> Expr:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        func: Expr | None = None
        name = ""
        if function is not None and function.type in ("identifier", "selector_expression"):
            func = self.expr(function, scope)
            name = func.name if isinstance(func, (Name, Attr)) else ""
        args = tuple(
            self.expr(arg, scope) for arg in (arguments.named_children if arguments else [])
            if arg.type != "comment"
        )
        return Call(node.start_byte, node.end_byte, scope, func, name, args)

    def _composite(self, node: Node, scope: int) -> Expr:
        type_node = node.child_by_field_name("type")
        body = node.child_by_field_name("body")
        type_text = self.text(type_node) if type_node is not None else None
        items: dict[str, Expr] = {}
        values: list[Expr] = []
        for element in body.named_children if body is not None else []:
            if element.type == "keyed_element":
                key_node = element.child_by_field_name("key")
                value_node = element.child_by_field_name("value")
                key_inner = key_node.named_children[0] if key_node and key_node.named_children else key_node
                value_inner = (value_node.named_children[0]
                               if value_node and value_node.named_children else value_node)
                key = self.text(key_inner).strip('"`')
                items[key] = self.expr(value_inner, scope)
            elif element.type == "literal_element" and element.named_children:
                values.append(self.expr(element.named_children[0], scope))
        literal = Mapping(node.start_byte, node.end_byte, scope, type_text, items, tuple(values))
        if (type_text and type_text.split("[", 1)[0] in self.module.classes) or (
            type_text and "." not in type_text and type_text[:1].isupper()
        ):
            own = self.module.scopes[self._class(type_text.split("[", 1)[0])]
            for key, value in items.items():
                own.bind(key, Binding(node.end_byte, value))
        return literal
