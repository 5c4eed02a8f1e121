"""One pass over a JavaScript/TypeScript syntax tree: scopes, bindings, calls, URL candidates.

A tree-sitter query hands Python only the nodes it records (functions, declarations,
assignments, pairs, imports/exports, classes, calls) and the string expressions around the
bytes a URL candidate needs, in document order; no Python recursion, so deep trees cannot
exhaust Python's stack.  It records what the evaluator (``values``) and the call recogniser
(``calls``) need:

* lexical scopes (program and every function) with their parameters, so an identifier at a
  byte position can be resolved to a ``const``/``let``/``var``, a function or a parameter;
* ``this.x = ...`` assignments and class fields, object/class methods by name, imports;
* every call/``new`` expression that is not inside a test mock, route definition or
  assertion (see ``_js_suppress``), and every string expression that might hold a URL.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from tree_sitter import Node

from scopelint.scanning.core.knowledge import table
from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES, NodeKey, key_of, this_path, unwrap
from scopelint.scanning.languages.javascript.suppress import (
    SUPPRESS_ALL,
    SUPPRESS_NONE,
    SUPPRESS_VALUES,
    Chain,
    classify_call,
    is_data_pair,
    is_response_body,
    is_response_call,
    plain_call,
)
from scopelint.scanning.languages.javascript.visited import (
    CANDIDATE_MARKER_RE,
    STRING_EXPRESSION_TYPES,
    visited_nodes,
)


@dataclass(slots=True)
class Param:
    """One named parameter: its position, the property it is destructured from, its default,
    and its TypeScript type annotation (``client: Version3Client``)."""

    index: int
    prop: str | None
    default: Node | None
    type_node: Node | None = None


@dataclass(slots=True)
class Scope:
    start: int
    end: int
    parent: int  # index into FileIndex.scopes; -1 for the program
    node: Node | None  # the function node (None for the program)
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def key(self) -> NodeKey:
        return (self.start, self.end)


@dataclass(slots=True)
class FileIndex:
    data: bytes
    scopes: list[Scope] = field(default_factory=list)
    scope_starts: list[int] = field(default_factory=list)
    function_scope: dict[NodeKey, int] = field(default_factory=dict)
    decls: dict[tuple[int, str], Node] = field(default_factory=dict)
    this_fields: dict[str, list[Node]] = field(default_factory=dict)
    this_paths: dict[str, list[Node]] = field(default_factory=dict)  # `this.x.y = v`: 'x.y'
    methods: dict[str, list[Node]] = field(default_factory=dict)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (module, name)
    calls: list[Node] = field(default_factory=list)  # document order
    call_starts: list[int] = field(default_factory=list)
    candidates: list[Node] = field(default_factory=list)  # string-expression roots
    declared_names: set[str] = field(default_factory=set)  # every declared or parameter name
    chains: dict[NodeKey, Chain] = field(default_factory=dict)  # call_chain() results
    # What the module exports (cross-file linking): export name -> the node giving its value
    # (a declaration, an expression, or the identifier an export clause names); modules
    # re-exported whole (`export * from`), and names re-exported from another module.
    exports: dict[str, Node] = field(default_factory=dict)
    reexports: list[str] = field(default_factory=list)
    reexported: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (module, name)
    required: dict[NodeKey, str] = field(default_factory=dict)  # `require('x')` call -> 'x'
    classes: dict[str, Node] = field(default_factory=dict)  # class name -> declaration
    # TypeScript parameter properties: `constructor(private client: Version3Client)` makes
    # `this.client`; name -> the parameter node (its `type` field is the annotation)
    param_properties: dict[str, Node] = field(default_factory=dict)

    # ------------------------------------------------------------------ queries

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def innermost_scope(self, pos: int) -> int:
        index = bisect.bisect_right(self.scope_starts, pos) - 1
        while index > 0:
            scope = self.scopes[index]
            if scope.start <= pos < scope.end:
                return index
            index = scope.parent
        return 0

    def enclosing_functions(self, pos: int) -> list[int]:
        """Scope indexes of the functions around ``pos``, innermost first (no program)."""
        chain: list[int] = []
        index = self.innermost_scope(pos)
        while index > 0:
            chain.append(index)
            index = self.scopes[index].parent
        return chain

    def module_of(self, name: str) -> str | None:
        entry = self.imports.get(name)
        return entry[0] if entry else None

    def imports_module(self, prefix: str) -> bool:
        return any(
            module == prefix or module.startswith(prefix + "/")
            for module, _ in self.imports.values()
        )

    def is_node_http(self, name: str) -> bool:
        """Is ``name`` Node's http/https module (imported, or by its usual name)?"""
        modules = table("javascript").names("node_http_modules")
        module = self.module_of(name)
        if module is not None:
            return module in modules
        return name in modules and not any(
            self.imports_module(mock) for mock in table("javascript").names("mock_modules")
        )

    def calls_within(self, start: int, end: int) -> list[Node]:
        """Recorded calls that start inside [start, end)."""
        lo = bisect.bisect_left(self.call_starts, start)
        hi = bisect.bisect_left(self.call_starts, end)
        return self.calls[lo:hi]


