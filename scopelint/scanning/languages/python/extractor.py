"""Python: Atlassian REST call sites found with the standard ``ast`` module.

Two passes over the tree.  The first records, per scope, which names hold which expressions
(module constants, locals, ``self.x`` attributes), every call, and every string-building
expression.  The second evaluates the URL argument of each HTTP client call (``requests``,
``httpx``, ``aiohttp``, ``urllib``, any session-like ``.get/.post/...``/``.request``) into a
URL template, follows same-file helper functions that take the path (and method) as
parameters, and finally reports REST-looking string values no recognised call consumed.
Test mocks, assertions and web-framework routes are skipped.
"""

from __future__ import annotations

import ast
import bisect
import re
import string
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from scopelint.kb.products import REST_PREFIXES
from scopelint.model import HTTP_METHODS, CallKind, CallSite, FileScan, Location
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import normalise_placeholders, split_url, url_kind

_LONE_CR_RE = re.compile(r"\r(?!\n)")
_PY_NEWLINE_RE = re.compile(r"\r\n|\r|\n")

EXTRACTOR = "python"

_VERBS = frozenset(method.lower() for method in HTTP_METHODS)
_REQUEST_FUNCS = frozenset({"request", "stream", "build_request"})  # (method, url, ...)
_CLIENT_MODULES = ("requests", "httpx", "aiohttp", "urllib", "urllib3")
# Receivers whose .get/.add/... register mock responses instead of sending requests.
_MOCK_RECEIVERS = frozenset(
    {"responses", "respx", "httpretty", "requests_mock", "mocker", "httpx_mock", "respx_mock",
     "aioresponses", "rsps"}
)
_MOCK_FACTORIES = frozenset({"Mocker", "RequestsMock", "aioresponses", "mock", "MockRouter"})
_ROUTE_CALLS = frozenset(
    {"add_url_rule", "add_api_route", "add_route", "add_get", "add_post", "add_put", "add_patch",
     "add_delete", "add_head", "add_view", "api_route", "route", "websocket", "register_uri"}
)
_ROUTE_KEYWORDS = frozenset({"url_prefix", "prefix"})
_STRING_TESTS = frozenset(
    {"startswith", "endswith", "replace", "split", "rsplit", "find", "rfind", "index", "count",
     "partition", "match", "search", "fullmatch", "sub", "compile"}
)
_STRIP_METHODS = frozenset({"strip", "rstrip", "lstrip", "removesuffix", "removeprefix"})
_WRAPPERS = frozenset({"str", "quote", "quote_plus", "int", "repr", "format", "escape"})
_MAX_DEPTH = 60
_MAX_LENGTH = 4096  # longer values are not URLs
_SPACE_RE = re.compile(r"\s")
_URL_STARTS = ("http://", "https://", "/", "{", "rest/", "wiki/", "2.0/")
_PERCENT_RE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
_METHOD_AND_URL_RE = re.compile(r"(" + "|".join(HTTP_METHODS) + r")\s+(\S+)")

Position = tuple[int, int]


# --------------------------------------------------------------------------- collected facts


@dataclass(eq=False)
class _Binding:
    """One assignment of a name: its value expression, or None when the value is unknowable."""

    pos: Position  # where the binding takes effect (end of the statement)
    value: ast.expr | None
    scope: _Scope
    param: bool = False


@dataclass(eq=False)
class _Func:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    scope: _Scope  # the function's own scope
    params: list[str]  # positional parameters, in order
    defaults: dict[str, ast.expr]
    is_method: bool  # first parameter is self/cls when called through an attribute


@dataclass(eq=False)
class _Class:
    name: str
    attrs: dict[str, list[_Binding]] = field(default_factory=dict)
    methods: dict[str, _Func] = field(default_factory=dict)


@dataclass(eq=False)
class _Scope:
    kind: Literal["module", "class", "function"]
    parent: _Scope | None
    cls: _Class | None = None  # the class of a class scope, or of a method's scope
    func: _Func | None = None
    bindings: dict[str, list[_Binding]] = field(default_factory=dict)  # sorted by position
    positions: dict[str, list[Position]] = field(default_factory=dict)  # parallel to bindings
    functions: dict[str, _Func] = field(default_factory=dict)

    def bind(self, name: str, binding: _Binding) -> None:
        bindings = self.bindings.setdefault(name, [])
        positions = self.positions.setdefault(name, [])
        index = bisect.bisect_right(positions, binding.pos)
        bindings.insert(index, binding)
        positions.insert(index, binding.pos)


