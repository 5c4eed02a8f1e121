"""Recognising HTTP client calls in JavaScript/TypeScript, including a file's own helpers.

``CallAnalyser.analyse(call, ctx)`` answers "what request does this call make?" for:

* Forge: ``api.asApp().requestJira(route`...`, opts)``, ``requestConfluence``,
  ``requestBitbucket``, ``@forge/bridge``'s ``requestJira(...)``;
* ``fetch(url, opts)`` (also ``node-fetch``/``undici``/``got``/``ky`` called directly),
  ``new Request(url, opts)``;
* axios: ``axios(config)``, ``axios(url, config)``, ``axios.request(config)``,
  ``axios.get(url)`` ..., ``axios.create({baseURL})`` (a base-url site) and its instances;
  the same verb methods on any other client object (``client.get('/rest/...')``);
* Node's ``https.request(options)`` / ``https.get(...)``; ``$.ajax({url, type})``;
  ``xhr.open('PUT', url)``;
* a function of the same file that passes its parameters on to one of the above
  (``callJira('/rest/api/3/issue/' + key, 'DELETE')``), to any depth.

A request inside a helper that depends on the helper's parameters is *deferred*: it is
reported at each call of the helper instead (with the arguments substituted), unless the
helper is never called in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from scopelint.model import CallKind
from scopelint.scanning.languages.javascript.index import FileIndex, Scope
from scopelint.scanning.languages.javascript.nodes import (
    FUNCTION_TYPES,
    NodeKey,
    arguments_of,
    key_of,
    unwrap,
)
from scopelint.scanning.languages.javascript.suppress import call_chain
from scopelint.scanning.languages.javascript.values import (
    ABSENT,
    EMPTY,
    UNDEFINED,
    Binding,
    Ctx,
    Evaluator,
    ParamRef,
    Trace,
    join_url,
    method_name,
)
from scopelint.scanning.urls import normalise_placeholders, url_kind

MAX_HELPER_DEPTH = 8
MAX_WORK = 200_000  # analyses per file; recursion between helpers cannot blow up

FORGE_FUNCTIONS = {
    "requestJira": "jira",
    "requestConfluence": "confluence",
    "requestBitbucket": "bitbucket",
}
VERB_METHODS = {
    "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
    "del": "DELETE", "head": "HEAD", "options": "OPTIONS",
}
_BODY_VERBS = frozenset({"post", "put", "patch"})
# Modules whose export (default, or the named one) is called like fetch(url, {method}).
_FETCH_EXPORTS = frozenset(
    {
        ("node-fetch", "default"), ("cross-fetch", "default"), ("isomorphic-fetch", "default"),
        ("got", "default"), ("ky", "default"), ("ky-universal", "default"),
        ("make-fetch-happen", "default"), ("undici", "fetch"), ("undici", "request"),
        ("@forge/api", "fetch"), ("node-fetch", "fetch"), ("cross-fetch", "fetch"),
    }
)
_AXIOS_MODULES = frozenset({"axios", "redaxios"})
_FACTORY_ROOTS = frozenset({"axios", "got", "ky", "redaxios"})
_BASE_KEYS = ("baseURL", "baseUrl", "prefixUrl", "prefixURL")
# Receivers that are libraries, never an object of the file's own classes.
_LIBRARY_ROOTS = frozenset({"axios", "got", "ky", "https", "http", "superagent", "request",
                            "needle", "$", "jQuery", "api", "window", "globalThis"})


_COLLECTION_RE = re.compile(
    r"(?i)(?:cache|map|set|store|storage|params|headers|registry|seen|visited|pending)s?$"
)


@dataclass(slots=True)
class Found:
    """One request (or base URL) a call makes, before filtering and normalisation."""

    url: str
    loc: Node  # where to report it: the URL expression (or the call)
    method: str | None
    kind: CallKind = "call"
    forge_product: str | None = None
    url_params: set[ParamRef] = field(default_factory=set)
    method_params: set[ParamRef] = field(default_factory=set)
    consumed: set[NodeKey] = field(default_factory=set)


def _is_collection(receiver: str) -> bool:
    """``cache.delete(url)``, ``headers.get(...)``: a Map-like object, not an HTTP client."""
    return _COLLECTION_RE.search(receiver.rsplit(".", 1)[-1]) is not None


def _within(node: Node | None, outer: Node) -> bool:
    return node is not None and outer.start_byte <= node.start_byte < outer.end_byte


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


class CallAnalyser:
    def __init__(self, index: FileIndex) -> None:
        self.index = index
        self.values = Evaluator(index)
        self._top: dict[NodeKey, list[Found]] = {}
        self._deferred: dict[NodeKey, list[tuple[Node, int, Found]]] = {}
        self._busy: set[NodeKey] = set()
        self._cycles = 0  # how often a cycle (or the work budget) cut an analysis short
        self._work = 0
        self.callers: dict[NodeKey, int] = {}
        for call in index.calls:
            function = self.callee_function(call)
            if function is not None:
                fkey = key_of(function)
                if not _within(call, function):
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
        needs_url = url_kind(normalise_placeholders(found.url)) != "call"
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

    def analyse(self, call: Node, ctx: Ctx) -> list[Found]:
        helper = self._helper(call, ctx)
        if helper is not None:
            return helper
        found = self._library(call, ctx)
        return [found] if found is not None else []

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
            self.index.text(root) in _LIBRARY_ROOTS or self.index.module_of(self.index.text(root))
        ):
            return None
        receiver = callee.child_by_field_name("object")
        if receiver is not None and self._instance_config(receiver, EMPTY, Trace()) is not None:
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

    # ------------------------------------------------------------------ libraries

    def _library(self, call: Node, ctx: Ctx) -> Found | None:
        index = self.index
        args = arguments_of(call)
        if call.type == "new_expression":
            constructor = call.child_by_field_name("constructor")
            if constructor is not None and index.text(constructor) == "Request" and args:
                return self._fetch_like(call, args, ctx)
            return None
        callee = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        if callee is None or arguments is None or arguments.type == "template_string":
            return None  # tagged templates (route`...`) are values, read by the evaluator
        callee = unwrap(callee)
        names, _, root = call_chain(call, self.index.chains)
        root_name = index.text(root) if root is not None and root.type == "identifier" else None

        if callee.type == "identifier":
            name = index.text(callee)
            imported = index.imports.get(name)
            imported_name = imported[1] if imported else name
            module = imported[0] if imported else None
            if imported_name in FORGE_FUNCTIONS and args:
                return self._fetch_like(call, args, ctx, FORGE_FUNCTIONS[imported_name])
            if (name == "fetch" and module is None) or (module, imported_name) in _FETCH_EXPORTS:
                return self._fetch_like(call, args, ctx) if args else None
            if name == "axios" or module in _AXIOS_MODULES:
                return self._config_call(call, args, ctx, None)
            if module in ("request", "request-promise", "request-promise-native"):
                return self._config_call(call, args, ctx, None)
            if module is not None and module in ("http", "https", "node:http", "node:https"):
                if imported_name in ("request", "get"):
                    return self._node_request(call, args, ctx, imported_name == "get")
                return None
            instance = self._instance_config(callee, ctx, Trace())
            if instance is not None:
                return self._config_call(call, args, ctx, instance)
            return None

        if callee.type != "member_expression" or not names:
            return None
        last = names[0]
        receiver = callee.child_by_field_name("object")
        if receiver is None:
            return None
        if last in FORGE_FUNCTIONS and args:
            return self._fetch_like(call, args, ctx, FORGE_FUNCTIONS[last])
        node_http = root_name is not None and len(names) == 1 and index.is_node_http(root_name)
        if node_http and last in ("request", "get"):
            return self._node_request(call, args, ctx, last == "get")
        if last == "fetch" and args:
            return self._fetch_like(call, args, ctx)
        if last in ("create", "extend") and root_name is not None and len(names) == 1 and (
            root_name in _FACTORY_ROOTS or index.module_of(root_name) in _AXIOS_MODULES | {"got", "ky"}
        ):
            return self._factory(call, args, ctx)
        if last == "ajax" and args:
            return self._config_call(call, args, ctx, None, method_key="type")
        if last == "open" and len(args) >= 2:
            trace = Trace()
            verb = method_name(self.values.text(args[0], ctx, trace))
            if verb is not None:
                return self._found(call, args[1], ctx, verb, Trace(), trace)
            return None
        instance = self._instance_config(receiver, ctx, Trace())
        if last == "request" and args:
            first = self.values.resolve(args[0], ctx, Trace())
            if isinstance(first, tuple) and first[0].type == "object":
                return self._config_call(call, args, ctx, instance)
            return self._fetch_like(call, args, ctx, base_config=instance)
        if last in VERB_METHODS and args and not _is_collection(index.text(receiver)):
            first = self.values.resolve(args[0], ctx, Trace())
            if isinstance(first, tuple) and first[0].type == "object":
                # request-style options first: client.put({url, json}, callback)
                found = self._config_call(call, args, ctx, instance)
                if found is not None:
                    found.method = VERB_METHODS[last]
                return found
            config_index = 2 if last in _BODY_VERBS else 1
            config = args[config_index] if len(args) > config_index else None
            return self._url_call(call, args[0], ctx, VERB_METHODS[last], instance, config)
        return None

    def _found(
        self, call: Node, url_node: Node, ctx: Ctx, method: str | None, url_trace: Trace,
        method_trace: Trace, forge: str | None = None, base: str | None = None,
    ) -> Found:
        url = self.values.text(url_node, ctx, url_trace)
        if base is not None:
            url = join_url(base, url)
        return self._finish(call, url_node, url, method, url_trace, method_trace, forge)

    def _fetch_like(
        self, call: Node, args: list[Node], ctx: Ctx, forge: str | None = None,
        base_config: tuple[Node, Ctx] | None = None,
    ) -> Found:
        url_trace, method_trace = Trace(), Trace()
        options = args[1] if len(args) > 1 else None
        method = self.values.method(options, ctx, method_trace)
        base = self._base_of(base_config, url_trace) if base_config is not None else None
        return self._found(call, args[0], ctx, method, url_trace, method_trace, forge, base)

    def _url_call(
        self, call: Node, url_node: Node, ctx: Ctx, method: str,
        instance: tuple[Node, Ctx] | None, config: Node | None,
    ) -> Found:
        url_trace = Trace()
        base = None
        if config is not None:
            for key in _BASE_KEYS:
                value = self.values.object_prop(config, ctx, key, url_trace)
                if isinstance(value, tuple):
                    base = self.values.text(value[0], value[1], url_trace)
                    break
        if base is None and instance is not None:
            base = self._base_of(instance, url_trace)
        return self._found(call, url_node, ctx, method, url_trace, Trace(), base=base)

    def _config_call(
        self, call: Node, args: list[Node], ctx: Ctx, instance: tuple[Node, Ctx] | None,
        method_key: str = "method",
    ) -> Found | None:
        """``axios(config)``, ``axios(url, config)``, ``request({uri})``, ``$.ajax(config)``."""
        if not args:
            return None
        url_trace, method_trace = Trace(), Trace()
        first = self.values.resolve(args[0], ctx, url_trace)
        if isinstance(first, tuple) and first[0].type == "object":
            config: Node | None = args[0]
            url_value = self.values.object_prop(config, ctx, "url", url_trace)
            if not isinstance(url_value, tuple):
                url_value = self.values.object_prop(config, ctx, "uri", url_trace)
            url_node = url_value[0] if isinstance(url_value, tuple) else args[0]
            url = (
                self.values.text(url_value[0], url_value[1], url_trace)
                if isinstance(url_value, tuple)
                else "{}"
            )
        else:
            url_node = args[0]
            url = self.values.text(args[0], ctx, url_trace)
            config = args[1] if len(args) > 1 else None
        method = self.values.method(config, ctx, method_trace, key=method_key)
        base = None
        for key in _BASE_KEYS if config is not None else ():
            value = self.values.object_prop(config, ctx, key, url_trace)
            if isinstance(value, tuple):
                base = self.values.text(value[0], value[1], url_trace)
                break
        if base is None and instance is not None:
            base = self._base_of(instance, url_trace)
        if base is not None:
            url = join_url(base, url)
        return self._finish(call, url_node, url, method, url_trace, method_trace, None)

    @staticmethod
    def _finish(
        call: Node, url_node: Node, url: str, method: str | None, url_trace: Trace,
        method_trace: Trace, forge: str | None,
    ) -> Found:
        return Found(
            url=url,
            loc=url_node if _within(url_node, call) else call,
            method=method,
            forge_product=forge,
            url_params=url_trace.params,
            method_params=method_trace.params,
            consumed=url_trace.consumed | method_trace.consumed,
        )

    def _node_request(self, call: Node, args: list[Node], ctx: Ctx, is_get: bool) -> Found | None:
        """``https.request(options | url, [options], [callback])`` and ``https.get``."""
        if not args:
            return None
        values = self.values
        url_trace, method_trace = Trace(), Trace()
        first = values.resolve(args[0], ctx, url_trace)
        options: Node | None
        if isinstance(first, tuple) and first[0].type == "object":
            options = args[0]
            parts: list[str] = []
            url_node: Node = args[0]
            protocol = values.object_prop(options, ctx, "protocol", url_trace)
            scheme = (
                values.text(protocol[0], protocol[1], url_trace).rstrip(":")
                if isinstance(protocol, tuple)
                else "https"
            )
            host = values.object_prop(options, ctx, "hostname", url_trace)
            if not isinstance(host, tuple):
                host = values.object_prop(options, ctx, "host", url_trace)
            if isinstance(host, tuple):
                parts.append(f"{scheme}://" + values.text(host[0], host[1], url_trace))
            path = values.object_prop(options, ctx, "path", url_trace)
            if isinstance(path, tuple):
                parts.append(values.text(path[0], path[1], url_trace))
                if _within(path[0], call):
                    url_node = path[0]
            url = "".join(parts) if parts else "{}"
        else:
            url_node = args[0]
            url = values.text(args[0], ctx, url_trace)
            options = args[1] if len(args) > 1 and args[1].type not in FUNCTION_TYPES else None
        method = "GET" if is_get else values.method(options, ctx, method_trace)
        return self._finish(call, url_node, url, method, url_trace, method_trace, None)

    # ------------------------------------------------------------------ instances

    def _factory(self, call: Node, args: list[Node], ctx: Ctx) -> Found | None:
        """``axios.create({ baseURL })`` / ``got.extend({ prefixUrl })``: a base-url site."""
        if not args:
            return None
        trace = Trace()
        for key in _BASE_KEYS:
            value = self.values.object_prop(args[0], ctx, key, trace)
            if isinstance(value, tuple):
                url = self.values.text(value[0], value[1], trace)
                found = self._finish(call, value[0], url, None, trace, Trace(), None)
                found.kind = "base-url"
                if not _within(value[0], call):
                    found.loc = args[0]
                return found
        return None

    def _instance_config(self, node: Node, ctx: Ctx, trace: Trace) -> tuple[Node, Ctx] | None:
        """The config object of ``axios.create(config)`` when ``node`` is such an instance."""
        target = self.values.resolve(node, ctx, trace)
        if not isinstance(target, tuple):
            return None
        created, created_ctx = target
        created = unwrap(created)
        while created.type == "await_expression" and created.named_children:
            created = unwrap(created.named_children[0])
        if created.type != "call_expression":
            return None
        names, _, root = call_chain(created, self.index.chains)
        if not names or names[0] not in ("create", "extend") or root is None:
            return None
        root_name = self.index.text(root)
        if root_name not in _FACTORY_ROOTS and self.index.module_of(root_name) not in (
            _AXIOS_MODULES | {"got", "ky"}
        ):
            return None
        args = arguments_of(created)
        if not args:
            return None
        return args[0], created_ctx

    def _base_of(self, config: tuple[Node, Ctx], trace: Trace) -> str | None:
        for key in _BASE_KEYS:
            value = self.values.object_prop(config[0], config[1], key, trace)
            if isinstance(value, tuple):
                return self.values.text(value[0], value[1], trace)
        return None
