"""Java (tree-sitter-java) onto the shared model: package, imports and static imports,
classes with fields (``static final`` constants, fields set in constructors, ``+=``), methods
and their annotations (Retrofit ``@GET("...")``), locals, and the expressions requests are
built from (literals and text blocks, ``+``, ``String.format``, ``"...".formatted(...)``,
``URI.create``, ``new T(...)``, method chains)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.frontend import FrontEnd, flatten
from scopelint.scanning.core.ir import Attr, Binding, Call, Expr, Function, Name, Opaque, Str

if TYPE_CHECKING:
    from tree_sitter import Node

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "s": " ", "0": "\0",
            "\\": "\\", '"': '"', "'": "'"}
_CLASS_KINDS = frozenset({"class_declaration", "interface_declaration", "enum_declaration",
                          "record_declaration", "annotation_type_declaration"})
_FUNCTION_KINDS = frozenset({"method_declaration", "constructor_declaration",
                             "compact_constructor_declaration"})
_EXPRESSION_KINDS = frozenset({"method_invocation", "object_creation_expression",
                               "string_literal", "binary_expression"})


def _unescape(sequence: str) -> str:
    body = sequence[1:]
    if body.startswith("u"):
        try:
            return chr(int(body.lstrip("u")[:4], 16))
        except ValueError:
            return ""
    return _ESCAPES.get(body, body)


class JavaFrontEnd(FrontEnd):
    language = "java"
    bare_fields = True
    visited = frozenset({"package_declaration", "import_declaration", "lambda_expression",
                         "field_declaration", "local_variable_declaration", "constant_declaration",
                         "assignment_expression", "return_statement", "annotation",
                         "marker_annotation"}
                        | _CLASS_KINDS | _FUNCTION_KINDS | _EXPRESSION_KINDS)

    # ------------------------------------------------------------------ statements

    def visit(self, node: Node, scope: int) -> int | None:
        kind = node.type
        module = self.module
        if kind == "package_declaration":
            named = [c for c in node.named_children if c.type in ("scoped_identifier", "identifier")]
            if named:
                module.package = self.text(named[0])
            return None
        if kind == "import_declaration":
            self._import(node)
            return None
        if kind in _CLASS_KINDS:
            name = self.text(node.child_by_field_name("name"))
            index = module.new_scope("class", name, node.start_byte, node.end_byte, scope)
            if name:
                module.classes.setdefault(name, index)
            superclass = node.child_by_field_name("superclass")
            if superclass is not None and superclass.named_children:
                module.scopes[index].base = self.text(superclass.named_children[0])
            return index
        if kind in _FUNCTION_KINDS or kind == "lambda_expression":
            return self._function(node, scope)
        if kind in ("field_declaration", "local_variable_declaration", "constant_declaration"):
            self._declaration(node, scope)
            return scope
        if kind == "assignment_expression":
            self._assign(node, scope)
            return scope
        if kind == "return_statement":
            value = next(iter(node.named_children), None)
            if value is not None:
                module.scopes[scope].returns.append(self.expr(value, scope))
            return scope
        if kind in ("annotation", "marker_annotation") and not self.converted(node):
            self.expr(node, scope)
            return None
        if kind in _EXPRESSION_KINDS and not self.converted(node):
            self.expr(node, scope)
        return scope

    def _import(self, node: Node) -> None:
        is_static = any(child.type == "static" for child in node.children)
        wildcard = any(child.type == "asterisk" for child in node.children)
        target = next((c for c in node.named_children
                       if c.type in ("scoped_identifier", "identifier")), None)
        if target is None:
            return
        qualified = self.text(target)
        if wildcard:  # `import static a.B.*` (members of B), `import a.b.*` (classes of a.b)
            self.module.star_imports.append(qualified)
            return
        local = qualified.rsplit(".", 1)[-1]
        if is_static:
            self.module.static_imports[local] = qualified
        else:
            self.module.imports[local] = qualified

    def _function(self, node: Node, scope: int) -> int:
        module = self.module
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else None
        index = module.new_scope("function", name, node.start_byte, node.end_byte, scope)
        current = module.scopes[index]
        if module.scopes[scope].kind == "class":
            current.owner = scope
        params = node.child_by_field_name("parameters")
        if params is not None and params.type == "identifier":  # x -> ...
            current.params[self.text(params)] = 0
            return index
        position = 0
        for param in params.named_children if params is not None else []:
            pname = param.child_by_field_name("name")
            if pname is None:
                if param.type == "identifier":
                    current.params[self.text(param)] = position
                    position += 1
                continue
            current.params[self.text(pname)] = position
            ptype = param.child_by_field_name("type")
            if ptype is not None:
                current.types[self.text(pname)] = self.text(ptype)
            position += 1
        return index

    def _declaration(self, node: Node, scope: int) -> None:
        current = self.module.scopes[scope]
        type_node = node.child_by_field_name("type")
        type_text = self.text(type_node) if type_node is not None else ""
        for declarator in node.children_by_field_name("declarator"):
            name = self.text(declarator.child_by_field_name("name"))
            if not name:
                continue
            if type_text and type_text != "var":
                current.types[name] = type_text
            value = declarator.child_by_field_name("value")
            if value is not None:
                current.bind(name, Binding(declarator.end_byte, self.expr(value, scope)))
                if current.kind == "class" and _shared_constant(node):
                    self.module.constants.append((scope, name, declarator.start_byte))

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
        elif left.type == "field_access":
            obj = left.child_by_field_name("object")
            field = left.child_by_field_name("field")
            if obj is not None and field is not None and obj.type == "this":
                owner = module.class_of(scope)
                if owner >= 0:
                    module.scopes[owner].bind(self.text(field), Binding(node.end_byte, value, op))

    def _owner(self, name: str, scope: int) -> int:
        """Where an assigned bare name lives: the function declaring it, else the class
        (a field, maybe inherited), else the innermost scope."""
        scopes = self.module.scopes
        index = scope
        while index >= 0:
            current = scopes[index]
            if current.kind == "function" and (name in current.bindings or name in current.params
                                               or name in current.types):
                return index
            if current.kind == "class":
                return index
            index = current.parent
        return scope

    # ------------------------------------------------------------------ expressions

    def convert(self, node: Node, scope: int) -> Expr:
        kind = node.type
        start, end = node.start_byte, node.end_byte
        if kind == "parenthesized_expression" and node.named_children:
            return self.expr(node.named_children[0], scope)
        if kind == "cast_expression":
            value = node.child_by_field_name("value")
            return self.expr(value, scope) if value is not None else Opaque(start, end, scope)
        if kind == "string_literal":
            return Str(start, end, scope, (self._string(node),))
        if kind == "identifier":
            return Name(start, end, scope, self.text(node))
        if kind == "this":
            return Name(start, end, scope, "this")
        if kind == "field_access":
            obj = node.child_by_field_name("object")
            field = node.child_by_field_name("field")
            return Attr(start, end, scope, self.expr(obj, scope), self.text(field))
        if kind == "scoped_identifier":
            scope_node = node.child_by_field_name("scope")
            name = node.child_by_field_name("name")
            return Attr(start, end, scope, self.expr(scope_node, scope), self.text(name))
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type == "+":
                return self.concat(node, scope, flatten(node, "binary_expression", "+"))
            return Opaque(start, end, scope)
        if kind == "method_invocation":
            return self._invocation(node, scope)
        if kind == "object_creation_expression":
            type_node = node.child_by_field_name("type")
            written = self.text(type_node).split("<", 1)[0].strip() if type_node is not None else ""
            args = self._arguments(node.child_by_field_name("arguments"), scope)
            func = Name(start, end, scope, written)
            return Call(start, end, scope, func, written.rsplit(".", 1)[-1], args, new=True)
        if kind in ("annotation", "marker_annotation"):
            return self._annotation(node, scope)
        if kind == "lambda_expression":
            return Function(start, end, scope)
        return Opaque(start, end, scope)

    def _string(self, node: Node) -> str:
        parts: list[str] = []
        block = self.text(node).startswith('"""')
        for child in node.children:
            if child.type in ("string_fragment", "multiline_string_fragment"):
                parts.append(self.text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(self.text(child)))
        text = "".join(parts)
        return text.strip() if block else text

    def _arguments(self, node: Node | None, scope: int) -> tuple[Expr, ...]:
        if node is None:
            return ()
        return tuple(self.expr(arg, scope) for arg in node.named_children
                     if arg.type not in ("line_comment", "block_comment"))

    def _invocation(self, node: Node, scope: int) -> Expr:
        start, end = node.start_byte, node.end_byte
        obj = node.child_by_field_name("object")
        name_node = node.child_by_field_name("name")
        name = self.text(name_node)
        args = self._arguments(node.child_by_field_name("arguments"), scope)
        if obj is None:
            func: Expr = Name(name_node.start_byte if name_node else start,
                              name_node.end_byte if name_node else end, scope, name)
        else:
            func = Attr(start, name_node.end_byte if name_node else end, scope,
                        self.expr(obj, scope), name)
        return Call(start, end, scope, func, name, args)

    def _annotation(self, node: Node, scope: int) -> Expr:
        start, end = node.start_byte, node.end_byte
        name_node = node.child_by_field_name("name")
        written = self.text(name_node)
        args: list[Expr] = []
        keywords: dict[str, Expr] = {}
        arguments = node.child_by_field_name("arguments")
        for arg in arguments.named_children if arguments is not None else []:
            if arg.type == "element_value_pair":
                key = arg.child_by_field_name("key")
                value = arg.child_by_field_name("value")
                if key is not None and value is not None:
                    keywords[self.text(key)] = self.expr(value, scope)
            elif arg.type not in ("line_comment", "block_comment"):
                args.append(self.expr(arg, scope))
        func = Name(start, end, scope, written)
        return Call(start, end, scope, func, written.rsplit(".", 1)[-1], tuple(args), keywords,
                    annotation=True)


def _shared_constant(node: Node) -> bool:
    """Is a field declaration a constant other classes can read (``static final``, not
    ``private``; every field of an interface)?"""
    if node.type == "constant_declaration":
        return True
    if node.type != "field_declaration":
        return False
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    if modifiers is None:
        return False
    words = {c.type for c in modifiers.children}
    return "static" in words and "final" in words and "private" not in words