@dataclass(eq=False)
class _HttpCall:
    node: ast.Call
    scope: _Scope
    url: ast.expr
    method: str | None = None  # fixed method, when the call says it
    method_expr: ast.expr | None = None  # expression giving the method


@dataclass(eq=False)
class _Helper:
    func: _Func
    http: _HttpCall
    url_params: list[str]  # parameters the URL is built from, in parameter order
    used: bool = False


# --------------------------------------------------------------------------- entry point


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "invalid escape sequence": not ours to report
            tree = ast.parse(source.text, filename=source.display)
    except SyntaxError as error:
        where = f" at line {error.lineno}" if error.lineno else ""
        scan.warnings.append(_not_python(source, f"{error.msg}{where}"))
        return scan
    except (ValueError, RecursionError, MemoryError) as error:
        reason = "too deeply nested" if isinstance(error, RecursionError) else str(error)
        scan.warnings.append(_not_python(source, reason or type(error).__name__))
        return scan
    try:
        scan.calls = _Analysis(source, tree).run()
    except RecursionError:
        scan.warnings.append(_not_python(source, "too deeply nested"))
    return scan


def _not_python(source: SourceFile, reason: str) -> str:
    return f"{source.display}: not valid Python ({reason}); only text-level checks ran"


# --------------------------------------------------------------------------- small helpers


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _start(node: ast.AST) -> Position:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def _end(node: ast.AST) -> Position:
    return (getattr(node, "end_lineno", None) or 0, getattr(node, "end_col_offset", None) or 0)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
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


def _method_word(value: str | None) -> str | None:
    if value is None:
        return None
    upper = value.strip().upper()
    return upper if upper in HTTP_METHODS else None


# --------------------------------------------------------------------------- pass 1


