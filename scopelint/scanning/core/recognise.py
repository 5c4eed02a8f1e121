"""The client calls of a file in the shared model (:mod:`.ir`), by its language's knowledge.

:class:`Recogniser` walks every call chain of a module (``a.b().c().d()``, innermost call
first), qualifies each call through the file's imports and the receiver's type
(:meth:`~.values.Evaluator.callee`), looks it up in the language's client table, and applies
the row's calling convention:

* ``verb`` (``rest.getForObject(url)``, ``http.Get(url)``: the method is ``fixed_method`` or
  the called name's verb), ``method-url`` (``http.NewRequest(method, url, body)``,
  ``exchange(url, HttpMethod.PUT)``), ``url-data``;
* ``factory``: an object of type ``returns``, maybe with a base URL (an options mapping's
  ``base_keys``, or for a ``base-url`` row its URL argument); its methods are looked up as
  ``Type.method`` and relative URLs are joined to the base;
* ``builder``: a chain that builds one request (``HttpRequest.newBuilder().uri(u).PUT(b)``,
  ``new Request.Builder().url(u).post(b)``, ``client.R().Get(u)``, ``Http::withToken(t)->get(u)``)
  read step by step as the row's ``steps`` say;
* ``setopt``: options set on one handle in one function (``curl_setopt($ch, CURLOPT_URL, u)``);
* ``annotation``: a request an interface declares (Retrofit ``@GET("...")``).

A chain that starts with a call of the file's own helper (``$this->client()->get(u)``) is read
through what the helper returns.  Calls in ``[not_calls]`` (routes, mocks, assertions) are
never requests, and the strings in their arguments are not leftovers.  :func:`emit` turns the
requests into call sites with the core's one emit step, adds ``related`` locations (the
literals holding a scheme and host outside the call) and reports leftover strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from scopelint.kb.hosts import is_atlassian_host
from scopelint.scanning.core.candidate import Candidate, Emitter, MethodSource, leftover
from scopelint.scanning.core.ir import Attr, Call, Expr, Function, Mapping, Module, Scope, Str
from scopelint.scanning.core.urljoin import JoinRule, join
from scopelint.scanning.core.values import Evaluator, Span, Trace
from scopelint.scanning.urls import normalise_placeholders, split_url, url_kind

if TYPE_CHECKING:
    from scopelint.model import CallSite, SdkUse
    from scopelint.scanning.core.knowledge import Arg, CallRow, ClientTable
    from scopelint.scanning.source import SourceFile

# The calling conventions this recogniser implements (the packages on the shared model use it).
CONVENTIONS: tuple[str, ...] = (
    "verb", "method-url", "url-data", "factory", "builder", "setopt", "annotation",
)
MAX_CHAIN = 64
_SCHEME_STARTS = ("http://", "https://")
# A product's API prefix with at most its version: the base of calls, not a call.
_API_PREFIX_RE = re.compile(
    r"^(?:/ex/[a-z]+/[^/]+)?(?:/wiki)?/(?:rest/[a-z]+(?:/(?:\d+(?:\.\d+)?|latest))?|api/v2|2\.0)/?$"
)


class Request:
    """One request (or configured base) found, before emitting.  Offsets are bytes."""

    __slots__ = ("consumed", "end", "kind", "method", "sdk", "source", "start", "url", "via")

    def __init__(self, start: int, end: int, url: str, method: str | None, source: MethodSource,
                 via: str | None, consumed: set[Span], kind: str = "call",
                 sdk: SdkUse | None = None) -> None:
        self.start = start
        self.end = end
        self.url = url
        self.method = method
        self.source: MethodSource = source
        self.via = via
        self.consumed = consumed
        self.kind = kind
        self.sdk = sdk  # a request through an Atlassian SDK: its path comes from the SDK's table

    def __repr__(self) -> str:
        return f"Request({self.method} {self.url} @{self.start} via {self.via})"


# A hook for SDK calls: (call, qualified name, receiver type) -> requests, or None if not one.
SdkHook = Callable[[Call, str | None, str | None], list[Request] | None]


class Recogniser:
    """The requests of one module (see the module docstring)."""

    def __init__(self, module: Module, knowledge: ClientTable, evaluator: Evaluator,
                 sdk: SdkHook | None = None) -> None:
        self.module = module
        self.knowledge = knowledge
        self.values = evaluator
        self.sdk = sdk
        self.fluent = knowledge.names("fluent_types")
        self.not_calls = knowledge.names("not_call_functions")
        self.route_methods = knowledge.names("route_methods")
        self.not_call_methods = knowledge.names("not_call_methods")
        self.ignored: list[Span] = []  # argument spans of routes, mocks and assertions
        self._ignored_calls: set[int] = set()

    # ------------------------------------------------------------------ public

    def run(self) -> list[Request]:
        calls = self.module.calls
        self._find_not_calls(calls)
        inner = {id(call.receiver) for call in calls if isinstance(call.receiver, Call)}
        found: list[Request] = []
        for call in calls:
            if call.annotation:
                found.extend(self._annotation(call))
            elif id(call) not in inner and id(call) not in self._ignored_calls:
                found.extend(self._chain(call))
        found.extend(self._setopt_groups(calls))
        return found

    def is_ignored(self, start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.ignored)

    # ------------------------------------------------------------------ not calls

    def _find_not_calls(self, calls: list[Call]) -> None:
        values = self.values
        for call in calls:
            qualified, _receiver = values.callee(call)
            written = values.written(call.func)
            names = {n for n in (qualified, written) if n}
            route = call.name in self.not_call_methods or (
                call.name in self.route_methods
                and any(isinstance(arg, Function) for arg in call.args)
            )
            if route or names & self.not_calls:
                self._ignored_calls.add(id(call))
                for arg in (*call.args, *call.keywords.values()):
                    if not isinstance(arg, Function):
                        self.ignored.append((arg.start, arg.end))
        if self.ignored:
            for call in calls:
                if self.is_ignored(call.start, call.end):
                    self._ignored_calls.add(id(call))

    # ------------------------------------------------------------------ chains

    def _unroll(self, outer: Call, depth: int = 0) -> list[Call]:
        """The calls of a chain, innermost first; a helper call at its root is replaced by
        the chain the helper returns."""
        chain: list[Call] = []
        current: Expr | None = outer
        while isinstance(current, Call) and len(chain) < MAX_CHAIN:
            chain.append(current)
            current = current.receiver
        chain.reverse()
        if chain and depth < 4:
            returned = self.values.helper_return(chain[0])
            if isinstance(returned, Call) and returned is not chain[0]:
                return [*self._unroll(returned, depth + 1), *chain[1:]]
        return chain

    def _chain(self, outer: Call) -> list[Request]:
        chain = self._unroll(outer)
        if not chain:
            return []
        report = outer
        while isinstance(report.receiver, Call):
            report = report.receiver
        values = self.values
        found: list[Request] = []
        for index, call in enumerate(chain):
            if id(call) in self._ignored_calls:
                return found
            qualified, receiver_type = values.callee(call)
            if self.sdk is not None:
                sdk_found = self.sdk(call, qualified, receiver_type)
                if sdk_found is not None:
                    found.extend(sdk_found)
                    continue
            row = self._row(call, qualified, receiver_type)
            if row is None:
                if receiver_type is not None and receiver_type in self.fluent:
                    values.row_returns[id(call)] = receiver_type
                continue
            if row.returns:
                values.row_returns[id(call)] = row.returns
            at = report if call.start <= report.start or index == 0 else call
            convention = row.convention
            if convention in ("setopt", "annotation"):
                continue  # read by _setopt_groups / _annotation
            if convention == "builder":
                request = self._builder(row, chain[index:], at, qualified)
                if request is not None:
                    found.append(request)
                return found
            if convention == "factory":
                request = self._factory_base(row, call, qualified)
                if request is not None:
                    found.append(request)
                continue
            request = self._simple(row, call, at, qualified)
            if request is not None:
                found.append(request)
        return found

    def _row(self, call: Call, qualified: str | None, receiver_type: str | None) -> CallRow | None:
        table = self.knowledge
        if qualified is None:
            return table.any_receiver.get(call.name) if call.receiver is not None else None
        return table.lookup(qualified, call.name if call.receiver is not None else None)

    # ------------------------------------------------------------------ conventions

    def _arg(self, call: Call, where: Arg | None) -> Expr | None:
        if where is None:
            return None
        if where.keyword is not None and where.keyword in call.keywords:
            return call.keywords[where.keyword]
        if where.position is not None and where.position < len(call.args):
            return call.args[where.position]
        return None

    def _simple(self, row: CallRow, call: Call, at: Call, via: str | None) -> Request | None:
        values = self.values
        trace = Trace()
        url_expr = self._arg(call, row.url)
        if url_expr is None:
            return None
        url = values.text(url_expr, trace)
        method: str | None
        source: MethodSource = "literal"
        if row.convention == "method-url":
            method_expr = self._arg(call, row.method)
            method = values.method(method_expr, trace) if method_expr is not None else None
            if method_expr is not None and not isinstance(method_expr, Str):
                source = "literal" if method is not None and _is_enum(method_expr) else "inferred"
            if method is None and row.require_method:
                return None
        elif row.convention == "url-data":
            method = row.fixed_method or ("POST" if self._arg(call, row.data) is not None else "GET")
            source = "default"
        else:
            method = row.fixed_method or self.knowledge.verbs.get(call.name)
        base = self._base(call.receiver, trace)
        if base is not None:
            url = join(base[0], url, row.join or base[1])
        return Request(at.start, at.end, url, method, source, via, trace.consumed)

    def _builder(self, row: CallRow, steps: list[Call], at: Call, via: str | None) -> Request | None:
        values = self.values
        spec = row.steps or {}
        url_steps = set(spec.get("url", ()))
        method_steps = set(spec.get("method", ()))
        base_steps = set(spec.get("base", ()))
        verbs_mode = spec.get("verbs")
        verbs = self.knowledge.verbs
        trace = Trace()
        url_expr: Expr | None = None
        base_expr: Expr | None = None
        method: str | None = None
        source: MethodSource = "unknown"
        method_named = False  # a step names the method (maybe as a value nobody can read)
        start_url = spec.get("start_url")
        if isinstance(start_url, int) and start_url < len(steps[0].args):
            url_expr = steps[0].args[start_url]
        for step in steps:
            name, args = step.name, step.args
            if name in url_steps and args:
                url_expr = args[0]
            elif name in method_steps and args:
                method_named = True
                method = values.method(args[0], trace)
                source = "literal" if isinstance(args[0], Str) or _is_enum(args[0]) else "inferred"
            elif name in base_steps and args:
                base_expr = args[0]
            elif verbs_mode and name in verbs and not step.new:
                method, source = verbs[name], "literal"
                if verbs_mode == "name-url" and args:
                    url_expr = args[0]
        if method is None and row.default_method and not method_named:
            method, source = row.default_method, "default"
        if url_expr is None:
            if row.kind == "base-url" and base_expr is not None:
                url_expr = base_expr
            else:
                return None
        url = values.text(url_expr, trace)
        if base_expr is not None and url_expr is not base_expr:
            url = join(values.text(base_expr, trace), url, row.join or "slash")
        else:
            base = self._base(steps[0].receiver, trace)
            if base is not None:
                url = join(base[0], url, base[1])
        kind = "base-url" if row.kind == "base-url" else "call"
        return Request(at.start, at.end, url, method if kind == "call" else None, source, via,
                       trace.consumed, kind)

    def _factory_base(self, row: CallRow, call: Call, via: str | None) -> Request | None:
        """A constructed client whose base URL is written at the construction (``base-url``)."""
        if row.kind != "base-url":
            return None
        trace = Trace()
        base = self._factory_url(row, call, trace)
        if base is None:
            return None
        host = split_url(base)[0]
        if host is None or not is_atlassian_host(host.lower()):
            return None  # only a base written with an Atlassian host is worth reporting
        return Request(call.start, call.end, base, None, "unknown", via, trace.consumed, "base-url")

    def _factory_url(self, row: CallRow, call: Call, trace: Trace) -> str | None:
        values = self.values
        if row.base_keys:
            if row.options is None or row.options >= len(call.args):
                return None
            options = values.value_of(call.args[row.options])
            if not isinstance(options, Mapping):
                return None
            for key in row.base_keys:
                if key in options.items:
                    return values.text(options.items[key], trace)
            return None
        url_expr = self._arg(call, row.url)
        return values.text(url_expr, trace) if url_expr is not None else None

    def _base(self, receiver: Expr | None, trace: Trace) -> tuple[str, JoinRule] | None:
        """(base URL, how the client joins a path to it: the constructing row's ``join``, by
        default ``slash``) of the client object ``receiver``, if it has one."""
        if receiver is None:
            return None
        values = self.values
        value = receiver if isinstance(receiver, Call) else values.value_of(receiver)
        if not isinstance(value, Call):
            return None
        base: str | None = None
        rule: JoinRule = "slash"
        for call in self._unroll(value):
            qualified, receiver_type = values.callee(call)
            row = self._row(call, qualified, receiver_type)
            if row is None:
                if receiver_type is not None and receiver_type in self.fluent:
                    values.row_returns[id(call)] = receiver_type
                continue
            if row.returns:
                values.row_returns[id(call)] = row.returns
                if row.join:
                    rule = row.join
            if row.convention == "factory":
                found = self._factory_url(row, call, trace)
                if found is not None and (row.base_keys or row.kind == "base-url"):
                    base = found
        if base is None:
            return None
        return base, rule

    # ------------------------------------------------------------------ setopt (cURL)

    def _setopt_groups(self, calls: list[Call]) -> list[Request]:
        groups: dict[tuple[int, str], dict[str, object]] = {}
        order: list[tuple[int, str]] = []
        values = self.values
        for call in calls:
            if id(call) in self._ignored_calls:
                continue
            qualified, receiver_type = values.callee(call)
            row = self._row(call, qualified, receiver_type)
            if row is None or row.convention != "setopt" or not row.setopt:
                continue
            spec = row.setopt
            handle = self._handle(call, int(spec.get("handle", 0)))
            if handle is None:
                continue
            key = (self._function_of(call.scope), handle)
            if key not in groups:
                groups[key] = {"at": call, "via": qualified, "options": []}
                order.append(key)
            group = groups[key]
            options: list[tuple[str, Expr, Call]] = group["options"]  # type: ignore[assignment]
            if "option" in spec and "value" in spec:
                option, value = int(spec["option"]), int(spec["value"])
                if value < len(call.args):
                    name = values.written(call.args[option]) if option < len(call.args) else None
                    if name:
                        options.append((name.rsplit(".", 1)[-1], call.args[value], call))
            if "array" in spec and int(spec["array"]) < len(call.args):
                array = values.value_of(call.args[int(spec["array"])])
                if isinstance(array, Mapping):
                    options.extend((name, item, call) for name, item in array.items.items())
            url_expr = self._arg(call, row.url) if spec.get("handle") == -1 else None
            if url_expr is not None:
                options.append((str(spec.get("url_option", "")), url_expr, call))
            group["spec"] = spec
            group["default"] = row.default_method
        return [r for key in order if (r := self._setopt_request(groups[key])) is not None]

    def _setopt_request(self, group: dict[str, object]) -> Request | None:
        spec: dict[str, object] = group.get("spec", {})  # type: ignore[assignment]
        options: list[tuple[str, Expr, Call]] = group["options"]  # type: ignore[assignment]
        url_option, method_option = spec.get("url_option"), spec.get("method_option")
        flags: dict[str, str] = spec.get("flag_methods", {})  # type: ignore[assignment]
        data_options = set(spec.get("data_options", ()))  # type: ignore[call-overload]
        trace = Trace()
        url_at: tuple[Expr, Call] | None = None
        method: str | None = None
        source: MethodSource = "default"
        flag_method: str | None = None
        sends_data = False
        for name, value, call in options:
            if name == url_option:
                url_at = (value, call)
            elif name == method_option:
                method = self.values.method(value, trace)
                source = "literal" if isinstance(value, Str) else "inferred"
            elif name in flags:
                flag_method = flags[name]
            elif name in data_options:
                sends_data = True
        if url_at is None:
            return None
        if method is None:
            if flag_method is not None:
                method, source = flag_method, "literal"
            elif sends_data:
                method, source = "POST", "default"
            else:
                method, source = group.get("default"), "default"  # type: ignore[assignment]
        url = self.values.text(url_at[0], trace)
        at = url_at[1]
        via = self.values.callee(at)[0]
        return Request(at.start, at.end, url, method, source, via, trace.consumed)

    def _handle(self, call: Call, position: int) -> str | None:
        if position >= 0:
            if position >= len(call.args):
                return None
            return self.values.written(call.args[position])
        for scope in self._scopes_up(call.scope):
            for name, bindings in scope.bindings.items():
                if any(binding.value is call for binding in bindings):
                    return name
        return None

    def _scopes_up(self, index: int) -> Iterator[Scope]:
        scopes = self.module.scopes
        for _ in range(64):
            if index < 0:
                return
            yield scopes[index]
            index = scopes[index].parent

    def _function_of(self, index: int) -> int:
        scopes = self.module.scopes
        for _ in range(64):
            if index < 0 or scopes[index].kind != "function":
                return index
            if scopes[index].parent < 0 or scopes[scopes[index].parent].kind != "function":
                return index
            index = scopes[index].parent
        return index

    # ------------------------------------------------------------------ annotations

    def _annotation(self, call: Call) -> list[Request]:
        qualified, _ = self.values.callee(call)
        row = self.knowledge.exact.get(qualified or "")
        if row is None or row.convention != "annotation":
            return []
        trace = Trace()
        url_expr = self._arg(call, row.url)
        if url_expr is None:
            return []
        method = row.fixed_method
        if method is None:
            method_expr = self._arg(call, row.method)
            method = self.values.method(method_expr, trace) if method_expr is not None else None
        url = self.values.text(url_expr, trace)
        return [Request(call.start, call.end, url, method, "literal", qualified, trace.consumed)]


def _is_enum(expr: Expr) -> bool:
    return isinstance(expr, Attr)


# --------------------------------------------------------------------------- emitting


def leftover_roots(module: Module) -> list[Expr]:
    """The outermost string expressions (a literal alone, or a concatenation holding one)."""
    roots: list[Expr] = []
    end = -1
    for expr in sorted(module.strings, key=lambda e: (e.start, -e.end)):
        if expr.start >= end:
            roots.append(expr)
            end = expr.end
    return roots


def _leftover_text(text: str) -> tuple[str | None, str] | None:
    found = leftover(text)
    if found is None:
        return None
    method, url = found
    if not url.startswith((*_SCHEME_STARTS, "/")):
        return None  # a JSON body, a template, a sentence: not a URL on its own
    if _API_PREFIX_RE.match(split_url(url)[1] or "/"):
        return None  # `API = BASE + "/rest/api/3"`: a prefix other strings are joined to
    return method, url


def emit(source: SourceFile, module: Module, extractor: str, requests: list[Request],
         recogniser: Recogniser) -> list[CallSite]:
    """Call sites of the requests, then of the leftover strings no request consumed."""
    emitter = Emitter(source, extractor, base_of_call="keep", opaque_calls=True)
    data = module.data
    char = source.char_offset
    for request in requests:
        prefix_only = _API_PREFIX_RE.match(split_url(request.url)[1] or "/")
        if request.kind == "call" and request.sdk is None and prefix_only:
            continue  # a request to a product's API prefix itself: its path is not all there
        related = tuple(sorted(
            char(start) for start, end in request.consumed
            if not request.start <= start < request.end and b"://" in data[start:end]
        ))
        emitter.emit(Candidate(
            request.url, char(request.start), method=request.method,
            method_source=request.source if request.method is not None else "unknown",
            kind="base-url" if request.kind == "base-url" else "call",
            consumed=request.consumed, via=request.via, related=related,
            classified=request.sdk is not None, sdk=request.sdk,
            elsewhere=tuple(dict.fromkeys(
                origin for span in sorted(request.consumed)
                for origin in recogniser.values.foreign.get(span, ()))),
        ))
    values = recogniser.values
    for root in leftover_roots(module):
        if recogniser.is_ignored(root.start, root.end):
            continue
        trace = Trace()
        text = normalise_placeholders(values.text(root, trace))
        own = {span for span in trace.consumed if root.start <= span[0] and span[1] <= root.end}
        if not own or emitter.is_consumed(own):
            continue
        found = _leftover_text(text)
        if found is None:
            continue
        method, url = found
        kind = url_kind(url)
        if kind is None:
            continue
        emitter.emit(Candidate(url, char(root.start), method=method if kind == "call" else None,
                               method_source="literal", kind=kind, consumed=own), leftover=True)
    return sorted(emitter.calls, key=lambda call: (call.location.line, call.location.column))

