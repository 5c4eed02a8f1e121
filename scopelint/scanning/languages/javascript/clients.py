"""Which JavaScript/TypeScript calls are HTTP client calls, and what request each one makes.

A callee gets a qualified name the way a reader resolves it (see ``knowledge/javascript.toml``
for the naming rules): through the file's imports and ``require`` calls, and through the type
of an instance a "factory" row made (``const jira = axios.create({ baseURL })``: ``jira.get``
is ``axios.Instance.get``, and the instance carries its base URL).  The name is looked up in
the client table; a method no row names for its receiver falls back to the rows for any
receiver (``*.get``).  The row's calling convention (:data:`CONVENTIONS`) says how the call
carries URL, method, base URL and options; the methods below read each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from scopelint.model import CallKind
from scopelint.scanning.core.candidate import MethodSource
from scopelint.scanning.core.knowledge import CallRow, table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.languages.javascript.index import FileIndex
from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES, NodeKey, arguments_of, unwrap
from scopelint.scanning.languages.javascript.suppress import call_chain
from scopelint.scanning.languages.javascript.values import Evaluator
from scopelint.scanning.languages.javascript.valuetypes import Ctx, External, ParamRef, Trace

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Origin

# The calling conventions this package implements (see scanning/core/knowledge.py).
CONVENTIONS = ("verb", "method-url", "fetch", "config", "node-request", "factory")


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
    url_consumed: set[NodeKey] = field(default_factory=set)  # literal nodes the URL is built from
    via: str | None = None
    method_source: MethodSource = "unknown"
    elsewhere: list[Origin] = field(default_factory=list)  # the URL's base in other modules


class Instance:
    """An object a factory row made (``axios.create(config)``): its row and its config; or
    one another module exports (``module.exports = axios.create(...)``): its base URL as
    that module's summary gives it, and where that base is written."""

    __slots__ = ("base", "config", "origins", "row")

    def __init__(self, row: CallRow, config: tuple[Node, Ctx] | None, base: str | None = None,
                 origins: tuple[Origin, ...] = ()) -> None:
        self.row = row
        self.config = config
        self.base = base
        self.origins = origins


def within(node: Node | None, outer: Node) -> bool:
    return node is not None and outer.start_byte <= node.start_byte < outer.end_byte