class _Collector:
    """Walks the tree once (iteratively: deep code must not blow the stack)."""

    def __init__(self, tree: ast.Module) -> None:
        self.module = _Scope("module", None)
        self.classes: dict[str, _Class] = {}
        self.calls: list[tuple[ast.Call, _Scope]] = []
        self.strings: list[tuple[ast.expr, _Scope]] = []  # candidate string expressions
        self.composed: set[int] = set()  # ids of expressions that are parts of a bigger string
        self.not_candidates: set[int] = set()
        self.ignored_loads: list[tuple[ast.expr, _Scope]] = []
        self.mock_names: set[str] = set(_MOCK_RECEIVERS)
        self.imported: dict[str, str] = {}  # local name -> "module.name" for client imports
        self.bound_targets: set[int] = set()  # Name targets already bound with their value
        self._walk(tree)

    # ----------------------------------------------------------------- traversal

    def _walk(self, tree: ast.Module) -> None:
        stack: list[tuple[ast.AST, _Scope, bool]] = [(tree, self.module, False)]
        while stack:
            node, scope, ignored = stack.pop()
            children = self._visit(node, scope, ignored)
            stack.extend(reversed(list(children)))

    def _visit(
        self, node: ast.AST, scope: _Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, _Scope, bool]]:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from self._visit_function(node, scope, ignored)
            return
        if isinstance(node, ast.ClassDef):
            yield from self._visit_class(node, scope, ignored)
            return
        if isinstance(node, ast.Lambda):
            inner = _Scope("function", scope if scope.kind != "class" else self._outer(scope))
            self._bind_arguments(node.args, inner)
            yield from ((d, scope, ignored) for d in node.args.defaults)
            yield (node.body, inner, ignored)
            return
        if isinstance(node, ast.Assert):
            yield from ((child, scope, True) for child in ast.iter_child_nodes(node))
            return
        if isinstance(node, ast.stmt):
            self._record_statement(node, scope)
            if _is_docstring_like(node):
                assert isinstance(node, ast.Expr)
                self.not_candidates.add(id(node.value))
        if isinstance(node, ast.expr):
            ignored = self._record_expression(node, scope, ignored)
        yield from ((child, scope, ignored) for child in ast.iter_child_nodes(node))

    def _outer(self, scope: _Scope) -> _Scope:
        """The scope a nested function sees (class bodies are skipped, as Python does)."""
        while scope.kind == "class" and scope.parent is not None:
            scope = scope.parent
        return scope

    def _visit_function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, _Scope, bool]]:
        decorators = {_last_name(d.func if isinstance(d, ast.Call) else d) for d in
                      node.decorator_list}
        in_class = scope.kind == "class"
        inner = _Scope("function", self._outer(scope), cls=scope.cls if in_class else None)
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
        defaults = dict(zip(reversed(params), reversed(node.args.defaults), strict=False))
        for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True):
            if default is not None:
                defaults[arg.arg] = default
        func = _Func(node, inner, params + [a.arg for a in node.args.kwonlyargs], defaults,
                     is_method=in_class and "staticmethod" not in decorators)
        inner.func = func
        self._bind_arguments(node.args, inner)
        if decorators & _MOCK_FACTORIES:  # @requests_mock.Mocker() def test(self, m): ...
            self.mock_names.update(p for p in params if p not in ("self", "cls"))
        scope.functions[node.name] = func
        scope.bind(node.name, _Binding(_start(node), None, scope))
        if in_class and scope.cls is not None:
            scope.cls.methods[node.name] = func
        # Decorators of a definition are routes/fixtures/registrations, never client calls.
        yield from ((d, scope, True) for d in node.decorator_list)
        yield from ((d, scope, ignored) for d in node.args.defaults)
        yield from ((d, scope, ignored) for d in node.args.kw_defaults if d is not None)
        yield from ((stmt, inner, ignored) for stmt in node.body)

    def _visit_class(
        self, node: ast.ClassDef, scope: _Scope, ignored: bool
    ) -> Iterator[tuple[ast.AST, _Scope, bool]]:
        info = self.classes.setdefault(node.name, _Class(node.name))
        inner = _Scope("class", scope, cls=info)
        scope.bind(node.name, _Binding(_start(node), None, scope))
        yield from ((d, scope, True) for d in node.decorator_list)
        yield from ((b, scope, ignored) for b in node.bases)
        yield from ((k, scope, ignored) for k in node.keywords)
        yield from ((stmt, inner, ignored) for stmt in node.body)

    def _bind_arguments(self, args: ast.arguments, scope: _Scope) -> None:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        every += [a for a in (args.vararg, args.kwarg) if a is not None]
        for arg in every:
            scope.bind(arg.arg, _Binding((0, 0), None, scope, param=True))

    # ----------------------------------------------------------------- bindings

    def _record_statement(self, node: ast.stmt, scope: _Scope) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(target, node.value, node, scope)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self._bind_target(node.target, node.value, node, scope)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            previous = ast.Name(id=node.target.id, ctx=ast.Load())
            ast.copy_location(previous, node.target)
            combined = ast.BinOp(left=previous, op=node.op, right=node.value)
            ast.copy_location(combined, node.value)
            self.composed.add(id(node.value))
            self.bound_targets.add(id(node.target))
            scope.bind(node.target.id, _Binding(_end(node), combined, scope))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                factory = item.context_expr
                if (
                    isinstance(factory, ast.Call)
                    and _last_name(factory.func) in _MOCK_FACTORIES
                    and isinstance(item.optional_vars, ast.Name)
                ):
                    self.mock_names.add(item.optional_vars.id)
        elif isinstance(node, ast.ImportFrom) and node.module and (
            node.module.split(".")[0] in _CLIENT_MODULES or node.module.startswith("django")
        ):
            for alias in node.names:
                self.imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def _bind_target(self, target: ast.expr, value: ast.expr, stmt: ast.stmt, scope: _Scope) -> None:
        pos = _end(stmt)
        if isinstance(target, ast.Name):
            self.bound_targets.add(id(target))
            binding = _Binding(pos, value, scope)
            scope.bind(target.id, binding)
            if scope.kind == "class" and scope.cls is not None:
                scope.cls.attrs.setdefault(target.id, []).append(binding)
            if isinstance(value, ast.Call) and _last_name(value.func) in _MOCK_FACTORIES:
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
        ):
            scope.cls.attrs.setdefault(target.attr, []).append(_Binding(pos, value, scope))

    # ----------------------------------------------------------------- expressions

    def _record_expression(self, node: ast.expr, scope: _Scope, ignored: bool) -> bool:
        """Note what this expression is; returns whether its children are in ignored code."""
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store) and id(node) not in self.bound_targets:
                scope.bind(node.id, _Binding(_end(node), None, scope))
            elif ignored:
                self.ignored_loads.append((node, scope))
            return ignored
        if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            self.bound_targets.add(id(node.target))
            scope.bind(node.target.id, _Binding(_end(node), node.value, scope))
        if ignored:
            if isinstance(node, ast.Attribute) and _root_name(node) in ("self", "cls"):
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

    def _maybe_candidate(self, node: ast.expr, scope: _Scope) -> None:
        self.strings.append((node, scope))

    def _record_call(self, node: ast.Call, scope: _Scope) -> bool:
        func = node.func
        name = _last_name(func)
        if self._is_not_a_client_call(node, name):
            return True  # the whole call is a mock, an assertion or a route: skip inside it
        for keyword in node.keywords:
            if keyword.arg in _ROUTE_KEYWORDS:
                self.not_candidates.add(id(keyword.value))
        if isinstance(func, ast.Attribute):
            if name == "format" or name in _STRIP_METHODS:
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
        if name == "urljoin" or (name in _WRAPPERS and len(node.args) == 1):
            self.composed.update(id(arg) for arg in node.args)
            self._maybe_candidate(node, scope)
        self.calls.append((node, scope))
        return False

    def _is_not_a_client_call(self, node: ast.Call, name: str | None) -> bool:
        func = node.func
        if name is None:
            return False
        if name.startswith("assert"):  # mock.assert_called_with(...), self.assertEqual(...)
            return True
        if isinstance(func, ast.Attribute):
            root = _root_name(func)
            if root in self.mock_names:
                return True
            if name in _ROUTE_CALLS:
                return True
            return root == "web" and name in _VERBS  # aiohttp route table: web.get("/x", h)
        if name in ("path", "re_path"):
            return True
        return name == "url" and self.imported.get("url", "").startswith("django")


