"""Reading the text and the type of an expression of the shared model (:mod:`.ir`).

``Evaluator.text`` turns an expression into the URL template it builds: literals and
interpolation, concatenation, printf-style formatting (``String.format``, ``fmt.Sprintf``,
``sprintf``), path joining (``path.Join``), trimming (``rtrim``), ``toString()``-like calls,
constants and fields (``static final``, ``const``, ``define``, ``this.x`` set in a
constructor), locals (the last assignment before the use, with ``+=``), struct literals of a
URL type (Go ``url.URL{Scheme, Host, Path}`` and later ``u.Path = ...``), and names a file
imports, through an :class:`~scopelint.scanning.core.environment.Environment`.  What cannot be
known becomes ``{name}`` (a parameter, a field of an unknown object) or ``{}``.

Which functions format, join or pass a value through is the language's knowledge
(``[lists]`` of ``knowledge/<language>.toml``: ``format_functions``, ``format_methods``,
``passthrough``, ``passthrough_methods``, ``path_join``, ``join_methods``, ``trim_right``,
``url_types``, ``method_enums``).  Every walk is bounded (depth and steps).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core.environment import (
    EMPTY_ENVIRONMENT,
    Environment,
    Export,
    Origin,
)
from scopelint.scanning.core.ir import Attr, Binding, Call, Concat, Expr, Mapping, Module, Name, Opaque, Str
from scopelint.scanning.core.methods import method_word

if TYPE_CHECKING:
    from scopelint.scanning.core.knowledge import ClientTable

MAX_DEPTH = 40
MAX_STEPS = 20000
MAX_TEXT = 4096
Span = tuple[int, int]

_PRINTF_RE = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?([a-zA-Z%])")
_GENERIC_RE = re.compile(r"<[^<>]*>")
_LEADING_PLACEHOLDERS_RE = re.compile(r"^(\{[^{}/]*\})(?:\{[^{}/]*\})+")
_URL_FIELDS = ("Scheme", "Host", "Path", "RawQuery")


class Trace:
    """What one evaluation read: the spans of the string literals (for leftovers and related
    locations) and a step budget."""

    __slots__ = ("consumed", "steps")

    def __init__(self) -> None:
        self.consumed: set[Span] = set()
        self.steps = 0


class Evaluator:
    """Values of one module's expressions (see the module docstring)."""

    def __init__(self, module: Module, knowledge: ClientTable,
                 environment: Environment | None = None) -> None:
        self.module = module
        self.knowledge = knowledge
        self.environment = environment or EMPTY_ENVIRONMENT
        names = knowledge.names
        self.format_functions = names("format_functions")
        self.format_methods = names("format_methods")
        self.passthrough = names("passthrough")
        self.passthrough_methods = names("passthrough_methods")
        self.path_join = names("path_join")
        self.join_methods = names("join_methods")
        self.trim_right = names("trim_right")
        self.url_types = names("url_types")
        self.method_enums = names("method_enums")
        self._memo: dict[int, tuple[str, frozenset[Span]]] = {}
        self.foreign: dict[Span, tuple[Origin, ...]] = {}  # a linked constant's origins
        self.row_returns: dict[int, str] = {}  # id(call) -> type its row constructs (recogniser)

    # ------------------------------------------------------------------ names

    def qualify(self, written: str) -> str:
        """A name or type as written -> qualified through the imports (``resty.Client`` ->
        ``github.com/go-resty/resty/v2.Client``; ``Client`` -> ``GuzzleHttp.Client``)."""
        module = self.module
        name = _GENERIC_RE.sub("", written).strip().lstrip("*&?\\").rstrip("?")
        while name.endswith("[]"):
            name = name[:-2]
        name = name.replace("\\", ".").replace("::", ".")
        head, dot, rest = name.partition(".")
        if head in module.imports:
            return module.imports[head] + (dot + rest if dot else "")
        if head in module.static_imports:
            return module.static_imports[head] + (dot + rest if dot else "")
        if not dot and name in module.classes and module.package:
            return module.package + "." + name
        if module.star_imports and head[:1].isupper() and head not in module.classes:
            # `import java.net.http.*;` then `HttpRequest`: a class of a package a client row names
            known = _row_classes(self.knowledge)
            for star in module.star_imports:
                if star + "." + head in known:
                    return star + "." + name
        return name

    def written(self, expr: Expr | None) -> str | None:
        """``a.b.c`` for a chain of names (as written), else None."""
        parts: list[str] = []
        for _ in range(32):
            if isinstance(expr, Name):
                parts.append(expr.name)
                return ".".join(reversed(parts))
            if not isinstance(expr, Attr):
                return None
            parts.append(expr.name)
            expr = expr.obj
        return None

    def is_variable(self, name: Name) -> bool:
        """Does ``name`` stand for a local, a parameter or a field (not a type or a module)?"""
        index = name.scope
        scopes = self.module.scopes
        for _ in range(64):
            if index < 0:
                return False
            scope = scopes[index]
            if name.name in scope.bindings or name.name in scope.params or name.name in scope.types:
                return True
            index = self.module.up(index)
        return False

    def callee(self, call: Call) -> tuple[str | None, str | None]:
        """(qualified name as imported or typed, the receiver's qualified type) of a call."""
        func = call.func
        if call.new or call.annotation:
            written = self.written(func)
            return (self.qualify(written) if written else None), None
        if isinstance(func, Name):
            name = func.name
            if name in self.module.imports or name in self.module.static_imports:
                return self.qualify(name), None
            return name, None
        if isinstance(func, Attr):
            obj = func.obj
            if isinstance(obj, (Name, Attr)):
                root: Expr = obj
                while isinstance(root, Attr):
                    root = root.obj
                if isinstance(root, Name) and root.name != "this" and not self.is_variable(root):
                    written = self.written(obj)
                    if written is not None and (
                        root.name in self.module.imports or root.name[:1].isupper()
                        or root.name in self.module.classes
                    ):
                        return self.qualify(written) + "." + func.name, None
            receiver = self.type_of(obj)
            if receiver is not None:
                return receiver + "." + func.name, receiver
        return None, None

    # ------------------------------------------------------------------ bindings

    def lookup(self, name: str, scope: int, pos: int) -> list[Binding] | None:
        """The assignments that give ``name`` its value at ``pos``: the last ``=`` (or none,
        when only ``+=`` are known) and the ``+=`` after it; None when nothing binds it."""
        scopes = self.module.scopes
        index = scope
        for _ in range(64):
            if index < 0:
                return None
            current = scopes[index]
            found = current.bindings.get(name)
            if found:
                if current.kind == "function":
                    chosen = _latest([b for b in found if b.pos <= pos])
                else:  # fields and package-level values: whatever method assigns them
                    chosen = _latest(found, first=True)
                if chosen:
                    return chosen
            if current.kind == "function" and name in current.params:
                return []
            index = self.module.up(index)
        return None

    def value_of(self, expr: Expr) -> Expr | None:
        """The expression a name or field was last set to (following names), if known."""
        current: Expr = expr
        for _ in range(MAX_DEPTH):
            if not isinstance(current, (Name, Attr)):
                return current
            bindings = self._bindings_of(current)
            if not bindings or bindings[0].op != "=":
                return None
            current = bindings[0].value
        return None

    def _bindings_of(self, expr: Expr) -> list[Binding] | None:
        module = self.module
        if isinstance(expr, Name):
            return self.lookup(expr.name, expr.scope, expr.start)
        if not isinstance(expr, Attr):
            return None
        obj = expr.obj
        if isinstance(obj, Name):
            if obj.name == "this":
                owner = module.class_of(obj.scope)
                return self.lookup(expr.name, owner, expr.start) if owner >= 0 else None
            local = self.lookup(obj.name + "." + expr.name, obj.scope, expr.start)
            if local:
                return local
            if obj.name in module.classes and not self.is_variable(obj):
                return self.lookup(expr.name, module.classes[obj.name], expr.start)
        owner_type = self.type_of(obj)
        if owner_type is not None:
            own = owner_type.rsplit(".", 1)[-1]
            if own in module.classes and self.qualify(own) == owner_type:
                return self.lookup(expr.name, module.classes[own], expr.start)
        return None

    # ------------------------------------------------------------------ types

    def type_of(self, expr: Expr | None, depth: int = 0) -> str | None:
        """The qualified type of an expression's value, when the file says it."""
        if expr is None or depth > 8:
            return None
        module = self.module
        if isinstance(expr, Name):
            index = expr.scope
            for _ in range(64):
                if index < 0:
                    break
                scope = module.scopes[index]
                if expr.name in scope.types:
                    return self.qualify(scope.types[expr.name])
                if expr.name in scope.bindings or expr.name in scope.params:
                    break
                index = self.module.up(index)
        elif isinstance(expr, Attr):
            owner = -1
            if isinstance(expr.obj, Name) and expr.obj.name == "this":
                owner = module.class_of(expr.obj.scope)
            else:
                owner_type = self.type_of(expr.obj, depth + 1)
                own = owner_type.rsplit(".", 1)[-1] if owner_type else None
                if own in module.classes:
                    owner = module.classes[own]
            if owner >= 0 and expr.name in module.scopes[owner].types:
                return self.qualify(module.scopes[owner].types[expr.name])
        elif isinstance(expr, Call):
            if id(expr) in self.row_returns:
                return self.row_returns[id(expr)]
            if expr.new:
                written = self.written(expr.func)
                return self.qualify(written) if written else None
            returned = self.helper_return(expr)
            if returned is not None:
                return self.type_of(returned, depth + 1)
            return None
        elif isinstance(expr, Mapping) and expr.type:
            return self.qualify(expr.type)
        value = self.value_of(expr)
        if value is not None and value is not expr:
            return self.type_of(value, depth + 1)
        return None

    def helper_return(self, call: Call) -> Expr | None:
        """What a function or method of this file returns, when it has one return value
        (``private function client() { return Http::withBasicAuth(...); }``)."""
        module = self.module
        func = call.func
        index = -1
        if isinstance(func, Name) and func.name in module.functions:
            index = module.functions[func.name]
        elif isinstance(func, Attr) and isinstance(func.obj, Name) and func.obj.name == "this":
            owner = module.class_of(func.obj.scope)
            for position, scope in enumerate(module.scopes):
                if scope.kind == "function" and scope.name == func.name and scope.owner == owner:
                    index = position
                    break
        if index < 0:
            return None
        returns = module.scopes[index].returns
        return returns[0] if len(returns) == 1 else None

    # ------------------------------------------------------------------ text

    def text(self, expr: Expr, trace: Trace, depth: int = 0) -> str:
        """The string ``expr`` evaluates to, ``{name}``/``{}`` for unknown parts."""
        if depth > MAX_DEPTH or trace.steps > MAX_STEPS:
            return "{}"
        memo = self._memo.get(id(expr))
        if memo is None:
            inner = Trace()
            inner.steps = trace.steps
            text = self._text(expr, inner, depth)
            if len(text) > MAX_TEXT:
                text = "{}"
            trace.steps = inner.steps
            memo = (text, frozenset(inner.consumed))
            if inner.steps <= MAX_STEPS:
                self._memo[id(expr)] = memo
        trace.consumed.update(memo[1])
        return memo[0]

    def _text(self, expr: Expr, trace: Trace, depth: int) -> str:
        trace.steps += 1
        if isinstance(expr, Str):
            trace.consumed.add((expr.start, expr.end))
            return "".join(
                part if isinstance(part, str) else self.text(part, trace, depth + 1)
                for part in expr.parts
            )
        if isinstance(expr, Concat):
            return _collapse("".join(self.text(item, trace, depth + 1) for item in expr.items))
        if isinstance(expr, Name):
            if self.url_types and self._has_url_fields(expr):
                return self._url_struct(expr, None, trace, depth)
            return self._bound_text(expr, expr.name, trace, depth)
        if isinstance(expr, Attr):
            return self._bound_text(expr, expr.name, trace, depth)
        if isinstance(expr, Call):
            found = self._call_text(expr, trace, depth)
            return found if found is not None else "{}"
        if isinstance(expr, Mapping):
            if expr.type and self.qualify(expr.type) in self.url_types:
                return self._url_struct(None, expr, trace, depth)
            return "{}"
        if isinstance(expr, Opaque):
            return "{" + expr.hint + "}" if expr.hint else "{}"
        return "{}"

    def _bound_text(self, expr: Name | Attr, placeholder: str, trace: Trace, depth: int) -> str:
        bindings = self._bindings_of(expr)
        if bindings is None and isinstance(expr, Attr):
            external = self._external(expr, trace)
            if external is not None:
                return external
            obj_value = self.value_of(expr.obj) if isinstance(expr.obj, (Name, Attr)) else expr.obj
            if isinstance(obj_value, Mapping) and expr.name in obj_value.items:
                return self.text(obj_value.items[expr.name], trace, depth + 1)
        if bindings is None and isinstance(expr, Name):
            external = self._external(expr, trace)
            if external is not None:
                return external
        if not bindings:
            return "{" + placeholder.lstrip("$") + "}"
        first, *rest = bindings
        if first.op == "=":
            text = self.text(first.value, trace, depth + 1)
        else:
            text = "{" + placeholder.lstrip("$") + "}" + self.text(first.value, trace, depth + 1)
        for more in rest:
            text += self.text(more.value, trace, depth + 1)
        return _collapse(text)

    def _external(self, expr: Name | Attr, trace: Trace) -> str | None:
        """A constant another file defines, by qualified name, from the environment.  Where
        it is written is kept in ``foreign``, under the span of ``expr`` (then consumed)."""
        found = self._constant(expr)
        if found is not None and found.origins:
            span = (expr.start, expr.end)
            self.foreign[span] = found.origins
            trace.consumed.add(span)
        return found.template if found is not None else None

    def _constant(self, expr: Name | Attr) -> Export | None:
        written = self.written(expr)
        if written is None:
            return None
        head = written.split(".", 1)[0]
        module = self.module
        if isinstance(expr, Name) and head not in module.static_imports \
                and head not in module.imports:
            # `import static a.B.*;` then a bare `NAME`: a member of one of those classes
            for star in module.star_imports:
                found = _constant(self.environment, star + "." + written)
                if found is not None:
                    return found
            return None
        if isinstance(expr, Attr) and not (
            head in module.imports or head in module.static_imports
            or (head[:1].isupper() and head not in module.classes)
        ):
            return None
        qualified = self.qualify(written)
        if qualified == written and module.bare_fields and module.package and head[:1].isupper():
            qualified = module.package + "." + written  # Java: a class of the same package
        found = _constant(self.environment, qualified)
        if found is None and qualified != self.qualify(written):
            # `import a.b.*;` then `B.NAME`: a class of one of those packages
            for star in module.star_imports:
                found = _constant(self.environment, star + "." + written)
                if found is not None:
                    break
        return found

    def _call_text(self, call: Call, trace: Trace, depth: int) -> str | None:
        qualified, _receiver = self.callee(call)
        written = self.written(call.func) or call.name
        names = {written, call.name} if isinstance(call.func, Name) else {written}
        if qualified:
            names.add(qualified)
        args = call.args
        if names & self.format_functions and args:
            return self._printf(args[0], args[1:], trace, depth)
        if names & self.passthrough and args:
            return self.text(args[0], trace, depth + 1)
        if names & self.trim_right and args:
            base = self.text(args[0], trace, depth + 1)
            cut = self.text(args[1], trace, depth + 1) if len(args) > 1 else " "
            return base.rstrip(cut) if not base.endswith("}") else base
        if names & self.path_join:
            return _join_paths([self.text(arg, trace, depth + 1) for arg in args])
        receiver = call.receiver
        if receiver is not None and isinstance(call.func, Attr):
            method = call.func.name
            if method in self.format_methods:
                return self._printf(receiver, args, trace, depth)
            if method in self.passthrough_methods:
                return self.text(receiver, trace, depth + 1)
            if method in self.join_methods:
                base = self.text(receiver, trace, depth + 1)
                return _join_paths([base, *(self.text(arg, trace, depth + 1) for arg in args)])
        returned = self.helper_return(call)
        if returned is not None and depth < 8:
            return self.text(returned, trace, depth + 1)
        return None

    def _printf(self, template: Expr, args: tuple[Expr, ...], trace: Trace, depth: int) -> str:
        fmt = self.text(template, trace, depth + 1)
        values = iter(args)

        def substitute(match: re.Match[str]) -> str:
            if match.group(1) == "%":
                return "%"
            arg = next(values, None)
            return "{}" if arg is None else self.text(arg, trace, depth + 1)

        return _collapse(_PRINTF_RE.sub(substitute, fmt))

    # ------------------------------------------------------------------ URL structs (Go)

    def _has_url_fields(self, name: Name) -> bool:
        return any(
            self.lookup(name.name + "." + field, name.scope, name.start)
            for field in _URL_FIELDS
        )

    def _url_struct(self, name: Name | None, literal: Mapping | None, trace: Trace,
                    depth: int) -> str:
        """``scheme://host`` + path (+ ``?query``) of a URL struct, fields assigned later
        overriding the literal's; an unknown origin is one ``{name}`` placeholder."""
        fields: dict[str, str] = {}
        if name is not None:
            value = self.value_of(name)
            if isinstance(value, Mapping):
                literal = value
        if literal is not None:
            for field in _URL_FIELDS:
                if field in literal.items:
                    fields[field] = self.text(literal.items[field], trace, depth + 1)
        if name is not None:
            for field in _URL_FIELDS:
                bindings = self.lookup(name.name + "." + field, name.scope, name.start)
                if bindings and bindings[0].op == "=":
                    fields[field] = self.text(bindings[0].value, trace, depth + 1)
        scheme, host = fields.get("Scheme"), fields.get("Host")
        if scheme and host and not (scheme.startswith("{") and host.startswith("{")):
            origin = f"{scheme}://{host}"
        elif host and not host.startswith("{"):
            origin = "https://" + host
        else:
            origin = "{" + (name.name if name is not None else "base") + "}"
        path = fields.get("Path", "")
        if path and not path.startswith(("/", "{")):
            path = "/" + path
        query = fields.get("RawQuery")
        return _collapse(origin + path + ("?" + query if query else ""))

    # ------------------------------------------------------------------ methods

    def method(self, expr: Expr, trace: Trace) -> str | None:
        """The HTTP method an expression names: a string, a constant, an enum member
        (``HttpMethod.PUT``, ``http.MethodGet``)."""
        if isinstance(expr, Attr):
            owner = self.written(expr.obj)
            if owner is not None and (
                owner in self.method_enums or self.qualify(owner) in self.method_enums
            ):
                name = expr.name[6:] if expr.name.startswith("Method") else expr.name
                return method_word(name)
        return method_word(self.text(expr, trace))