def build_index(root: Node, data: bytes, grammar: str = "javascript") -> FileIndex:
    """The index of the file ``data`` parsed as ``root`` with grammar ``grammar``.

    Python visits only the nodes of ``visited.INDEXED_TYPES`` (a tree-sitter query), in document
    order, an outer node before the nodes inside it, and the string expressions around the
    bytes that can make a URL candidate.  What a node means for the nodes inside it (inside a
    mock, a route's path, a response body; which function's scope) is kept on a stack of byte
    ranges: a node takes the state of the innermost range around it, as a walk over every
    node would hand it down."""
    index = FileIndex(data=data)
    index.scopes.append(Scope(0, max(len(data), root.end_byte) + 1, -1, None))
    index.scope_starts.append(0)
    nodes = visited_nodes(root, data, grammar)
    # (start, end byte, suppression, scope index, inside data: a response body or canned links,
    # whose strings are no candidates); a range may wait above the one it lies in (a route's
    # arguments) until the document reaches its start.
    ranges: list[tuple[int, int, int, int, bool]] = [(0, 1 << 62, SUPPRESS_NONE, 0, False)]
    for node in nodes:
        start = node.start_byte
        while ranges[-1][1] <= start and len(ranges) > 1:
            ranges.pop()
        at = len(ranges) - 1
        while ranges[at][0] > start:  # not reached yet
            at -= 1
        _start, _end, suppress, scope, data_only = state = ranges[at]
        kind = node.type

        if kind in STRING_EXPRESSION_TYPES:  # a string root around a marker
            if not data_only and suppress == SUPPRESS_NONE and _has_marker(data, node):
                index.candidates.append(node)
            continue
        if kind in FUNCTION_TYPES:
            if suppress == SUPPRESS_VALUES:
                suppress = SUPPRESS_NONE
            if kind != "arrow_function":  # (an arrow function declares no name)
                _declare_function(index, node, scope)
            scope = _open_scope(index, node, scope, kind)
        elif kind == "variable_declarator":
            _declare_variable(index, node, scope)
        elif kind == "assignment_expression":
            _record_this_assignment(index, node)
            if scope == 0:
                _record_cjs_export(index, node)
        elif kind in ("field_definition", "public_field_definition"):
            _record_field(index, node)
        elif kind == "pair":
            _record_object_method(index, node)
        elif kind == "import_statement":
            _record_import(index, node)
        elif kind == "export_statement":
            _record_export(index, node)
        elif kind == "class_declaration":
            class_name = _name(index, node.child_by_field_name("name"))
            if class_name:
                index.classes.setdefault(class_name, node)

        child_suppress = suppress
        if (kind == "pair" and is_data_pair(node)) or (
            kind == "assignment_expression" and is_response_body(node)
        ):
            data_only = True  # a canned response's links, a server's response body
        value_suppression = False
        if kind in ("call_expression", "new_expression") and suppress != SUPPRESS_ALL:
            plain = plain_call(node, index)
            verdict = SUPPRESS_NONE if plain else classify_call(node, index)
            if verdict == SUPPRESS_ALL:
                child_suppress = SUPPRESS_ALL
            elif verdict == SUPPRESS_VALUES:
                value_suppression = True
            elif suppress == SUPPRESS_NONE:
                index.calls.append(node)
                if not plain and is_response_call(node, index):
                    data_only = True  # res.json({...}): a body (a request inside is still one)
        if (child_suppress, scope, data_only) != state[2:]:  # else the range around tells
            ranges.append((start, node.end_byte, child_suppress, scope, data_only))
        arguments = node.child_by_field_name("arguments") if value_suppression else None
        if arguments is not None:
            # a route's path: what its arguments hold is no request, but a handler is code
            # (the arguments node itself is no candidate: a tagged template `route\`...\``)
            ranges.append((arguments.start_byte, arguments.end_byte,
                           max(child_suppress, SUPPRESS_VALUES), scope, data_only))
            for arg in reversed(arguments.children):
                if arg.type in FUNCTION_TYPES:
                    ranges.append((arg.start_byte, arg.end_byte, child_suppress, scope, data_only))
    index.call_starts = [call.start_byte for call in index.calls]
    return index


