"""What a JavaScript/TypeScript module exports that can carry a URL or a method.

Exports are read as the module writes them (``index.exports``: ESM declarations, ``export
default``, export clauses; CommonJS ``module.exports = ...`` / ``exports.x = ...``) and each
value is described by what it is:

* a string that can be (part of) an API URL, or an HTTP method: ``constant``;
* an instance a client factory made (``axios.create({ baseURL })``): ``client``, with its
  type and base URL;
* a function whose parameters flow into a request it sends (``callJira(url, method = 'GET')``,
  ``call(method, url)`` -> ``http[method]({ url })``): ``helper``, each request's method and
  URL kept with ``{%param}`` holes;
* a function that returns a URL built from its parameters: ``builder``;
* an object, a class, or an instance of a class of the module (``new AtlassianClient(...)``):
  ``object``, whose members are the above (methods that send requests become helpers);
* a name imported from elsewhere and exported again: ``alias``.

Values the module imports stay symbolic (``{@./settings.BASE}``): the linker substitutes them.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from scopelint.scanning.core.environment import (
    Export,
    FileSummary,
    Origin,
    Param,
    RecordingEnvironment,
    Request,
)
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.languages.javascript.calls import CallAnalyser
from scopelint.scanning.languages.javascript.index import FileIndex, Scope
from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES, NodeKey, key_of, unwrap
from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Ctx, External, Marker, Trace

_URL_HINTS = ("://", "atlassian", "rest/", "wiki/", "2.0/", "{@")
MAX_MEMBERS = 64
MAX_DEPTH = 6

Locate = Callable[[int], Origin]  # byte offset -> (path "", line, column)


def _complete(url: str) -> bool:
    """Is ``url`` a whole REST call without the help of a parameter that ends its path
    (``.../issue/{%key}`` is; ``{@BASE}{%path}`` is not)?"""
    from scopelint.scanning.core.environment import PARAM_RE, unfilled
    from scopelint.scanning.urls import completes_call, normalise_placeholders, url_kind

    matches = list(PARAM_RE.finditer(url))
    if not matches or url[matches[-1].end():].split("?", 1)[0].strip("/"):
        return url_kind(normalise_placeholders(unfilled(url))) == "call"
    return completes_call(normalise_placeholders(unfilled(url[: matches[-1].start()])))


def could_carry_url(template: str) -> bool:
    return template.startswith("{") or any(hint in template for hint in _URL_HINTS)


def summarise(index: FileIndex, locate: Locate, asked: list[str],
              callers: dict[NodeKey, int] | None = None) -> FileSummary:
    """What the module of ``index`` exports; ``callers``: ``CallAnalyser.callers`` of an
    analyser of the same index, if one was made (not counted again)."""
    summary = _Summary(index, locate, callers)
    exports: dict[str, Export] = {}
    for name, node in list(index.exports.items())[:512]:
        export = summary.describe(node, 0)
        if export is not None:
            exports[name] = export
    for name, (module, imported) in index.reexported.items():
        exports[name] = Export("alias", target=f"{module}.{imported}")
    imports = [module for module, _name in index.imports.values()]
    imports += list(index.required.values()) + index.reexports
    imports += [module for module, _name in index.reexported.values()]
    return FileSummary(language="javascript", exports=exports, depends_on=asked, imports=imports,
                       reexports=index.reexports)


class _Summary:
    def __init__(self, index: FileIndex, locate: Locate,
                 callers: dict[NodeKey, int] | None = None) -> None:
        self.index = index
        self.locate = locate
        self.analyser = CallAnalyser(index, RecordingEnvironment(answer=True), callers)
        self.values = self.analyser.values

    def describe(self, node: Node, depth: int) -> Export | None:
        if depth > MAX_DEPTH:
            return None
        node = unwrap(node)
        kind = node.type
        if kind in FUNCTION_TYPES:
            return self._function(node)
        if kind in ("class_declaration", "class"):
            return self._class(node)
        if kind in ("identifier", "shorthand_property_identifier"):
            target = self.values.resolve(node, EMPTY, Trace())
            if isinstance(target, External):
                linked = target.export.target
                return Export("alias", target=linked) if linked else None
            if isinstance(target, tuple) and target[0].id != node.id:
                declared = self._declared_function(node)
                return self.describe(declared if declared is not None else target[0], depth + 1)
            declared = self._declared_function(node)
            return self._function(declared) if declared is not None else None
        if kind == "object":
            return self._object(node, depth)
        if kind in ("call_expression", "new_expression"):
            return self._instance(node, depth)
        return self._constant(node)

    def _declared_function(self, node: Node) -> Node | None:
        found = self.index.decls.get((0, self.index.text(node)))
        return found if found is not None and found.type in FUNCTION_TYPES else None

    # ------------------------------------------------------------------ values

    def _constant(self, node: Node) -> Export | None:
        trace = Trace()
        template = self.values.text(node, EMPTY, trace)
        method = method_word(template)
        if method is not None:
            return Export("constant", template=template, method=method)
        if not template or template == "{}" or not could_carry_url(template):
            return None
        return Export("constant", template=template, origins=self._origins(trace))

    def _origins(self, trace: Trace) -> list[Origin]:
        data = self.index.data
        return [self.locate(start) for start, end in sorted(trace.consumed)
                if b"://" in data[start:end]]

    def _instance(self, node: Node, depth: int) -> Export | None:
        module = self.index.required.get(key_of(node))
        if module is not None:
            return Export("alias", target=f"{module}.default")
        clients = self.analyser.clients
        trace = Trace()
        instance = clients.instance(node, EMPTY, trace)
        if instance is not None and instance.row.returns:
            base = clients._option_base(instance.config[0], instance.config[1],
                                        instance.row.base_keys, trace) if instance.config else None
            return Export("client", template=base, type=instance.row.returns,
                          origins=self._origins(trace))
        if node.type == "new_expression":
            constructor = node.child_by_field_name("constructor")
            if constructor is not None and constructor.type == "identifier":
                declared = self.index.classes.get(self.index.text(constructor))
                if declared is not None:
                    return self._class(declared)
        return None

    def _object(self, node: Node, depth: int) -> Export | None:
        members: dict[str, Export] = {}
        for child in node.named_children[:MAX_MEMBERS]:
            name: str | None = None
            value: Node | None = None
            if child.type == "pair":
                key = child.child_by_field_name("key")
                value = child.child_by_field_name("value")
                name = self.index.text(key) if key is not None and key.type == "property_identifier" else None
            elif child.type == "shorthand_property_identifier":
                name, value = self.index.text(child), child
            elif child.type == "method_definition":
                key = child.child_by_field_name("name")
                name, value = (self.index.text(key) if key is not None else None), child
            if name and value is not None:
                described = self.describe(value, depth + 1)
                if described is not None:
                    members[name] = described
        return Export("object", members=members) if members else None

    def _class(self, node: Node) -> Export | None:
        body = node.child_by_field_name("body")
        members: dict[str, Export] = {}
        for child in body.named_children[:MAX_MEMBERS] if body is not None else ():
            if child.type == "method_definition":
                key = child.child_by_field_name("name")
                name = self.index.text(key) if key is not None else ""
                if name and name != "constructor":
                    described = self._function(child)
                    if described is not None:
                        members[name] = described
        return Export("object", members=members) if members else None

    # ------------------------------------------------------------------ functions

    def _function(self, function: Node) -> Export | None:
        position = self.index.function_scope.get(key_of(function))
        if position is None:
            return None
        scope = self.index.scopes[position]
        ctx = Ctx({(scope.key, name): Marker(name) for name in scope.params}, 0)
        requests: list[Request] = []
        for inner in self.index.calls_within(function.start_byte, function.end_byte)[:256]:
            for found in self.analyser.analyse(inner, ctx):
                method = found.method
                method_linked = "{%" in (method or "")
                if found.kind != "call" or ("{%" not in found.url and not method_linked):
                    continue
                if not method_linked and method is not None and _complete(found.url):
                    continue  # a whole REST call already: reported where it is
                origins = [*(self.locate(start) for start, end in sorted(found.url_consumed)
                             if b"://" in self.index.data[start:end]), *found.elsewhere]
                requests.append(Request(found.url, method, found.via, found.method_source,
                                        origins, found.forge_product))
        if requests:
            return Export("helper", params=self._params(scope), requests=requests)
        returned = self._returned(function)
        if returned is None:
            return None
        trace = Trace()
        template = self.values.text(returned, ctx, trace)
        if "{%" not in template or not could_carry_url(template):
            return None
        return Export("builder", template=template, params=self._params(scope),
                      origins=self._origins(trace))

    def _params(self, scope: Scope) -> list[Param]:
        """A function's parameters with their defaults' text (read only for a function that
        is exported as a helper or a builder)."""
        return [
            Param(name, param.index, param.prop,
                  self.values.text(param.default, EMPTY, Trace()) if param.default is not None else None)
            for name, param in scope.params.items()
        ]

    @staticmethod
    def _returned(function: Node) -> Node | None:
        body = function.child_by_field_name("body")
        if body is None:
            return None
        if body.type != "statement_block":
            return body  # (a, b) => `${a}/rest/...`
        for statement in body.named_children:
            if statement.type == "return_statement" and statement.named_children:
                return statement.named_children[0]
        return None