def _constant(environment: Environment, qualified: str) -> Export | None:
    """The constant ``environment`` knows under ``qualified`` (with a template), else None."""
    found = environment.lookup(qualified)
    if found is None or found.kind != "constant" or found.template is None:
        return None
    return found


def _latest(bindings: list[Binding], first: bool = False) -> list[Binding]:
    """The last ``=`` and the ``+=`` after it (``first``: the first ``=`` and every ``+=``)."""
    if not bindings:
        return []
    if first:
        start = next((i for i, b in enumerate(bindings) if b.op == "="), None)
        if start is None:
            return list(bindings)
        return [bindings[start], *(b for b in bindings[start + 1:] if b.op != "=")]
    for index in range(len(bindings) - 1, -1, -1):
        if bindings[index].op == "=":
            return bindings[index:]
    return list(bindings)


def _collapse(text: str) -> str:
    """``{host}{path}/rest/...`` -> ``{host}/rest/...``: one unknown base, not two."""
    return _LEADING_PLACEHOLDERS_RE.sub(r"\1", text) if text.startswith("{") else text


def _join_paths(parts: list[str]) -> str:
    """``path.Join`` / ``JoinPath``: segments joined by one ``/`` (empty ones dropped)."""
    pieces = [part for part in parts if part]
    if not pieces:
        return ""
    out = pieces[0].rstrip("/") if len(pieces) > 1 else pieces[0]
    for piece in pieces[1:]:
        out = out + "/" + piece.strip("/") if piece.strip("/") else out
    return _collapse(out)


_ROW_CLASSES: dict[int, tuple[ClientTable, frozenset[str]]] = {}


def _row_classes(knowledge: ClientTable) -> frozenset[str]:
    """Every dotted prefix of the names the client rows of ``knowledge`` give
    (``java.net.http.HttpRequest.newBuilder`` -> ``java.net.http.HttpRequest``, ...), once per
    table: the classes a wildcard import may bring in that matter."""
    entry = _ROW_CLASSES.get(id(knowledge))
    if entry is None or entry[0] is not knowledge:
        prefixes: set[str] = set()
        for name in knowledge.exact:
            parts = name.split(".")
            prefixes.update(".".join(parts[:end]) for end in range(1, len(parts)))
        entry = _ROW_CLASSES[id(knowledge)] = (knowledge, frozenset(prefixes))
    return entry[1]
