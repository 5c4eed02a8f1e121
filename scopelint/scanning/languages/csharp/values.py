"""C# declarations and the strings expressions build, read the way a reviewer would.

:class:`Facts` indexes one file: classes with their fields, properties and constants (and
every assignment to them), and the locals and parameters of every method, constructor,
local function, lambda and top-level program.  :meth:`Facts.definition` is the one place a
name is looked up: a local or parameter of the enclosing bodies (the last assignment before
the use), else a field or property of the enclosing class (an assignment in the same body
before the use, else the initializer or a constructor's assignment), else a static member of
another class of the file (``Routes.Issue``).

:class:`Evaluator` turns an expression into a URL template: regular, verbatim (``@"..."``),
interpolated (``$"..."``, ``$@"..."``) and raw (``\"\"\"...\"\"\"``) strings, ``+``,
``string.Format``/``string.Concat``, ``new Uri(...)`` (and ``new Uri(base, relative)``),
``.TrimEnd('/')`` and friends, names; whatever cannot be known becomes ``{name}`` or ``{}``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core.urljoin import join

if TYPE_CHECKING:
    from tree_sitter import Node

KEY = tuple[int, int]
BODY_TYPES = frozenset({
    "method_declaration", "constructor_declaration", "local_function_statement",
    "lambda_expression", "anonymous_method_expression", "accessor_declaration",
    "operator_declaration", "destructor_declaration", "conversion_operator_declaration",
    "compilation_unit",
})
CLASS_TYPES = frozenset({"class_declaration", "struct_declaration", "record_declaration",
                         "interface_declaration"})
_STRING_TYPES = frozenset({"string_literal", "verbatim_string_literal",
                           "interpolated_string_expression", "raw_string_literal"})
_TRANSPARENT = frozenset({"parenthesized_expression", "await_expression", "cast_expression",
                          "checked_expression", "postfix_unary_expression"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "\\": "\\", '"': '"', "'": "'", "a": "",
            "b": "", "f": "", "v": "", "e": ""}
_FORMAT_ITEM_RE = re.compile(r"\{\{|\}\}|\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")
_STRIP = {"trimend": "r", "trimstart": "l", "trim": "b", "tostring": "", "tolower": "",
          "toupper": "", "tolowerinvariant": "", "toupperinvariant": ""}
_ESCAPE_CALLS = frozenset({"escapedatastring", "escapeuristring", "urlencode", "urlpathencode",
                           "escape"})
_MAX_DEPTH = 40
_MAX_LENGTH = 4096
_MAX_SCOPES = 32  # bodies and classes a name is looked up through, innermost first


def key_of(node: Node) -> KEY:
    return node.start_byte, node.end_byte


def text_of(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def strip(node: Node) -> Node:
    """The expression inside parentheses, ``await``, casts and ``!``."""
    for _ in range(_MAX_DEPTH):
        if node.type not in _TRANSPARENT:
            return node
        named = [c for c in node.named_children if c.type != "comment"]
        if not named:
            return node
        node = named[-1]
    return node


def simple_name(node: Node | None) -> str:
    """``Foo``, ``GetFromJsonAsync<T>`` -> ``GetFromJsonAsync``, ``System.Net.Http.HttpClient``
    -> ``HttpClient``, ``HttpClient?`` -> ``HttpClient``."""
    if node is None:
        return ""
    if node.type == "generic_name":
        return text_of(node.named_children[0]) if node.named_children else ""
    if node.type in ("qualified_name", "member_access_expression", "alias_qualified_name"):
        name = node.child_by_field_name("name")
        return simple_name(name if name is not None else node.named_children[-1])
    if node.type == "nullable_type" and node.named_children:
        return simple_name(node.named_children[0])
    return text_of(node)


def arguments(node: Node) -> tuple[list[Node], dict[str, Node]]:
    """(positional, named) argument expressions of a call or object creation."""
    found = node.child_by_field_name("arguments")
    if found is None:
        found = next((c for c in node.named_children if c.type == "argument_list"), None)
    positional: list[Node] = []
    named: dict[str, Node] = {}
    if found is None:
        return positional, named
    for argument in found.named_children:
        if argument.type != "argument":
            continue
        name = argument.child_by_field_name("name")
        values = [c for c in argument.named_children if c != name and c.type != "comment"]
        if not values:
            continue
        if name is not None:
            named[text_of(name).lower()] = values[-1]
        else:
            positional.append(values[-1])
    return positional, named


def initializer(creation: Node) -> dict[str, Node]:
    """``new X(...) { Key = value, ... }``: value by key (lower case)."""
    found: dict[str, Node] = {}
    for child in creation.named_children:
        if child.type != "initializer_expression":
            continue
        for entry in child.named_children:
            if entry.type == "assignment_expression":
                left, right = entry.child_by_field_name("left"), entry.child_by_field_name("right")
                if left is not None and right is not None:
                    found[simple_name(left).lower()] = right
    return found


def creation_type(node: Node) -> str | None:
    """``new RestClient(...)`` -> ``RestClient``; ``new()`` -> the declared type, if any."""
    if node.type == "object_creation_expression":
        return simple_name(node.child_by_field_name("type"))
    if node.type == "implicit_object_creation_expression":
        parent = node.parent
        while parent is not None and parent.type not in ("variable_declaration", "field_declaration",
                                                          "property_declaration"):
            if parent.type not in ("variable_declarator", "equals_value_clause"):
                return None
            parent = parent.parent
        if parent is not None:
            return simple_name(parent.child_by_field_name("type"))
    return None


class Binding:
    """One value a name gets: its declared type (None for ``var``), its value (None: a
    parameter or a declaration without one) and where it was given."""

    __slots__ = ("at", "type", "value")

    def __init__(self, type_name: str | None, value: Node | None, at: int) -> None:
        self.type = type_name
        self.value = value
        self.at = at


class Facts:
    """The names of one file; ``containers`` are its classes and bodies (the compilation unit
    too), which :meth:`enclosing` finds by byte range."""

    def __init__(self, containers: list[Node]) -> None:
        from scopelint.scanning.core.treesitter import Nesting

        self._nesting = Nesting(containers)
        # body start byte -> name -> bindings in document order
        self.locals: dict[int, dict[str, list[Binding]]] = {}
        # class start byte -> name -> bindings (declaration first, then assignments)
        self.fields: dict[int, dict[str, list[Binding]]] = {}
        self.classes: dict[str, Node] = {}
        # (owner key, member lower case) -> [(byte, value)]: x.BaseAddress = ..., this.x.Method = ...
        self.members: dict[tuple[tuple[int, str], str], list[tuple[int, Node]]] = {}

    def enclosing(self, node: Node, types: frozenset[str]) -> Node | None:
        return self._nesting.around(node, types)

    # ------------------------------------------------------------- indexing

    def add_class(self, node: Node) -> None:
        name = node.child_by_field_name("name")
        if name is not None:
            self.classes.setdefault(text_of(name), node)

    def add_member(self, node: Node) -> None:
        """A field or property declaration."""
        owner = self.enclosing(node, CLASS_TYPES)
        if owner is None:
            return
        table = self.fields.setdefault(owner.start_byte, {})
        if node.type == "property_declaration":
            value = node.child_by_field_name("value")
            if value is not None and value.type == "arrow_expression_clause":
                value = value.named_children[0] if value.named_children else None
            declared = simple_name(node.child_by_field_name("type"))
            table.setdefault(text_of(node.child_by_field_name("name")), []).insert(
                0, Binding(declared, value, node.start_byte))
            return
        declaration = next((c for c in node.named_children if c.type == "variable_declaration"), None)
        if declaration is not None:
            for field_name, field_type, field_value in _declarators(declaration):
                table.setdefault(field_name, []).insert(0, Binding(field_type, field_value, node.start_byte))

    def add_local(self, declaration: Node) -> None:
        body = self.enclosing(declaration, BODY_TYPES)
        if body is None or self.enclosing(declaration, CLASS_TYPES | BODY_TYPES) != body:
            return
        table = self.locals.setdefault(body.start_byte, {})
        for name, type_name, value in _declarators(declaration):
            table.setdefault(name, []).append(Binding(type_name, value, declaration.start_byte))

    def add_parameter(self, node: Node) -> None:
        body = self.enclosing(node, BODY_TYPES)
        name = node.child_by_field_name("name")
        if body is None or name is None:
            return
        type_name = simple_name(node.child_by_field_name("type")) or None
        self.locals.setdefault(body.start_byte, {}).setdefault(text_of(name), []).insert(
            0, Binding(type_name, None, body.start_byte))

    def add_assignment(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or (operator is not None and text_of(operator) != "="):
            return
        if node.parent is not None and node.parent.type == "initializer_expression":
            return
        left = strip(left)
        owner = self.owner_key(left)
        if owner is not None:
            table = self.locals if owner[0] == "local" else self.fields
            scope = self._scope_start(left, owner[0])
            if scope is not None:
                table.setdefault(scope, {}).setdefault(owner[1], []).append(
                    Binding(None, right, node.start_byte))
            return
        if left.type == "member_access_expression":
            target = left.child_by_field_name("expression")
            member = simple_name(left.child_by_field_name("name")).lower()
            target_key = self.object_key(target) if target is not None else None
            if target_key is not None:
                self.members.setdefault((target_key, member), []).append((node.start_byte, right))

    def _scope_start(self, node: Node, kind: str) -> int | None:
        name = text_of(node) if node.type == "identifier" else simple_name(node.child_by_field_name("name"))
        if kind == "local":
            body = self._body_declaring(node, name)
            return body
        owner = self.enclosing(node, CLASS_TYPES)
        return owner.start_byte if owner is not None else None

    def owner_key(self, node: Node) -> tuple[str, str] | None:
        """("local", name) or ("field", name) for a name or ``this.name``; None otherwise."""
        if node.type == "identifier":
            name = text_of(node)
            if self._body_declaring(node, name) is not None:
                return "local", name
            return "field", name
        if node.type == "member_access_expression":
            target = node.child_by_field_name("expression")
            if target is not None and target.type == "this":
                return "field", simple_name(node.child_by_field_name("name"))
        return None

    def object_key(self, node: Node) -> tuple[int, str] | None:
        """A stable key for the variable ``node`` names (its body or class, and its name)."""
        node = strip(node)
        found = self.owner_key(node)
        if found is None:
            return None
        kind, name = found
        start = self._scope_start(node, kind)
        return (start, name) if start is not None else None

    def _body_declaring(self, node: Node, name: str) -> int | None:
        body = self.enclosing(node, BODY_TYPES)
        for _ in range(_MAX_SCOPES):  # lambdas nested deeper than this are not read
            if body is None:
                return None
            if name in self.locals.get(body.start_byte, {}):
                return body.start_byte
            if body.type == "compilation_unit":
                return None
            body = self.enclosing(body, BODY_TYPES)
        return None

    # ------------------------------------------------------------- lookup

    def definition(self, name: str, at: Node) -> Binding | None:
        """What ``name`` means at ``at`` (see the module docstring)."""
        body = self.enclosing(at, BODY_TYPES)
        here = body
        for _ in range(_MAX_SCOPES):
            if body is None:
                break
            entries = self.locals.get(body.start_byte, {}).get(name)
            if entries:
                before = [b for b in entries if b.at <= at.start_byte]
                chosen = before[-1] if before else entries[0]
                return _typed(chosen, entries)
            if body.type == "compilation_unit":
                break
            body = self.enclosing(body, BODY_TYPES)
        owner = self.enclosing(at, CLASS_TYPES)
        for _ in range(_MAX_SCOPES):
            if owner is None:
                break
            entries = self.fields.get(owner.start_byte, {}).get(name)
            if entries:
                return _typed(_field_choice(entries, at, here), entries)
            owner = self.enclosing(owner, CLASS_TYPES)
        return None

    def static_member(self, class_name: str, member: str) -> Binding | None:
        owner = self.classes.get(class_name)
        if owner is None:
            return None
        entries = self.fields.get(owner.start_byte, {}).get(member)
        return _typed(entries[0], entries) if entries else None

    def assignments_to(self, node: Node, member: str, before: int | None = None) -> list[Node]:
        """Values assigned to ``<node>.<member>`` (``client.BaseAddress = ...``), in order."""
        target = self.object_key(node)
        if target is None:
            return []
        found = self.members.get((target, member.lower()), [])
        return [value for at, value in found if before is None or at < before]


def _typed(chosen: Binding, entries: list[Binding]) -> Binding:
    """``chosen`` with the declared type of the name when it has none itself."""
    if chosen.type is not None:
        return chosen
    declared = next((b.type for b in entries if b.type is not None), None)
    return Binding(declared, chosen.value, chosen.at)


def _field_choice(entries: list[Binding], at: Node, body: Node | None) -> Binding:
    if body is not None:
        same = [b for b in entries if body.start_byte <= b.at < at.start_byte and b.value is not None]
        if same:
            return same[-1]
    valued = [b for b in entries if b.value is not None]
    return valued[-1] if valued else entries[0]


def _declarators(declaration: Node) -> list[tuple[str, str | None, Node | None]]:
    type_node = declaration.child_by_field_name("type")
    type_name = None if type_node is None or type_node.type == "implicit_type" else simple_name(type_node)
    found: list[tuple[str, str | None, Node | None]] = []
    for declarator in declaration.named_children:
        if declarator.type != "variable_declarator":
            continue
        name = declarator.child_by_field_name("name")
        values = [c for c in declarator.named_children
                  if c != name and c.type not in ("comment", "bracketed_argument_list")]
        value = values[-1] if values else None
        if value is not None and value.type == "equals_value_clause":
            value = value.named_children[-1] if value.named_children else None
        found.append((text_of(name), type_name, value))
    return found


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
        if kind in _STRING_TYPES:
            if self.trace is not None:
                self.trace.add(key_of(node))
            return self._string(node, depth)
        if kind == "identifier":
            binding = self.facts.definition(text_of(node), node)
            return self._binding(binding, depth)
        if kind == "member_access_expression":
            return self._member(node, depth)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator is None or text_of(operator) != "+" or left is None or right is None:
                return None
            head = self.value(left, depth + 1)
            tail = self.value(right, depth + 1)
            if head is None and tail is None:
                return None
            return (head if head is not None else "{" + placeholder_name(left) + "}") + \
                (tail if tail is not None else "{" + placeholder_name(right) + "}")
        if kind == "invocation_expression":
            return self._invocation(node, depth)
        if kind == "object_creation_expression" and simple_name(node.child_by_field_name("type")) == "Uri":
            positional, _named = arguments(node)
            if len(positional) >= 2:
                base = self.value(positional[0], depth + 1)
                relative = self.text(positional[1], depth + 1)
                return None if base is None else join(base, relative, "resolve")
            return self.value(positional[0], depth + 1) if positional else None
        if kind == "conditional_expression":
            return None
        return None

    def _binding(self, binding: Binding | None, depth: int) -> str | None:
        if binding is None or binding.value is None:
            return None
        return self.value(binding.value, depth + 1)

    def _member(self, node: Node, depth: int) -> str | None:
        target = node.child_by_field_name("expression")
        member = simple_name(node.child_by_field_name("name"))
        if target is None:
            return None
        if target.type == "this":
            return self._binding(self.facts.definition(member, node), depth)
        if target.type == "identifier" and text_of(target) in self.facts.classes:
            return self._binding(self.facts.static_member(text_of(target), member), depth)
        return None

    def _string(self, node: Node, depth: int) -> str:
        kind = node.type
        raw = text_of(node)
        if kind == "verbatim_string_literal":
            return raw[2:-1].replace('""', '"')
        if kind == "raw_string_literal":
            content = next((c for c in node.named_children if c.type == "raw_string_content"), None)
            return text_of(content).strip()
        verbatim = kind == "interpolated_string_expression" and "@" in raw[:3]
        parts: list[str] = []
        for child in node.named_children:
            ctype = child.type
            if ctype in ("string_literal_content", "string_content"):
                piece = text_of(child)
                parts.append(piece.replace('""', '"') if verbatim else piece)
            elif ctype == "escape_sequence":
                parts.append(_unescape(text_of(child)))
            elif ctype == "interpolation":
                inner = [c for c in child.named_children
                         if c.type not in ("interpolation_brace", "interpolation_format_clause",
                                           "interpolation_alignment_clause", "comment")]
                parts.append(self.text(inner[0], depth + 1) if inner else "{}")
        text = "".join(parts)
        if kind == "interpolated_string_expression":
            text = text.replace("{{", "{").replace("}}", "}")
        return text

    def _invocation(self, node: Node, depth: int) -> str | None:
        function = node.child_by_field_name("function")
        if function is None:
            return None
        positional, _named = arguments(node)
        name = simple_name(function).lower()
        if function.type == "member_access_expression":
            target = function.child_by_field_name("expression")
            owner = text_of(target).lower() if target is not None else ""
            if owner in ("string", "system.string") and name == "format" and positional:
                template = self.value(positional[0], depth + 1)
                return None if template is None else self._composite(template, positional[1:], depth)
            if owner in ("string", "system.string") and name == "concat":
                return "".join(self.text(arg, depth + 1) for arg in positional)
            strip_how = _STRIP.get(name)
            if strip_how is not None and target is not None:
                base = self.value(target, depth + 1)
                if base is None or not strip_how:
                    return base
                chars = "".join(_char(arg) for arg in positional) or None
                if strip_how == "r":
                    return base.rstrip(chars)
                return base.lstrip(chars) if strip_how == "l" else base.strip(chars)
        return None

    def _composite(self, template: str, values: list[Node], depth: int) -> str:
        def item(match: re.Match[str]) -> str:
            whole = match.group(0)
            if whole in ("{{", "}}"):
                return whole[0]
            index = int(match.group(1))
            return self.text(values[index], depth + 1) if index < len(values) else "{}"

        return _FORMAT_ITEM_RE.sub(item, template)


def _char(node: Node) -> str:
    text = text_of(strip(node))
    if len(text) >= 3 and text[0] == "'" and text[-1] == "'":
        inner = text[1:-1]
        return _unescape(inner) if inner.startswith("\\") else inner
    return ""


def _unescape(sequence: str) -> str:
    if len(sequence) >= 2 and sequence[0] == "\\":
        return _ESCAPES.get(sequence[1], sequence[1:])
    return sequence


def placeholder_name(node: Node) -> str:
    """The name a value that cannot be read stands for: the variable or member name."""
    node = strip(node)
    for _ in range(_MAX_DEPTH):
        kind = node.type
        if kind == "identifier":
            return text_of(node)
        if kind == "member_access_expression":
            return simple_name(node.child_by_field_name("name"))
        if kind == "invocation_expression":
            function = node.child_by_field_name("function")
            name = simple_name(function).lower()
            positional, _named = arguments(node)
            if name in _ESCAPE_CALLS and positional:
                node = strip(positional[0])
                continue
            if name in _STRIP and function is not None and function.type == "member_access_expression":
                target = function.child_by_field_name("expression")
                if target is not None:
                    node = strip(target)
                    continue
            return ""
        return ""
    return ""