# --------------------------------------------------------------------------- helpers


def _has_marker(data: bytes, node: Node) -> bool:
    return CANDIDATE_MARKER_RE.search(data, node.start_byte, node.end_byte) is not None


def _name(index: FileIndex, node: Node | None) -> str | None:
    if node is None:
        return None
    if node.type in ("identifier", "property_identifier", "type_identifier",
                     "shorthand_property_identifier_pattern", "private_property_identifier"):
        return index.text(node)
    if node.type == "string":
        return "".join(index.text(c) for c in node.named_children if c.type == "string_fragment")
    return None


def _open_scope(index: FileIndex, node: Node, parent: int, kind: str) -> int:
    start, end = node.start_byte, node.end_byte
    params = _params_of(index, node, kind)
    if params:
        index.declared_names.update(params)
    index.scopes.append(Scope(start, end, parent, node, params))
    index.scope_starts.append(start)
    position = len(index.scopes) - 1
    index.function_scope[(start, end)] = position
    return position


def _params_of(index: FileIndex, function: Node, kind: str) -> dict[str, Param]:
    params: dict[str, Param] = {}
    single = function.child_by_field_name("parameter") if kind == "arrow_function" else None
    if single is not None:  # `x => ...`
        name = _name(index, single)
        if name:
            params[name] = Param(0, None, None)
        return params
    formal = function.child_by_field_name("parameters")
    if formal is None:
        return params
    for position, param in enumerate(formal.named_children):
        if param.type == "identifier":  # the usual case, first
            params[index.text(param)] = Param(position, None, None, None)
            continue
        pattern: Node | None = param
        default: Node | None = None
        type_node: Node | None = None
        if param.type in ("required_parameter", "optional_parameter"):
            pattern = param.child_by_field_name("pattern")
            default = param.child_by_field_name("value")
            type_node = param.child_by_field_name("type")
            if pattern is not None and pattern.type == "identifier" and any(
                child.type in ("accessibility_modifier", "readonly") for child in param.children
            ):
                index.param_properties.setdefault(index.text(pattern), param)
        elif param.type == "assignment_pattern":
            pattern = param.child_by_field_name("left")
            default = param.child_by_field_name("right")
        if pattern is None:
            continue
        if pattern.type == "identifier":
            params[index.text(pattern)] = Param(position, None, default, type_node)
        elif pattern.type == "object_pattern":
            _destructured_params(index, pattern, position, params)
    return params


def _destructured_params(
    index: FileIndex, pattern: Node, position: int, params: dict[str, Param]
) -> None:
    for item in pattern.named_children:
        if item.type == "shorthand_property_identifier_pattern":
            name = index.text(item)
            params[name] = Param(position, name, None)
        elif item.type == "object_assignment_pattern":
            local = _name(index, item.child_by_field_name("left"))
            if local:
                params[local] = Param(position, local, item.child_by_field_name("right"))
        elif item.type == "pair_pattern":
            prop = _name(index, item.child_by_field_name("key"))
            value = item.child_by_field_name("value")
            default = None
            if value is not None and value.type == "assignment_pattern":
                default = value.child_by_field_name("right")
                value = value.child_by_field_name("left")
            local = _name(index, value)
            if prop and local:
                params[local] = Param(position, prop, default)