# --------------------------------------------------------------------------- evaluation


class _Evaluator:
    """Turns an expression into a URL template: known strings resolved, the rest ``{name}``."""

    def __init__(
        self,
        overrides: dict[tuple[int, str], str] | None = None,
        consumed: set[int] | None = None,
        classes: dict[str, _Class] | None = None,
    ) -> None:
        self.overrides = overrides or {}
        self.consumed = consumed
        self.classes = classes or {}
        self._memo: dict[int, str | None] = {}
        self._active: set[int] = set()

    def text(self, node: ast.expr, scope: _Scope, depth: int = 0) -> str:
        value = self.value(node, scope, depth)
        return value if value is not None else "{" + self.placeholder_name(node) + "}"

    def placeholder_name(self, node: ast.expr) -> str:
        for _ in range(_MAX_DEPTH):
            if isinstance(node, ast.Name):
                return node.id
            if isinstance(node, ast.Attribute):
                return node.attr
            if isinstance(node, ast.Subscript):
                key = node.slice
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    return key.value if key.value.isidentifier() else ""
                return ""
            if isinstance(node, ast.Call):
                name = _last_name(node.func)
                if name in _WRAPPERS and node.args:
                    node = node.args[0]
                    continue
                if isinstance(node.func, ast.Attribute) and not node.args:
                    node = node.func.value  # key.upper(), key.strip()
                    continue
                return ""
            if isinstance(node, ast.FormattedValue):
                node = node.value
                continue
            return ""
        return ""

    def value(self, node: ast.expr, scope: _Scope, depth: int = 0) -> str | None:
        """The string ``node`` evaluates to (with placeholders), or None when it is no string.

        Strings longer than any URL are given up on, which also keeps pathological code
        (thousands of ``url += "/a"``) linear.
        """
        if depth > _MAX_DEPTH:
            return None
        result = self._value(node, scope, depth)
        return result if result is None or len(result) <= _MAX_LENGTH else None

    def _value(self, node: ast.expr, scope: _Scope, depth: int) -> str | None:
        if self.consumed is not None:
            self.consumed.add(id(node))
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            return "".join(
                part.value if isinstance(part, ast.Constant) and isinstance(part.value, str)
                else self.text(part.value, scope, depth + 1)
                if isinstance(part, ast.FormattedValue) else ""
                for part in node.values
            )
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Add):
                return self._concatenation(node, scope, depth)
            if isinstance(node.op, ast.Mod):
                return self._percent(node, scope, depth)
            return None
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self._name_value(node, scope, depth)
        if isinstance(node, ast.Call):
            return self._call_value(node, scope, depth)
        if isinstance(node, ast.IfExp):
            body = self.value(node.body, scope, depth + 1)
            other = self.value(node.orelse, scope, depth + 1)
            return body if body is not None else other
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            results = [self.value(v, scope, depth + 1) for v in node.values]
            return next((r for r in results if r is not None), None)
        if isinstance(node, ast.NamedExpr):
            return self.value(node.value, scope, depth + 1)
        return None

    # ----------------------------------------------------------------- names

    def _name_value(self, node: ast.Name | ast.Attribute, scope: _Scope, depth: int) -> str | None:
        binding = self._binding(node, scope)
        if binding is None:
            return None
        if binding.param:
            return self.overrides.get((id(binding.scope), _last_name(node) or ""))
        if binding.value is None:
            return None
        key = id(binding)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:
            return None
        self._active.add(key)
        try:
            result = self.value(binding.value, binding.scope, depth + 1)
        finally:
            self._active.discard(key)
        self._memo[key] = result
        return result

    def _binding(self, node: ast.Name | ast.Attribute, scope: _Scope) -> _Binding | None:
        if isinstance(node, ast.Name):
            return _lookup(scope, node.id, _start(node))
        receiver = node.value
        if not isinstance(receiver, ast.Name):
            return None
        cls: _Class | None = None
        if receiver.id in ("self", "cls"):
            cls = scope.cls
        elif receiver.id in self.classes:
            cls = self.classes[receiver.id]
        if cls is None:
            return None
        bindings = cls.attrs.get(node.attr)
        if not bindings:
            return None
        with_value = [b for b in bindings if b.value is not None]
        return with_value[-1] if with_value else bindings[-1]

    # ----------------------------------------------------------------- operators

    def _concatenation(self, node: ast.BinOp, scope: _Scope, depth: int) -> str | None:
        operands: list[ast.expr] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            if self.consumed is not None:
                self.consumed.add(id(current))
            operands.append(current.right)
            current = current.left
        operands.append(current)
        operands.reverse()
        values = [self.value(operand, scope, depth + 1) for operand in operands]
        if all(value is None for value in values):
            return None
        return "".join(
            value if value is not None else "{" + self.placeholder_name(operand) + "}"
            for operand, value in zip(operands, values, strict=True)
        )

    def _percent(self, node: ast.BinOp, scope: _Scope, depth: int) -> str | None:
        template = self.value(node.left, scope, depth + 1)
        if template is None:
            return None
        right = node.right
        positional: list[str] = []
        named: dict[str, str] = {}
        if isinstance(right, ast.Tuple):
            positional = [self.text(e, scope, depth + 1) for e in right.elts]
        elif isinstance(right, ast.Dict):
            for key, value in zip(right.keys, right.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    named[key.value] = self.text(value, scope, depth + 1)
        else:
            positional = [self.text(right, scope, depth + 1)]
        queue = iter(positional)

        def substitute(match: re.Match[str]) -> str:
            if match.group(2) == "%":
                return "%"
            if match.group(1):
                return named.get(match.group(1), "{" + match.group(1) + "}")
            return next(queue, "{}")

        return _PERCENT_RE.sub(substitute, template)

    # ----------------------------------------------------------------- calls

    def _call_value(self, node: ast.Call, scope: _Scope, depth: int) -> str | None:
        func = node.func
        name = _last_name(func)
        if isinstance(func, ast.Attribute):
            if name == "format":
                template = self.value(func.value, scope, depth + 1)
                return None if template is None else self._format(template, node, scope, depth)
            if name in _STRIP_METHODS:
                base = self.value(func.value, scope, depth + 1)
                if base is None:
                    return None
                arg = self.value(node.args[0], scope, depth + 1) if node.args else None
                return _apply_strip(base, name, arg)
            if name == "join":
                return self._join_call(node, func, scope, depth)
        if name == "urljoin" and len(node.args) >= 2:
            base = self.value(node.args[0], scope, depth + 1)
            relative = self.value(node.args[1], scope, depth + 1)
            if base is None and relative is None:
                return None
            return _urljoin(
                base if base is not None else "{" + self.placeholder_name(node.args[0]) + "}",
                relative if relative is not None else "{" + self.placeholder_name(node.args[1]) + "}",
            )
        if name == "str" and len(node.args) == 1:
            return self.value(node.args[0], scope, depth + 1)
        return None

    def _join_call(
        self, node: ast.Call, func: ast.Attribute, scope: _Scope, depth: int
    ) -> str | None:
        separator = func.value
        if isinstance(separator, ast.Constant) and isinstance(separator.value, str):
            if len(node.args) != 1 or not isinstance(node.args[0], (ast.List, ast.Tuple)):
                return None
            parts = [self.value(e, scope, depth + 1) for e in node.args[0].elts]
            if all(part is None for part in parts):
                return None
            return separator.value.join(
                part if part is not None else "{" + self.placeholder_name(e) + "}"
                for part, e in zip(parts, node.args[0].elts, strict=True)
            )
        if _last_name(separator) in ("posixpath", "path") and node.args:
            values = [self.value(arg, scope, depth + 1) for arg in node.args]
            if all(v is None for v in values):
                return None
            result = ""
            for arg, value in zip(node.args, values, strict=True):
                piece = value if value is not None else "{" + self.placeholder_name(arg) + "}"
                if piece.startswith("/") or not result:
                    result = piece
                else:
                    result = result + ("" if result.endswith("/") else "/") + piece
            return result
        return None

    def _format(self, template: str, node: ast.Call, scope: _Scope, depth: int) -> str:
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        named = {k.arg: k.value for k in node.keywords if k.arg is not None}
        pieces: list[str] = []
        automatic = 0
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError:
            return template
        for literal, field_name, _spec, _conversion in parsed:
            pieces.append(literal)
            if field_name is None:
                continue
            head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
            argument: ast.expr | None = None
            if head == "":
                argument = positional[automatic] if automatic < len(positional) else None
                automatic += 1
            elif head.isdigit():
                index = int(head)
                argument = positional[index] if index < len(positional) else None
            else:
                argument = named.get(head)
            if argument is not None and head == field_name:
                pieces.append(self.text(argument, scope, depth + 1))
            else:
                pieces.append("{" + (head if not head.isdigit() else "") + "}")
        return "".join(pieces)


def _lookup(scope: _Scope, name: str, pos: Position) -> _Binding | None:
    current: _Scope | None = scope
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


def _apply_strip(base: str, method: str, arg: str | None) -> str:
    if method == "removesuffix":
        return base.removesuffix(arg) if arg else base
    if method == "removeprefix":
        return base.removeprefix(arg) if arg else base
    strip = {"strip": str.strip, "rstrip": str.rstrip, "lstrip": str.lstrip}[method]
    return strip(base, arg)


def _origin(url: str) -> str:
    scheme_end = url.find("://")
    if scheme_end == -1:
        return url.rstrip("/")
    slash = url.find("/", scheme_end + 3)
    return url if slash == -1 else url[:slash]


def _urljoin(base: str, relative: str) -> str:
    """urllib.parse.urljoin's rules, tolerant of ``{placeholders}``."""
    if "://" in relative:
        return relative
    if relative.startswith("/"):
        return _origin(base) + relative
    if base.endswith("/"):
        return base + relative
    scheme_end = base.find("://")
    if scheme_end != -1 and base.find("/", scheme_end + 3) == -1:
        return base + "/" + relative  # https://host + rel
    if re.fullmatch(r"\{[^{}]*\}", base):
        return base + "/" + relative  # unknown base: assume it names a directory
    return base[: base.rfind("/") + 1] + relative


# --------------------------------------------------------------------------- pass 2


class _Analysis:
    def __init__(self, source: SourceFile, tree: ast.Module) -> None:
        self.source = source
        self.facts = _Collector(tree)
        self.consumed: set[int] = set()
        self.shared = _Evaluator(consumed=self.consumed, classes=self.facts.classes)
        self.calls: list[CallSite] = []
        self._encoded: dict[int, bytes] = {}
        self._py_starts: list[int] | None = None

    def run(self) -> list[CallSite]:
        facts = self.facts
        http_calls: dict[int, _HttpCall] = {}
        for node, scope in facts.calls:
            http = self._http_call(node, scope)
            if http is not None:
                http_calls[id(node)] = http
        helpers = self._find_helpers(http_calls.values())
        helpers_by_call = {id(h.http.node): h for h in helpers}
        for node, scope in facts.calls:
            called = self._helpers_called(node, scope, helpers, id(node) in http_calls)
            for helper in called:
                self._emit_helper_call(node, scope, helper)
            if called:
                http_calls.pop(id(node), None)
        for http in http_calls.values():
            inside = helpers_by_call.get(id(http.node))
            self._emit_http_call(http, silent=inside is not None and inside.used)
        for checked, scope in facts.ignored_loads:
            self.shared.value(checked, scope)  # values checked by tests/routes are not leftovers
        self._emit_leftover_strings()
        unique = {(c.location, c.url, c.method, c.kind): c for c in self.calls}
        return sorted(unique.values(), key=lambda c: (c.location, c.url, c.method or ""))

    # ----------------------------------------------------------------- recognising calls

    def _http_call(self, node: ast.Call, scope: _Scope) -> _HttpCall | None:
        func = node.func
        name = _last_name(func)
        if name is None:
            return None
        if isinstance(func, ast.Name):
            origin = self.facts.imported.get(name, "")
            if origin:
                name = origin.rsplit(".", 1)[1]
            elif name not in ("urlopen",):
                return None
        if name in _VERBS:
            url = _argument(node, 0, "url")
            return _HttpCall(node, scope, url, method=name.upper()) if url is not None else None
        if name in _REQUEST_FUNCS:
            url = _argument(node, 1, "url")
            if url is None:
                return None
            return _HttpCall(node, scope, url, method_expr=_argument(node, 0, "method"))
        if name == "Request":
            return self._request_object(node, scope, func)
        if name == "urlopen":
            url = _argument(node, 0, "url")
            if url is None:
                return None
            return _HttpCall(node, scope, url, method="POST" if _sends_data(node, 1) else "GET")
        return None

    def _request_object(self, node: ast.Call, scope: _Scope, func: ast.expr) -> _HttpCall | None:
        origin = self.facts.imported.get("Request", "") if isinstance(func, ast.Name) else ""
        requests_style = (
            isinstance(func, ast.Attribute) and _root_name(func) == "requests"
        ) or origin.startswith("requests")
        if requests_style:  # requests.Request(method, url)
            url = _argument(node, 1, "url")
            method_expr = _argument(node, 0, "method")
        else:  # urllib.request.Request(url, data=None, headers={}, ..., method=None)
            url = _argument(node, 0, "url")
            method_expr = _argument(node, 5, "method")
        if url is None:
            return None
        if method_expr is None and not requests_style:
            return _HttpCall(node, scope, url, method="POST" if _sends_data(node, 1) else "GET")
        return _HttpCall(node, scope, url, method_expr=method_expr)

    def _method(self, http: _HttpCall, evaluator: _Evaluator) -> str | None:
        if http.method is not None:
            return http.method
        expr = http.method_expr
        if expr is None:
            return None
        if isinstance(expr, ast.Attribute) and expr.attr.upper() in HTTP_METHODS:
            return expr.attr.upper()  # HTTPMethod.DELETE, responses.GET
        return _method_word(evaluator.value(expr, http.scope))

    # ----------------------------------------------------------------- helpers

    def _find_helpers(self, http_calls: Iterable[_HttpCall]) -> list[_Helper]:
        helpers: list[_Helper] = []
        for http in http_calls:
            func = http.scope.func
            if func is None or not func.params:
                continue
            probe = _Evaluator(
                overrides={(id(func.scope), p): f"\x00{p}\x00" for p in func.params},
                consumed=self.consumed,
                classes=self.facts.classes,
            )
            url = probe.text(http.url, http.scope)
            url_params = [p for p in func.params if f"\x00{p}\x00" in url]
            method_from_param = (
                http.method is None
                and http.method_expr is not None
                and "\x00" in (probe.value(http.method_expr, http.scope) or "")
            )
            if not url_params and not method_from_param:
                continue
            readable = re.sub("\x00([^\x00]*)\x00", r"{\1}", url)
            if url_params and not method_from_param and url_kind(readable) == "call":
                continue  # a complete REST call already: report it where it is
            helpers.append(_Helper(func, http, url_params))
        return helpers

    def _helpers_called(
        self, node: ast.Call, scope: _Scope, helpers: list[_Helper], is_http: bool
    ) -> list[_Helper]:
        """Helpers this call calls: ``helper(...)``, ``self.helper(...)``, ``obj.helper(...)``."""
        if not helpers:
            return []
        func = node.func
        target: _Func | None = None
        if isinstance(func, ast.Name):
            current: _Scope | None = scope
            while current is not None and target is None:
                if current.kind != "class" or current is scope:
                    target = current.functions.get(func.id)
                current = current.parent
        elif isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls") and scope.cls:
                target = scope.cls.methods.get(func.attr)
            elif isinstance(receiver, ast.Name) and receiver.id in self.facts.classes:
                target = self.facts.classes[receiver.id].methods.get(func.attr)
            elif not is_http:
                matches = [h for h in helpers if h.func.node.name == func.attr
                           and h.func.is_method]
                return matches
        return [h for h in helpers if h.func is target] if target is not None else []

    def _emit_helper_call(self, node: ast.Call, scope: _Scope, helper: _Helper) -> None:
        func = helper.func
        through_attribute = isinstance(node.func, ast.Attribute)
        params = func.params[1:] if func.is_method and through_attribute else func.params
        bound: dict[str, ast.expr] = {}
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred) or index >= len(params):
                break
            bound[params[index]] = arg
        for keyword in node.keywords:
            if keyword.arg is not None and keyword.arg in func.params:
                bound[keyword.arg] = keyword.value
        overrides: dict[tuple[int, str], str] = {}
        for param in func.params:
            if param in bound:
                overrides[(id(func.scope), param)] = self.shared.text(bound[param], scope)
            elif param in func.defaults:
                overrides[(id(func.scope), param)] = self.shared.text(
                    func.defaults[param], func.scope
                )
        evaluator = _Evaluator(overrides, consumed=self.consumed, classes=self.facts.classes)
        url = evaluator.text(helper.http.url, helper.http.scope)
        kind = url_kind(url)
        if kind is None:
            return
        helper.used = True
        anchor: ast.AST = node
        for param in helper.url_params:
            if param in bound:
                anchor = bound[param]
                break
        self._add(anchor, url, self._method(helper.http, evaluator), kind)

    # ----------------------------------------------------------------- emitting

    def _emit_http_call(self, http: _HttpCall, silent: bool) -> None:
        url = self.shared.text(http.url, http.scope)
        method = self._method(http, self.shared)
        if silent:
            return
        kind = url_kind(url)
        if kind is not None:
            self._add(http.url, url, method if kind == "call" else None, kind)

    def _emit_leftover_strings(self) -> None:
        facts = self.facts
        reader = _Evaluator(classes=facts.classes)  # does not mark anything as consumed
        for node, scope in facts.strings:
            key = id(node)
            if key in facts.composed or key in facts.not_candidates or key in self.consumed:
                continue
            value = reader.value(node, scope)
            if value is None or not value.strip():
                continue
            text = value.strip()
            method = None
            match = _METHOD_AND_URL_RE.fullmatch(text)
            if match:
                method, text = match.group(1), match.group(2)
            if not _could_be_api_url(text) or _SPACE_RE.search(text):
                continue  # a message or a sentence, not a URL
            if not text.startswith(_URL_STARTS) or _is_bare_prefix(text):
                continue  # code in a string, or a table of path prefixes
            kind = url_kind(text)
            if kind is not None:
                self._add(node, text, method if kind == "call" else None, kind)

    def _add(self, node: ast.AST, url: str, method: str | None, kind: CallKind) -> None:
        self.calls.append(
            CallSite(
                location=self._location(node),
                url=normalise_placeholders(url),
                method=method,
                kind=kind,
                extractor=EXTRACTOR,
            )
        )

    # ----------------------------------------------------------------- positions

    def _column(self, line: int, byte_offset: int) -> int:
        """1-based character column of a UTF-8 byte offset (what ast reports) on ``line``."""
        encoded = self._encoded.get(line)
        if encoded is None:
            text = self.source.line_text(line)
            if text.isascii():
                return byte_offset + 1
            encoded = text.encode("utf-8", errors="surrogatepass")
            self._encoded[line] = encoded
        return len(encoded[:byte_offset].decode("utf-8", errors="replace")) + 1

    def _location(self, node: ast.AST) -> Location:
        line, offset = _start(node)
        end_line, end_offset = _end(node)
        if self._cr_line_starts():
            return self._cr_location(line, offset, end_line, end_offset)
        if not end_line:
            return Location(self.source.display, line, self._column(line, offset))
        return Location(
            self.source.display,
            line,
            self._column(line, offset),
            end_line,
            self._column(end_line, end_offset),
        )

    def _cr_line_starts(self) -> list[int]:
        """Offsets of the lines ast counts, when a lone CR makes them differ from "\n" lines.

        (ast ends a line at "\r" too; SourceFile, editors' "line N" and reporters only at
        "\n".)  Empty when there is no lone CR.
        """
        if self._py_starts is None:
            text = self.source.text
            self._py_starts = (
                [0, *(m.end() for m in _PY_NEWLINE_RE.finditer(text))]
                if _LONE_CR_RE.search(text)
                else []
            )
        return self._py_starts

    def _cr_location(self, line: int, offset: int, end_line: int, end_offset: int) -> Location:
        start = self._cr_offset(line, offset)
        end = self._cr_offset(end_line, end_offset) if end_line else None
        return self.source.location(start, end)

    def _cr_offset(self, line: int, byte_offset: int) -> int:
        starts = self._cr_line_starts()
        if not 1 <= line <= len(starts):
            return 0
        begin = starts[line - 1]
        finish = starts[line] if line < len(starts) else len(self.source.text)
        encoded = self.source.text[begin:finish].encode("utf-8", errors="surrogatepass")
        return begin + len(encoded[:byte_offset].decode("utf-8", errors="replace"))


def _is_bare_prefix(text: str) -> bool:
    """``/rest/api/``, ``/2.0/``: a product's path prefix on its own, not an endpoint."""
    path = split_url(text)[1]
    if not path.startswith(("/", "{")):
        path = "/" + path
    for prefix, _product in REST_PREFIXES:
        if prefix in path:
            return not path.split(prefix, 1)[1].strip("/")
    return False


def _could_be_api_url(text: str) -> bool:
    """Cheap substring test before the regular expressions of ``url_kind``."""
    return "atlassian" in text or "rest/" in text or "wiki/" in text or "2.0/" in text


def _sends_data(node: ast.Call, data_index: int) -> bool:
    data = _argument(node, data_index, "data")
    return data is not None and not (isinstance(data, ast.Constant) and data.value is None)
