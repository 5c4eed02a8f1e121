"""What request a JavaScript/TypeScript call makes, including through a file's own helpers.

``CallAnalyser.analyse(call, ctx)`` answers "what request does this call make?": a call of a
client the table knows (``clients.Clients``: Forge ``requestJira``, ``fetch``, axios and its
instances, Node's ``https``, ``$.ajax``, ``xhr.open``, any client object's verb methods), or a
function of the same file that passes its parameters on to one of them
(``callJira('/rest/api/3/issue/' + key, 'DELETE')``), to any depth.

A request inside a helper that depends on the helper's parameters is *deferred*: it is
reported at each call of the helper instead (with the arguments substituted), unless the
helper is never called in the file.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from tree_sitter import Node

from scopelint.scanning.core.knowledge import table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.languages.javascript.clients import Clients, Found, within
from scopelint.scanning.languages.javascript.index import FileIndex, Scope
from scopelint.scanning.languages.javascript.nodes import (
    FUNCTION_TYPES,
    NodeKey,
    arguments_of,
    key_of,
    unwrap,
)
from scopelint.scanning.languages.javascript.suppress import call_chain
from scopelint.scanning.languages.javascript.values import Evaluator
from scopelint.scanning.languages.javascript.valuetypes import (
    ABSENT,
    EMPTY,
    UNDEFINED,
    Binding,
    Ctx,
    External,
    ParamRef,
    Trace,
)

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment, Param
from scopelint.scanning.urls import normalise_placeholders, url_kind

MAX_HELPER_DEPTH = 8
MAX_WORK = 200_000  # analyses per file; recursion between helpers cannot blow up


def _helper_location(call: Node, args: list[Node], scope: Scope, symbolic: Found) -> Node:
    """Report a helper's request at the argument its URL comes from (else at the call)."""
    positions = sorted(
        param.index
        for fkey, name in symbolic.url_params
        if fkey == scope.key and (param := scope.params.get(name)) is not None
    )
    for position in positions:
        if position < len(args) and args[position].type != "spread_element":
            return args[position]
    return call


def _complete_without(url: str, params: set[str]) -> bool:
    """Is ``url`` a whole REST call without the help of a parameter (one of ``params``) that
    ends its path (``.../issue/{key}`` is; ``https://acme.atlassian.net/rest/api/3/{path}``
    is not)?"""
    from scopelint.scanning.urls import completes_call

    last = max((url.rfind("{" + name + "}") for name in params), default=-1)
    if last == -1:
        return url_kind(normalise_placeholders(url)) == "call"
    end = url.find("}", last) + 1
    if url[end:].split("?", 1)[0].strip("/"):
        return url_kind(normalise_placeholders(url)) == "call"  # the path ends in fixed text
    return completes_call(normalise_placeholders(url[:last]))


@cache
def _row_names() -> tuple[frozenset[str], frozenset[str]]:
    """(every qualified name a row of ``knowledge/javascript.toml`` gives, every name such a
    row's qualified name ends with): the names a client call's callee can be known by."""
    knowledge = table("javascript")
    exact = frozenset(knowledge.exact)
    last = {name.rsplit(".", 1)[-1] for name in exact} | set(knowledge.any_receiver)
    return exact, frozenset(last)