def _declare_function(index: FileIndex, node: Node, scope: int) -> None:
    if node.type in ("function_declaration", "generator_function_declaration"):
        name = _name(index, node.child_by_field_name("name"))
        if name:
            index.decls.setdefault((scope, name), node)
            index.declared_names.add(name)
    elif node.type == "method_definition":
        name = _name(index, node.child_by_field_name("name"))
        if name and name != "constructor":
            index.methods.setdefault(name, []).append(node)


def _declare_variable(index: FileIndex, node: Node, scope: int) -> None:
    name_node = node.child_by_field_name("name")
    value = node.child_by_field_name("value")
    if name_node is None or value is None:
        return
    module = _required_module(index, value)
    if module is not None:
        index.required[key_of(_strip_await(value))] = module
    if name_node.type == "identifier":
        name = index.text(name_node)
        index.decls.setdefault((scope, name), value)
        index.declared_names.add(name)
        if module is not None:
            index.imports[name] = (module, "default")
    elif name_node.type == "object_pattern" and module is not None:
        for item in name_node.named_children:
            if item.type == "shorthand_property_identifier_pattern":
                name = index.text(item)
                index.imports[name] = (module, name)
            elif item.type == "pair_pattern":
                prop = _name(index, item.child_by_field_name("key"))
                local = _name(index, item.child_by_field_name("value"))
                if prop and local:
                    index.imports[local] = (module, prop)


def _strip_await(value: Node) -> Node:
    while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
        value = value.named_children[0]
    return value


# The helpers compilers wrap a ``require`` in (TypeScript ``__importDefault``/``__importStar``,
# Babel ``_interopRequireDefault``/``_interopRequireWildcard``, esbuild ``__toESM``): the
# published ``dist/`` of most npm packages reads ``const x = __importDefault(require('m'))``
# and then ``x.default``.
INTEROP_HELPERS = frozenset({
    "__importDefault", "__importStar", "_interopRequireDefault", "_interopRequireWildcard",
    "__toESM",
})


def _required_module(index: FileIndex, value: Node, depth: int = 0) -> str | None:
    """'x' for ``require('x')`` (also ``await import('x')``, and a ``require`` wrapped in a
    compiler's interop helper, ``__importDefault(require('x'))``), else None."""
    value = _strip_await(value)
    if value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    arguments = value.child_by_field_name("arguments")
    if function is None or arguments is None or not arguments.named_children:
        return None
    first = arguments.named_children[0]
    helper = unwrap(function)  # `(0, tslib_1.__importDefault)(require('x'))`
    if helper.type == "member_expression":
        helper = helper.child_by_field_name("property") or helper
    if helper.type in ("identifier", "property_identifier") \
            and index.text(helper) in INTEROP_HELPERS:
        return _required_module(index, first, depth + 1) if depth == 0 else None
    if function.type not in ("identifier", "import"):
        return None
    if function.type == "identifier" and index.text(function) != "require":
        return None
    return _name(index, first) if first.type == "string" else None


def _record_this_assignment(index: FileIndex, node: Node) -> None:
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    path = this_path(left, index.text) if left is not None else None
    if path is None or right is None or _placeholder(index, right):
        return
    if "." in path:  # `this.config.apiPath = v`: a field of a field, 'config.apiPath'
        index.this_paths.setdefault(path, []).append(right)
        return
    index.this_fields.setdefault(path, []).append(right)
    if right.type in FUNCTION_TYPES:
        index.methods.setdefault(path, []).append(right)


def _placeholder(index: FileIndex, value: Node) -> bool:
    """A field declared before it is set (``this.jira = undefined``, ``client = null``,
    compiled TypeScript's ``this.api = void 0``): not the value the field holds when used."""
    value = unwrap(value)
    if value.type in ("null", "undefined"):
        return True
    if value.type == "identifier":
        return index.text(value) == "undefined"
    return value.type == "unary_expression" and index.text(value).replace(" ", "") == "void0"


