"""Pass 1 of the Python analysis: scopes, bindings, imports, calls and string candidates.

One iterative walk over the ``ast`` tree (deep code must not blow the stack) records, per
scope, which names hold which expressions (module constants, locals, ``self.x`` attributes),
the file's imports (local name -> qualified name), every call, and every string-building
expression.  Calls that are test mocks, assertions or server routes (``[not_calls]`` of
``knowledge/python.toml``) are skipped with everything inside them.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scopelint.scanning.core.knowledge import ClientTable

Position = tuple[int, int]

_STRING_TESTS = frozenset(
    {"startswith", "endswith", "replace", "split", "rsplit", "find", "rfind", "index", "count",
     "partition", "match", "search", "fullmatch", "sub", "compile"}
)
STRIP_METHODS = frozenset({"strip", "rstrip", "lstrip", "removesuffix", "removeprefix"})
WRAPPERS = frozenset({"str", "quote", "quote_plus", "int", "repr", "format", "escape"})


# Fields that never hold a node the walk records anything for: names and flags (strings,
# numbers) and a name's Load/Store context or an operator (ast.iter_child_nodes yields those:
# one Load per name read).
_LEAF_FIELDS = frozenset({"ctx", "op", "ops", "id", "attr", "arg", "name", "asname", "module",
                          "level", "kind", "conversion", "is_async", "simple", "type_comment",
                          "tag"})
_NODE_FIELDS: dict[type, tuple[str, ...]] = {ast.Constant: ()}


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``ast.iter_child_nodes(node)`` in its order, as a list, less contexts and operators."""
    kind = type(node)
    fields = _NODE_FIELDS.get(kind)
    if fields is None:
        fields = _NODE_FIELDS[kind] = tuple(f for f in kind._fields if f not in _LEAF_FIELDS)
    children: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            children.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


def last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def node_start(node: ast.AST) -> Position:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def node_end(node: ast.AST) -> Position:
    return (getattr(node, "end_lineno", None) or 0, getattr(node, "end_col_offset", None) or 0)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    value = _keyword(call, name)
    if value is not None:
        return value
    positional = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            break
        positional.append(arg)
    return positional[index] if index < len(positional) else None


def _is_docstring_like(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr))


# Plain classes, not dataclasses: defining a dataclass costs every hook run ~0.5 ms.


class Binding:
    """One assignment of a name: its value expression, or None when the value is unknowable.

    ``loop``: the iterable a ``for`` loop takes the name from (``for issue in issues``, also
    ``element_of``); ``annotation``: a parameter's type annotation (``jira: JIRA``).  Neither
    is a value.
    """

    __slots__ = ("annotation", "loop", "param", "pos", "scope", "value")

    def __init__(self, pos: Position, value: ast.expr | None, scope: Scope,
                 param: bool = False, loop: ast.expr | None = None,
                 annotation: ast.expr | None = None) -> None:
        self.pos = pos  # where the binding takes effect (end of the statement)
        self.value = value
        self.scope = scope
        self.param = param
        self.loop = loop  # `for name in <loop>`: the iterable the name takes its values from
        self.annotation = annotation

    @property
    def element_of(self) -> ast.expr | None:
        """The iterable a ``for`` loop takes the name from (SDK resources: ``for issue in
        jira.search_issues(...)``)."""
        return self.loop


class Func:
    __slots__ = ("defaults", "is_method", "node", "params", "returns", "scope")

    def __init__(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope,
                 params: list[str], defaults: dict[str, ast.expr], is_method: bool) -> None:
        self.node = node
        self.scope = scope  # the function's own scope
        self.params = params  # positional parameters, in order
        self.defaults = defaults
        self.is_method = is_method  # first parameter is self/cls when called through an attribute
        self.returns: list[ast.expr] = []  # the values of its return statements