class Clients:
    """Recognises client calls of one file (``request``) and the instances factories made."""

    def __init__(self, index: FileIndex, values: Evaluator) -> None:
        self.index = index
        self.values = values
        self.knowledge = table("javascript")
        self.library_roots = self.knowledge.library_roots()
        pattern = self.knowledge.pattern("collection_receivers")
        self._collection = re.compile(pattern) if pattern else None
        self._factories: dict[str, CallRow] | None = None
        self._linked_base: str | None = None  # the base of an instance another module made

    # ------------------------------------------------------------------ names

    def qualified(self, callee: Node, call: Node) -> tuple[str | None, str | None, bool]:
        """(qualified name, called name, is the root imported) of ``call``'s callee."""
        index = self.index
        if callee.type == "identifier":
            name = index.text(callee)
            imported = index.imports.get(name)
            if imported is None:
                return name, None, False
            module, export = imported
            if export in ("default", "*"):
                return module, None, True
            return f"{module}.{export}", export, True
        names, _, root = call_chain(call, index.chains)
        if not names or root is None or root.type != "identifier":
            return None, names[0] if names else None, False
        root_name = index.text(root)
        imported = index.imports.get(root_name)
        members = list(reversed(names))
        if imported is None:
            base = root_name
        else:
            base = imported[0] if imported[1] in ("default", "*") else f"{imported[0]}.{imported[1]}"
            if imported[1] in ("default", "*") and len(members) > 1 and members[0] == "default":
                members = members[1:]  # `axios_1.default.get(...)`: the module's default export
        return ".".join([base, *members]), names[0], imported is not None

    def row_of(self, call: Node) -> tuple[CallRow, str] | None:
        """The row for a call by its static name alone (no instance types): used to tell
        what a call created."""
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        qualified, _name, _imported = self.qualified(unwrap(callee), call)
        row = self.knowledge.exact.get(qualified) if qualified else None
        return (row, qualified) if row is not None and qualified is not None else None

    def instance(self, node: Node, ctx: Ctx, trace: Trace) -> Instance | None:
        """The instance ``node`` is, when a factory row made it (``axios.create(config)``)."""
        target = self.values.resolve(node, ctx, trace)
        if isinstance(target, External):
            export = target.export
            row = self._factory_rows().get(export.type or "") if export.kind == "client" else None
            return Instance(row, None, export.template, export.origins) if row is not None else None
        if not isinstance(target, tuple):
            return None
        created, created_ctx = target
        created = unwrap(created)
        while created.type == "await_expression" and created.named_children:
            created = unwrap(created.named_children[0])
        if created.type != "call_expression":
            return None
        found = self.row_of(created)
        if found is None or found[0].convention != "factory":
            return None
        args = arguments_of(created)
        return Instance(found[0], (args[0], created_ctx) if args else None)

    def _factory_rows(self) -> dict[str, CallRow]:
        """The factory row that makes each instance type (``axios.Instance``: axios.create)."""
        rows = self._factories
        if rows is None:
            rows = self._factories = {}
            for row in self.knowledge.exact.values():
                if row.convention == "factory" and row.returns:
                    rows.setdefault(row.returns, row)
        return rows

    def is_collection(self, receiver: Node) -> bool:
        """``cache.delete(url)``, ``headers.get(...)``: a Map-like object, not an HTTP client."""
        name = self.index.text(receiver).rsplit(".", 1)[-1]
        return self._collection is not None and self._collection.search(name) is not None

    # ------------------------------------------------------------------ recognition

    def request(self, call: Node, ctx: Ctx) -> Found | None:
        """The request ``call`` makes through a client of the table, if any."""
        index = self.index
        knowledge = self.knowledge
        args = arguments_of(call)
        if call.type == "new_expression":
            constructor = call.child_by_field_name("constructor")
            if constructor is None or not args:
                return None
            via = "new " + index.text(constructor)
            row = knowledge.exact.get(via)
            return self._apply(row, via, call, args, ctx, None, None) if row else None
        callee = call.child_by_field_name("function")
        arguments = call.child_by_field_name("arguments")
        if callee is None or arguments is None or arguments.type == "template_string":
            return None  # tagged templates (route`...`) are values, read by the evaluator
        callee = unwrap(callee)
        if callee.type == "subscript_expression":
            return self._computed_verb(call, callee, args, ctx)
        qualified, name, imported = self.qualified(callee, call)
        instance: Instance | None = None
        receiver: Node | None = None
        if callee.type == "member_expression":
            receiver = callee.child_by_field_name("object")
            if receiver is None:
                return None
            instance = self.instance(receiver, ctx, Trace())
            if instance is not None and instance.row.returns and name:
                qualified = f"{instance.row.returns}.{name}"
        elif callee.type != "identifier":
            return None
        row = knowledge.exact.get(qualified) if qualified else None
        if row is not None and row.imported and not imported:
            row = None
        if row is None and name is not None:
            row = knowledge.any_receiver.get(name)
            qualified = qualified or f"*.{name}"
        if row is None and callee.type == "identifier":
            instance = self.instance(callee, ctx, Trace())
            if instance is not None and instance.row.returns:
                qualified = instance.row.returns
                row = knowledge.exact.get(qualified)
        if row is None or qualified is None:
            return None
        config = instance.config if instance is not None else None
        base_keys = instance.row.base_keys if instance is not None else ()
        found = self._apply(row, qualified, call, args, ctx, (config, base_keys), receiver,
                            instance.base if instance is not None else None)
        if found is not None and instance is not None and instance.origins:
            found.elsewhere.extend(o for o in instance.origins if o not in found.elsewhere)
        return found

    def _apply(
        self, row: CallRow, via: str, call: Node, args: list[Node], ctx: Ctx,
        instance: tuple[tuple[Node, Ctx] | None, tuple[str, ...]] | None, receiver: Node | None,
        linked_base: str | None = None,
    ) -> Found | None:
        convention = row.convention
        if not args:
            return None
        self._linked_base = linked_base
        found: Found | None
        if convention == "fetch":
            found = self._fetch_like(call, args, ctx, row, instance)
        elif convention == "config":
            found = self._config_call(call, args, ctx, row, instance)
        elif convention == "verb":
            found = self._verb(call, args, ctx, row, via, instance, receiver)
        elif convention == "node-request":
            found = self._node_request(call, args, ctx, row)
        elif convention == "factory":
            found = self._factory(call, args, ctx, row)
        elif convention == "method-url":
            found = self._method_url(call, args, ctx, row)
        else:
            return None
        if found is not None:
            found.via = via
        return found

    def _computed_verb(self, call: Node, callee: Node, args: list[Node], ctx: Ctx) -> Found | None:
        """``http[method]({ url })``: a verb method chosen by a value (a helper's parameter,
        ``call('del', url)``); the method is that value's."""
        obj = callee.child_by_field_name("object")
        key = callee.child_by_field_name("index")
        if obj is None or key is None or not args or self.is_collection(obj):
            return None
        method_trace = Trace()
        text = self.values.text(key, ctx, method_trace)
        verb = text.strip().lower()
        symbolic = verb not in self.knowledge.verbs
        if symbolic and not (method_trace.params or text.startswith("{%")):
            return None  # a lookup by some other key: not a request we can read
        name = "get" if symbolic else verb
        row = self.knowledge.any_receiver.get(name)
        if row is None or row.convention != "verb":
            return None
        root = unwrap(obj)
        module = self.index.module_of(self.index.text(root)) if root.type == "identifier" else None
        via = f"{module}.{name}" if module else f"*.{name}"
        found = self._apply(row, via, call, args, ctx, None, obj)
        if found is not None and symbolic:
            found.method = text if text.startswith("{%") else None
            found.method_params = method_trace.params
            found.method_source = "inferred"
        return found

    # ------------------------------------------------------------------ conventions

    def _fetch_like(
        self, call: Node, args: list[Node], ctx: Ctx, row: CallRow,
        instance: tuple[tuple[Node, Ctx] | None, tuple[str, ...]] | None,
    ) -> Found:
        """``fetch(url, {method})``, Forge ``requestJira(route`...`, {method})``, ``ky(url)``."""
        url_trace, method_trace = Trace(), Trace()
        position = row.options if row.options is not None else 1
        options = args[position] if len(args) > position else None
        method = self.values.method(options, ctx, method_trace, keys=row.method_keys)
        base = self._instance_base(instance, url_trace)
        return self._found(call, args[0], ctx, method, url_trace, method_trace, row.product, base)

    def _verb(
        self, call: Node, args: list[Node], ctx: Ctx, row: CallRow, via: str,
        instance: tuple[tuple[Node, Ctx] | None, tuple[str, ...]] | None, receiver: Node | None,
    ) -> Found | None:
        """``client.get(url, [config])`` / ``client.post(url, body, [config])``."""
        verb = via.rsplit(".", 1)[-1]
        method = self.knowledge.verbs.get(verb)
        if method is None or (receiver is not None and self.is_collection(receiver)):
            return None
        first = self.values.resolve(args[0], ctx, Trace())
        if isinstance(first, tuple) and first[0].type == "object":
            # request-style options first: client.put({url, json}, callback)
            found = self._config_call(call, args, ctx, row, instance)
            if found is not None:
                found.method = method
                found.method_source = "literal"
            return found
        body = verb in self.knowledge.body_verbs and row.body_options is not None
        position = row.body_options if body else row.options
        config = args[position] if position is not None and len(args) > position else None
        url_trace = Trace()
        base = self._option_base(config, ctx, row.base_keys, url_trace)
        if base is None:
            base = self._instance_base(instance, url_trace)
        found = self._found(call, args[0], ctx, method, url_trace, Trace(), base=base)
        found.method_source = "literal"
        return found

    def _config_call(
        self, call: Node, args: list[Node], ctx: Ctx, row: CallRow,
        instance: tuple[tuple[Node, Ctx] | None, tuple[str, ...]] | None,
    ) -> Found | None:
        """``axios(config)``, ``axios(url, config)``, ``request({uri})``, ``$.ajax(config)``."""
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
        method = self.values.method(config, ctx, method_trace, keys=row.method_keys)
        base = self._option_base(config, ctx, row.base_keys, url_trace)
        if base is None:
            base = self._instance_base(instance, url_trace)
        if base is not None:
            url = join(base, url, "slash")  # axios baseURL, got prefixUrl
        return self._finish(call, url_node, url, method, url_trace, method_trace, None)

    def _node_request(self, call: Node, args: list[Node], ctx: Ctx, row: CallRow) -> Found:
        """``https.request(options | url, [options], [callback])`` and ``https.get``."""
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
                if within(path[0], call):
                    url_node = path[0]
            url = "".join(parts) if parts else "{}"
        else:
            url_node = args[0]
            url = values.text(args[0], ctx, url_trace)
            options = args[1] if len(args) > 1 and args[1].type not in FUNCTION_TYPES else None
        if row.fixed_method is not None:
            method: str | None = row.fixed_method
            method_trace.method_source = "literal"
        else:
            method = values.method(options, ctx, method_trace, keys=row.method_keys)
        return self._finish(call, url_node, url, method, url_trace, method_trace, None)

    def _method_url(self, call: Node, args: list[Node], ctx: Ctx, row: CallRow) -> Found | None:
        """``xhr.open('PUT', url)``: the method first, then the URL."""
        method_at = row.method.position if row.method and row.method.position is not None else 0
        url_at = row.url.position if row.url.position is not None else 1
        if len(args) <= max(method_at, url_at):
            return None
        method_trace = Trace()
        verb = method_word(self.values.text(args[method_at], ctx, method_trace))
        if verb is None and row.require_method:
            return None
        method_trace.method_source = "literal" if args[method_at].type == "string" else "inferred"
        return self._found(call, args[url_at], ctx, verb, Trace(), method_trace)

    def _factory(self, call: Node, args: list[Node], ctx: Ctx, row: CallRow) -> Found | None:
        """``axios.create({ baseURL })`` / ``got.extend({ prefixUrl })``: a base-url site."""
        trace = Trace()
        position = row.options if row.options is not None else 0
        if len(args) <= position:
            return None
        for key in row.base_keys:
            value = self.values.object_prop(args[position], ctx, key, trace)
            if isinstance(value, tuple):
                url = self.values.text(value[0], value[1], trace)
                found = self._finish(call, value[0], url, None, trace, Trace(), None)
                found.kind = row.kind
                if not within(value[0], call):
                    found.loc = args[position]
                return found
        return None

    # ------------------------------------------------------------------ pieces

    def _found(
        self, call: Node, url_node: Node, ctx: Ctx, method: str | None, url_trace: Trace,
        method_trace: Trace, forge: str | None = None, base: str | None = None,
    ) -> Found:
        url = self.values.text(url_node, ctx, url_trace)
        if base is not None:
            url = join(base, url, "slash")  # axios baseURL, got prefixUrl
        return self._finish(call, url_node, url, method, url_trace, method_trace, forge)

    @staticmethod
    def _finish(
        call: Node, url_node: Node, url: str, method: str | None, url_trace: Trace,
        method_trace: Trace, forge: str | None,
    ) -> Found:
        return Found(
            url=url,
            loc=url_node if within(url_node, call) else call,
            method=method,
            forge_product=forge,
            url_params=url_trace.params,
            method_params=method_trace.params,
            consumed=url_trace.consumed | method_trace.consumed,
            url_consumed=set(url_trace.consumed),
            method_source=method_trace.method_source if method is not None else "unknown",
            elsewhere=list(url_trace.elsewhere),
        )

    def _option_base(
        self, config: Node | None, ctx: Ctx, keys: tuple[str, ...], trace: Trace
    ) -> str | None:
        """The base URL an options object of this call gives (``{ baseURL }``)."""
        if config is None:
            return None
        for key in keys:
            value = self.values.object_prop(config, ctx, key, trace)
            if isinstance(value, tuple):
                return self.values.text(value[0], value[1], trace)
        return None

    def _instance_base(
        self, instance: tuple[tuple[Node, Ctx] | None, tuple[str, ...]] | None, trace: Trace
    ) -> str | None:
        if self._linked_base is not None:
            return self._linked_base
        if instance is None or instance[0] is None:
            return None
        (config, config_ctx), keys = instance[0], instance[1]
        return self._option_base(config, config_ctx, keys, trace)