class CallAnalyser:
    def __init__(self, index: FileIndex, environment: Environment | None = None,
                 callers: dict[NodeKey, int] | None = None) -> None:
        """``callers``: the count of calls of each function of the file from outside it, as
        another analyser of the same index found it (it does not depend on the environment:
        a name another module gives is never a function of this file)."""
        self.index = index
        self.values = Evaluator(index, environment)
        self.clients = Clients(index, self.values)
        # names a lookup can take to a node of this file (parameters cannot, unbound)
        self._decl_names = frozenset(name for _scope, name in index.decls)
        self._top: dict[NodeKey, list[Found]] = {}
        self._deferred: dict[NodeKey, list[tuple[Node, int, Found]]] = {}
        self._busy: set[NodeKey] = set()
        self._cycles = 0  # how often a cycle (or the work budget) cut an analysis short
        self._work = 0
        if callers is not None:
            self.callers = callers
            return
        self.callers = {}
        for call in index.calls:
            function = self.callee_function(call)
            if function is not None:
                fkey = key_of(function)
                if not within(call, function):
                    self.callers[fkey] = self.callers.get(fkey, 0) + 1

    # ------------------------------------------------------------------ public

    def analyse_top(self, call: Node) -> list[Found]:
        """``analyse`` with every parameter unbound (memoised)."""
        key = key_of(call)
        cached = self._top.get(key)
        if cached is not None:
            return cached
        if key in self._busy or self._work > MAX_WORK:
            self._cycles += 1
            return []
        self._work += 1
        cycles = self._cycles
        self._busy.add(key)
        try:
            result = self.analyse(call, EMPTY)
        finally:
            self._busy.discard(key)
        if self._cycles == cycles:  # a result computed around a cycle is partial: no memo
            self._top[key] = result
        return result

    def deferral_target(self, call: Node, found: Found) -> NodeKey | None:
        """The helper whose callers report ``found`` instead of ``call`` itself, if any."""
        if found.kind != "call":
            return None
        needs_url = not _complete_without(found.url, {name for _key, name in found.url_params})
        needs_method = found.method is None
        if not (needs_url or needs_method):
            return None
        for scope_index in self.index.enclosing_functions(call.start_byte):
            fkey = self.index.scopes[scope_index].key
            if not self.callers.get(fkey):
                continue
            if (needs_url and any(ref[0] == fkey for ref in found.url_params)) or (
                needs_method and any(ref[0] == fkey for ref in found.method_params)
            ):
                return fkey
        return None

    def may_request(self, call: Node) -> bool:
        """Could ``analyse`` find a request in ``call``?  False only when none of its steps
        can, decided from names alone, before any value is resolved: the callee is no name a
        client row gives or ends with, no method or declaration of this file, no import, and
        the receiver's chain starts at a name that is none of these either (a parameter or a
        global: ``items.filter(...).map(...)``, ``console.log(...)``).  Such a call resolves
        nothing another module could answer, so skipping it also changes no name the linker
        is told the file asked about."""
        index = self.index
        exact, last = _row_names()
        if call.type != "call_expression":  # `new X(url)`: only a row named "new X"
            constructor = call.child_by_field_name("constructor")
            return constructor is not None and "new " + index.text(constructor) in exact
        callee = call.child_by_field_name("function")
        if callee is None:
            return False
        inner = unwrap(callee)
        kind = inner.type
        if kind == "identifier":
            name = index.text(inner)
            return name in self._decl_names or name in index.imports or name in exact
        if kind != "member_expression":
            return kind == "subscript_expression"  # `http[method](...)`; else a call's value
        prop = inner.child_by_field_name("property")
        if callee.type != "member_expression" or prop is None:
            return True  # `(0, lib_1.request)(...)`: read as analyse reads it
        name = index.text(prop)
        if name in last or name in index.methods:
            return True
        _names, calls, root = call_chain(call, index.chains)
        if root is None or root.type != "identifier":
            return True  # `this.api.x()`, `require('m').x()`, `(await import('m')).x()`
        root_name = index.text(root)
        if root_name in self._decl_names or root_name in index.imports or root_name == "require":
            return True
        return any(key_of(inner_call) in index.required for inner_call in calls)

    def analyse(self, call: Node, ctx: Ctx) -> list[Found]:
        if not self.may_request(call):
            return []
        helper = self._helper(call, ctx)
        if helper is not None:
            return helper
        if self.values.environment is not None and call.type == "call_expression":
            linked = self._linked_helper(call, ctx)
            if linked is not None:
                return linked
        found = self.clients.request(call, ctx)
        return [found] if found is not None else []

    def _linked_helper(self, call: Node, ctx: Ctx) -> list[Found] | None:
        """A call of a helper another module exports (``callJira(BASE + '/issue/' + key,
        'DELETE')``): its requests with this call's arguments, reported at the argument the
        URL comes from."""
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        callee = unwrap(callee)
        if callee.type not in ("identifier", "member_expression"):
            return None
        target = self.values.resolve(callee, ctx, Trace())
        if not isinstance(target, External) or target.export.kind != "helper":
            return None
        from scopelint.scanning.core.environment import fill, markers

        export = target.export
        args = arguments_of(call)
        spread_at = next((i for i, a in enumerate(args) if a.type == "spread_element"), len(args))
        params = {p.name: p for p in export.params}
        results: list[Found] = []
        for request in export.requests:
            url_trace, method_trace = Trace(), Trace()
            values: dict[str, str] = {}
            method_names = set(markers(request.method))
            for name in dict.fromkeys([*markers(request.url), *method_names]):
                text = self._argument_text(name, params, args, spread_at, ctx,
                                           method_trace if name in method_names else url_trace)
                if text is not None:
                    values[name] = text
            for param in export.params:
                if param.default is not None and param.name not in values:
                    values[param.name] = param.default
            url = fill(request.url, values)
            method: str | None = None
            source = request.method_source
            if request.method is not None:
                written = fill(request.method, values)
                method = method_word(written) or self.clients.knowledge.verbs.get(written.strip().lower())
                if method_names:
                    bound = any(n in values and n.partition(".")[0] in params
                                and params[n.partition(".")[0]].index < len(args) for n in method_names)
                    source = "inferred" if bound else "default"
            loc: Node = call
            for name in markers(request.url):
                url_param = params.get(name.partition(".")[0])
                if url_param is not None and url_param.index < min(len(args), spread_at):
                    loc = args[url_param.index]
                    break
            results.append(Found(
                url=url, loc=loc, method=method, url_params=url_trace.params,
                method_params=method_trace.params,
                consumed=url_trace.consumed | method_trace.consumed,
                url_consumed=set(url_trace.consumed), via=request.via,
                method_source=source if method is not None else "unknown",  # type: ignore[arg-type]
                elsewhere=[*request.origins, *url_trace.elsewhere],
                forge_product=request.product,
            ))
        return results

    def _argument_text(self, name: str, params: dict[str, Param], args: list[Node],
                       spread_at: int, ctx: Ctx, trace: Trace) -> str | None:
        """The text this call gives the helper's parameter ``name`` (``init.method``: the
        ``method`` of the object passed as ``init``), or None when it gives none."""
        head, _, prop = name.partition(".")
        param = params.get(head)
        if param is None or param.index >= min(len(args), spread_at):
            return None
        value: tuple[Node, Ctx] = (args[param.index], ctx)
        for key in (param.prop, prop or None):
            if key is None:
                continue
            found = self.values.object_prop(value[0], value[1], key, trace)
            if not isinstance(found, tuple):
                return None
            value = found
        if self.index.text(value[0]) == "undefined":
            return None
        return self.values.text(value[0], value[1], trace)

    # ------------------------------------------------------------------ helpers

    def callee_function(self, call: Node) -> Node | None:
        """The function of this file a call invokes, if it can be told statically."""
        if call.type != "call_expression":
            return None
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        callee = unwrap(callee)
        if callee.type == "identifier":
            name = self.index.text(callee)
            if name not in self._decl_names and name not in self.index.imports:
                return None  # a global or a parameter: no function of this file
            target = self.values.resolve(callee, EMPTY, Trace())
            if isinstance(target, tuple) and target[0].type in FUNCTION_TYPES:
                return target[0]
            return None
        if callee.type != "member_expression":
            return None
        prop = callee.child_by_field_name("property")
        if prop is None:
            return None
        candidates = self.index.methods.get(self.index.text(prop))
        if not candidates or len(candidates) != 1:
            return None
        _, _, root = call_chain(call, self.index.chains)
        if root is not None and root.type == "identifier" and (
            self.index.text(root) in self.clients.library_roots
            or self.index.module_of(self.index.text(root))
        ):
            return None
        receiver = callee.child_by_field_name("object")
        if receiver is not None and self.clients.instance(receiver, EMPTY, Trace()) is not None:
            return None
        return candidates[0]

    def deferred_for(self, function: Node) -> list[tuple[Node, int, Found]]:
        """(call inside ``function``, index of its request, symbolic request) deferred to it."""
        fkey = key_of(function)
        cached = self._deferred.get(fkey)
        if cached is not None:
            return cached
        if fkey in self._busy or len(self._busy) > 64 or self._work > MAX_WORK:
            self._cycles += 1
            return []
        self._work += 1
        cycles = self._cycles
        self._busy.add(fkey)
        result: list[tuple[Node, int, Found]] = []
        try:
            for inner in self.index.calls_within(function.start_byte, function.end_byte):
                for position, found in enumerate(self.analyse_top(inner)):
                    if self.deferral_target(inner, found) == fkey:
                        result.append((inner, position, found))
        finally:
            self._busy.discard(fkey)
        if self._cycles == cycles:
            self._deferred[fkey] = result
        return result

    def _helper(self, call: Node, ctx: Ctx) -> list[Found] | None:
        function = self.callee_function(call)
        if function is None or not self.callers.get(key_of(function)):
            return None
        entries = self.deferred_for(function)
        if not entries:
            return None
        if ctx.depth >= MAX_HELPER_DEPTH:
            return []
        scope = self.index.scopes[self.index.function_scope[key_of(function)]]
        args = arguments_of(call)
        env: dict[ParamRef, Binding] = dict(ctx.env)
        bound = Ctx(env, ctx.depth + 1)
        spread_at = next(
            (i for i, arg in enumerate(args) if arg.type == "spread_element"), len(args) + 1
        )
        for name, param in scope.params.items():
            ref = (scope.key, name)
            default: Binding = (param.default, bound) if param.default is not None else UNDEFINED
            if param.index >= spread_at:
                env[ref] = None
                continue
            if param.index >= len(args):
                env[ref] = default
                continue
            arg = args[param.index]
            if param.prop is not None:
                value = self.values.object_prop(arg, ctx, param.prop, Trace())
                if value is ABSENT:
                    env[ref] = default
                elif isinstance(value, tuple):
                    env[ref] = value
                else:
                    env[ref] = None
            elif arg.type == "identifier" and self.index.text(arg) == "undefined":
                env[ref] = default
            else:
                env[ref] = (arg, ctx)

        results: list[Found] = []
        for inner, position, symbolic in entries:
            concrete = self.analyse(inner, bound)
            if position >= len(concrete):
                continue
            found = concrete[position]
            found.loc = _helper_location(call, args, scope, symbolic)
            results.append(found)
        return results