class Class:
    __slots__ = ("annotations", "attrs", "base_exprs", "bases", "methods", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self.base_exprs: list[ast.expr] = []  # the bases as written
        self.attrs: dict[str, list[Binding]] = {}
        # declared types of attributes: `client: Confluence = None` in the class body (a
        # dataclass field), `self.client: JIRA | None = None` in a method
        self.annotations: dict[str, ast.expr] = {}
        self.methods: dict[str, Func] = {}
        self.bases: list[Class] = []  # base classes defined in the same file

    def lineage(self) -> list[Class]:
        """This class, then its bases of this file, depth first (as a simple MRO)."""
        found: list[Class] = []
        stack: list[Class] = [self]
        while stack and len(found) < 32:
            current = stack.pop(0)
            if current not in found:
                found.append(current)
                stack.extend(current.bases)
        return found

    def method(self, name: str) -> Func | None:
        return next((c.methods[name] for c in self.lineage() if name in c.methods), None)

    def attr(self, name: str) -> list[Binding]:
        return next((c.attrs[name] for c in self.lineage() if name in c.attrs), [])


def _copies_itself(target: ast.Attribute, value: ast.expr | None) -> bool:
    """``self.base_url = self.base_url`` (or ``= cls.base_url``, ``= Client.base_url``): the
    instance copies the class attribute, whose value stays the one to read."""
    return (
        isinstance(value, ast.Attribute)
        and value.attr == target.attr
        and isinstance(value.value, ast.Name)
    )


class Scope:
    __slots__ = ("bindings", "cls", "func", "functions", "kind", "parent", "positions")

    def __init__(self, kind: Literal["module", "class", "function"], parent: Scope | None,
                 cls: Class | None = None) -> None:
        self.kind = kind
        self.parent = parent
        self.cls = cls  # the class of a class scope, or of a method's scope
        self.func: Func | None = None
        self.bindings: dict[str, list[Binding]] = {}  # sorted by position
        self.positions: dict[str, list[Position]] = {}  # parallel to bindings
        self.functions: dict[str, Func] = {}

    def bind(self, name: str, binding: Binding) -> None:
        bindings = self.bindings.setdefault(name, [])
        positions = self.positions.setdefault(name, [])
        index = bisect.bisect_right(positions, binding.pos)
        bindings.insert(index, binding)
        positions.insert(index, binding.pos)


class Collector:
    """Walks the tree once (iteratively: deep code must not blow the stack)."""

    def __init__(self, tree: ast.Module, knowledge: ClientTable) -> None:
        self.knowledge = knowledge
        self.verbs = frozenset(knowledge.verbs)
        self.mock_factories = knowledge.names("mock_factories")
        self.route_methods = knowledge.names("route_methods")
        self.route_receivers = knowledge.names("route_receivers")
        self.route_functions = knowledge.names("route_functions")
        self.route_keywords = knowledge.names("route_keywords")
        self.assertion_prefixes = tuple(knowledge.names("assertion_prefixes"))
        self.mock_activators = knowledge.names("mock_activators")
        self.mock_fixtures = knowledge.names("mock_fixtures")
        self.response_constructors = knowledge.names("response_constructors")
        self.link_keys = knowledge.names("link_keys")
        self.module = Scope("module", None)
        self.classes: dict[str, Class] = {}
        self.calls: list[tuple[ast.Call, Scope]] = []
        self.strings: list[tuple[ast.expr, Scope]] = []  # candidate string expressions
        self.composed: set[int] = set()  # ids of expressions that are parts of a bigger string
        self.not_candidates: set[int] = set()
        self.ignored_loads: list[tuple[ast.expr, Scope]] = []
        self.mock_names: set[str] = set(knowledge.names("mock_receivers"))
        self.imported: dict[str, str] = {}  # local name -> qualified name ("requests", "x.y.z")
        self.star_imports: list[str] = []  # modules of `from x import *`
        self.bound_targets: set[int] = set()  # Name targets already bound with their value
        self.returns: list[ast.Return] = []  # every return statement, in no particular order
        self._walk(tree)

    # ----------------------------------------------------------------- traversal

    def _walk(self, tree: ast.Module) -> None:
        stack: list[tuple[ast.AST, Scope, bool]] = [(tree, self.module, False)]
        while stack:
            node, scope, ignored = stack.pop()
            children = self._visit(node, scope, ignored)
            stack.extend(reversed(list(children)))

    def _visit(
        self, node: ast.AST, scope: Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, Scope, bool]]:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from self._visit_function(node, scope, ignored)
            return
        if isinstance(node, ast.ClassDef):
            yield from self._visit_class(node, scope, ignored)
            return
        if isinstance(node, ast.Lambda):
            inner = Scope("function", scope if scope.kind != "class" else self._outer(scope))
            self._bind_arguments(node.args, inner)
            yield from ((d, scope, ignored) for d in node.args.defaults)
            yield (node.body, inner, ignored)
            return
        if isinstance(node, ast.Assert):
            yield from ((child, scope, True) for child in child_nodes(node))
            return
        if isinstance(node, (ast.With, ast.AsyncWith)) and any(
            self._qualified(item.context_expr) in self.mock_activators for item in node.items
        ):  # with responses.RequestsMock() as rsps: ... (the block runs against the mock)
            self._record_statement(node, scope)
            yield from ((item, scope, True) for item in node.items)
            yield from ((stmt, scope, True) for stmt in node.body)
            return
        if isinstance(node, ast.Dict):
            self._links_are_data(node)
        if isinstance(node, ast.stmt):
            if isinstance(node, ast.Return):
                self.returns.append(node)
            self._record_statement(node, scope)
            if _is_docstring_like(node):
                assert isinstance(node, ast.Expr)
                self.not_candidates.add(id(node.value))
        if isinstance(node, ast.expr):
            ignored = self._record_expression(node, scope, ignored)
        yield from ((child, scope, ignored) for child in child_nodes(node))

    def _links_are_data(self, node: ast.Dict) -> None:
        """``{"self": "https://...", "_links": {...}}``: a canned response's links are data."""
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in self.link_keys:
                self.not_candidates.update(
                    id(inner) for inner in ast.walk(value)
                    if isinstance(inner, (ast.Constant, ast.JoinedStr, ast.BinOp))
                )

    def _outer(self, scope: Scope) -> Scope:
        """The scope a nested function sees (class bodies are skipped, as Python does)."""
        while scope.kind == "class" and scope.parent is not None:
            scope = scope.parent
        return scope

    def _visit_function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, Scope, bool]]:
        decorators = {last_name(d.func if isinstance(d, ast.Call) else d) for d in
                      node.decorator_list}
        in_class = scope.kind == "class"
        inner = Scope("function", self._outer(scope), cls=scope.cls if in_class else None)
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
        defaults = dict(zip(reversed(params), reversed(node.args.defaults), strict=False))
        for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True):
            if default is not None:
                defaults[arg.arg] = default
        func = Func(node, inner, params + [a.arg for a in node.args.kwonlyargs], defaults,
                     is_method=in_class and "staticmethod" not in decorators)
        inner.func = func
        self._bind_arguments(node.args, inner)
        if decorators & self.mock_factories:  # @requests_mock.Mocker() def test(self, m): ...
            self.mock_names.update(p for p in params if p not in ("self", "cls"))
        scope.functions[node.name] = func
        scope.bind(node.name, Binding(node_start(node), None, scope))
        if in_class and scope.cls is not None:
            scope.cls.methods[node.name] = func
        # Decorators of a definition are routes/fixtures/registrations, never client calls.
        yield from ((d, scope, True) for d in node.decorator_list)
        yield from ((d, scope, ignored) for d in node.args.defaults)
        yield from ((d, scope, ignored) for d in node.args.kw_defaults if d is not None)
        # A test run against a mock (@responses.activate, a requests_mock fixture): whatever it
        # requests is answered by the mock, so nothing in it is a call to Atlassian.
        mocked = any(self._qualified(d) in self.mock_activators for d in node.decorator_list) \
            or bool(self.mock_fixtures.intersection(params))
        yield from ((stmt, inner, ignored or mocked) for stmt in node.body)

    def _qualified(self, node: ast.expr) -> str:
        """``responses.activate`` for ``@responses.activate`` / ``@responses.activate()``, the
        root qualified through the file's imports (``import responses as r``; ``@r.activate``)."""
        if isinstance(node, ast.Call):
            node = node.func
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return ""
        parts.append(self.imported.get(node.id, node.id))
        return ".".join(reversed(parts))

    def _visit_class(
        self, node: ast.ClassDef, scope: Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, Scope, bool]]:
        info = self.classes.setdefault(node.name, Class(node.name))
        info.base_exprs.extend(node.bases)  # as written (an SDK class: `class Jira(JIRA)`)
        for base in node.bases:  # class Issues(Base): methods and attributes of Base too
            parent = self.classes.get(last_name(base) or "")
            if parent is not None and parent is not info:
                info.bases.append(parent)
        inner = Scope("class", scope, cls=info)
        scope.bind(node.name, Binding(node_start(node), None, scope))
        yield from ((d, scope, True) for d in node.decorator_list)
        yield from ((b, scope, ignored) for b in node.bases)
        yield from ((k, scope, ignored) for k in node.keywords)
        yield from ((stmt, inner, ignored) for stmt in node.body)

    def _annotate(self, node: ast.AnnAssign, scope: Scope) -> None:
        """The declared type of a class's attribute (``client: Confluence`` in its body,
        ``self.client: JIRA | None`` in a method)."""
        target = node.target
        if scope.cls is None:
            return
        if isinstance(target, ast.Name) and scope.kind == "class":
            scope.cls.annotations.setdefault(target.id, node.annotation)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id in ("self", "cls"):
            scope.cls.annotations.setdefault(target.attr, node.annotation)

    def _bind_arguments(self, args: ast.arguments, scope: Scope) -> None:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        every += [a for a in (args.vararg, args.kwarg) if a is not None]
        for arg in every:
            scope.bind(arg.arg, Binding((0, 0), None, scope, param=True, annotation=arg.annotation))

    # ----------------------------------------------------------------- bindings

    def _record_statement(self, node: ast.stmt, scope: Scope) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(target, node.value, node, scope)
        elif isinstance(node, ast.AnnAssign):
            self._annotate(node, scope)
            if node.value is not None:
                self._bind_target(node.target, node.value, node, scope)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            previous = ast.Name(id=node.target.id, ctx=ast.Load())
            ast.copy_location(previous, node.target)
            combined = ast.BinOp(left=previous, op=node.op, right=node.value)
            ast.copy_location(combined, node.value)
            self.composed.add(id(node.value))
            self.bound_targets.add(id(node.target))
            scope.bind(node.target.id, Binding(node_end(node), combined, scope))
        elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
            self.bound_targets.add(id(node.target))
            scope.bind(node.target.id, Binding(node_end(node.target), None, scope, loop=node.iter))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                factory = item.context_expr
                bound = item.optional_vars
                if not isinstance(bound, ast.Name):
                    continue
                if isinstance(factory, ast.Call) and last_name(factory.func) in self.mock_factories:
                    self.mock_names.add(bound.id)
                self.bound_targets.add(id(bound))  # `with Session() as s`: s is that object
                scope.bind(bound.id, Binding(node_end(bound), factory, scope))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imported[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    self.imported[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    self.star_imports.append(module)
                    continue
                joined = f"{module}.{alias.name}" if node.module else module + alias.name
                self.imported[alias.asname or alias.name] = joined
        elif isinstance(node, ast.Return) and node.value is not None and scope.func is not None:
            scope.func.returns.append(node.value)

    def _bind_target(self, target: ast.expr, value: ast.expr, stmt: ast.stmt, scope: Scope) -> None:
        pos = node_end(stmt)
        if isinstance(target, ast.Name):
            self.bound_targets.add(id(target))
            binding = Binding(pos, value, scope)
            scope.bind(target.id, binding)
            if scope.kind == "class" and scope.cls is not None:
                scope.cls.attrs.setdefault(target.id, []).append(binding)
            if isinstance(value, ast.Call) and last_name(value.func) in self.mock_factories:
                self.mock_names.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
            if values is not None and len(values) == len(target.elts):
                for sub_target, sub_value in zip(target.elts, values, strict=True):
                    self._bind_target(sub_target, sub_value, stmt, scope)
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id in ("self", "cls")
            and scope.cls is not None
            and not _copies_itself(target, value)
        ):
            scope.cls.attrs.setdefault(target.attr, []).append(Binding(pos, value, scope))

    # ----------------------------------------------------------------- expressions

    def _record_expression(self, node: ast.expr, scope: Scope, ignored: bool) -> bool:
        """Note what this expression is; returns whether its children are in ignored code."""
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store) and id(node) not in self.bound_targets:
                scope.bind(node.id, Binding(node_end(node), None, scope))
            elif ignored:
                self.ignored_loads.append((node, scope))
            return ignored
        if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            self.bound_targets.add(id(node.target))
            scope.bind(node.target.id, Binding(node_end(node), node.value, scope))
        if ignored:
            if isinstance(node, ast.Attribute) and root_name(node) in ("self", "cls"):
                self.ignored_loads.append((node, scope))
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            self.composed.update((id(node.left), id(node.right)))
            self._maybe_candidate(node, scope)
        elif isinstance(node, ast.JoinedStr):
            self.composed.update(id(value) for value in node.values)
            self._maybe_candidate(node, scope)
        elif isinstance(node, ast.FormattedValue):
            self.composed.add(id(node.value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            self._maybe_candidate(node, scope)
        elif isinstance(node, ast.Compare):
            self.not_candidates.update(id(part) for part in (node.left, *node.comparators))
        elif isinstance(node, ast.Call):
            return self._record_call(node, scope)
        return False

    def _maybe_candidate(self, node: ast.expr, scope: Scope) -> None:
        self.strings.append((node, scope))

    def _record_call(self, node: ast.Call, scope: Scope) -> bool:
        func = node.func
        name = last_name(func)
        if self._is_not_a_client_call(node, name):
            return True  # the whole call is a mock, an assertion or a route: skip inside it
        for keyword in node.keywords:
            if keyword.arg in self.route_keywords:
                self.not_candidates.add(id(keyword.value))
        if isinstance(func, ast.Attribute):
            if name == "format" or name in STRIP_METHODS:
                self.composed.add(id(func.value))
                self.composed.update(id(arg) for arg in node.args)
                self.composed.update(id(k.value) for k in node.keywords)
                self._maybe_candidate(node, scope)
            elif name == "join":
                parts = node.args[0].elts if node.args and isinstance(
                    node.args[0], (ast.List, ast.Tuple)) else node.args
                self.composed.update(id(part) for part in parts)
                self.composed.add(id(func.value))
                self._maybe_candidate(node, scope)
            elif name in _STRING_TESTS:
                self.not_candidates.update(id(arg) for arg in node.args)
                self.not_candidates.add(id(func.value))
        if name == "urljoin" or (name in WRAPPERS and len(node.args) == 1):
            self.composed.update(id(arg) for arg in node.args)
            self._maybe_candidate(node, scope)
        self.calls.append((node, scope))
        return False

    def _is_not_a_client_call(self, node: ast.Call, name: str | None) -> bool:
        """A mock, an assertion or a route definition (``[not_calls]`` of the knowledge)."""
        func = node.func
        if name is None:
            return False
        if name.startswith(self.assertion_prefixes):  # mock.assert_called_with(...), assertEqual
            return True
        if name in self.response_constructors:  # httpx.Response(200, json={...}): a body
            return True
        if isinstance(func, ast.Attribute):
            root = root_name(func)
            if root in self.mock_names or name in self.route_methods:
                return True
            return root in self.route_receivers and name in self.verbs  # web.get("/x", h)
        return name in self.route_functions or self.imported.get(name) in self.route_functions


def lookup(scope: Scope, name: str, pos: Position) -> Binding | None:
    current: Scope | None = scope
    innermost = True
    while current is not None:
        if current.kind == "class" and not innermost:
            current = current.parent
            continue
        bindings = current.bindings.get(name)
        if bindings:
            index = bisect.bisect_right(current.positions[name], pos)
            if index:
                return bindings[index - 1]
            # Used before any assignment: at module level a NameError, in a function a value
            # from a later assignment (loops) or an outer name; neither is knowable here.
            return None if innermost else bindings[-1]
        innermost = False
        current = current.parent
    return None


def is_property(function: Func) -> bool:
    """``@property`` / ``@cached_property`` (``functools.cached_property``)."""
    return any(last_name(d) in ("property", "cached_property") for d in function.node.decorator_list)


def is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