def _record_field(index: FileIndex, node: Node) -> None:
    name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
    value = node.child_by_field_name("value")
    name = _name(index, name_node)
    if name and value is not None and not _placeholder(index, value):
        index.this_fields.setdefault(name, []).append(value)
        if value.type in FUNCTION_TYPES:
            index.methods.setdefault(name, []).append(value)


def _record_object_method(index: FileIndex, node: Node) -> None:
    value = node.child_by_field_name("value")
    if value is None or value.type not in FUNCTION_TYPES:
        return
    name = _name(index, node.child_by_field_name("key"))
    if name:
        index.methods.setdefault(name, []).append(value)


def _record_import(index: FileIndex, node: Node) -> None:
    source = node.child_by_field_name("source")
    module = _name(index, source)
    if not module:
        return
    for clause in node.named_children:
        if clause.type != "import_clause":
            continue
        for item in clause.named_children:
            if item.type == "identifier":
                index.imports[index.text(item)] = (module, "default")
            elif item.type == "namespace_import":
                for ident in item.named_children:
                    if ident.type == "identifier":
                        index.imports[index.text(ident)] = (module, "*")
            elif item.type == "named_imports":
                for spec in item.named_children:
                    if spec.type != "import_specifier":
                        continue
                    imported = _name(index, spec.child_by_field_name("name"))
                    alias = _name(index, spec.child_by_field_name("alias")) or imported
                    if imported and alias:
                        index.imports[alias] = (module, imported)


def _record_export(index: FileIndex, node: Node) -> None:
    """ESM exports: declarations, ``export default``, export clauses, re-exports."""
    source = node.child_by_field_name("source")
    module = _name(index, source) if source is not None else None
    declaration = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    is_default = any(child.type == "default" for child in node.children)
    if declaration is not None:
        if is_default:
            index.exports["default"] = declaration
        if declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                name_node = declarator.child_by_field_name("name")
                if declarator.type == "variable_declarator" and name_node is not None \
                        and name_node.type == "identifier":
                    index.exports[index.text(name_node)] = name_node
        else:
            name = _name(index, declaration.child_by_field_name("name"))
            if name:
                index.exports[name] = declaration
        return
    if value is not None:
        index.exports["default"] = value
        return
    for child in node.named_children:
        if child.type == "export_clause":
            for spec in child.named_children:
                if spec.type != "export_specifier":
                    continue
                local = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                local_name = _name(index, local)
                exported = _name(index, alias) or local_name
                if not exported or local is None or not local_name:
                    continue
                if module is not None:
                    index.reexported[exported] = (module, local_name)
                else:
                    index.exports[exported] = local
        elif child.type == "namespace_export" and module is not None:
            name = next((_name(index, c) for c in child.named_children if c.type == "identifier"), None)
            if name:
                index.reexported[name] = (module, "*")
    if module is not None and any(child.type == "*" for child in node.children):
        index.reexports.append(module)


def _record_cjs_export(index: FileIndex, node: Node) -> None:
    """``module.exports = value``, ``module.exports.x = value``, ``exports.x = value``."""
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is None or right is None or left.type != "member_expression":
        return
    target = index.text(left)
    if target == "module.exports":
        index.exports["default"] = right
        module = _required_module(index, right)
        if module is not None:
            index.reexports.append(module)
        if right.type == "object":
            for item in right.named_children:
                if item.type == "shorthand_property_identifier":
                    index.exports.setdefault(index.text(item), item)
                elif item.type == "pair":
                    key = _name(index, item.child_by_field_name("key"))
                    value = item.child_by_field_name("value")
                    if key and value is not None:
                        index.exports.setdefault(key, value)
        return
    obj = left.child_by_field_name("object")
    prop = _name(index, left.child_by_field_name("property"))
    if obj is not None and prop and index.text(obj) in ("module.exports", "exports"):
        index.exports[prop] = right
