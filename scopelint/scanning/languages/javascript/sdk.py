"""JavaScript/TypeScript: calls made through Atlassian SDKs (jira.js, confluence.js, jira-client).

Clients are followed the way a reader follows them, by the names the file's imports give
(``import { Version3Client } from 'jira.js'``, ``const JiraApi = require('jira-client')``,
``import * as JiraJs from 'jira.js'`` + ``new JiraJs.Version3Client``):

* constructed and used (``const client = new Version3Client({ host })``), also through
  ``await``; jira.js 6 / confluence.js 3 factories (``createCloudClient(config)``, also given
  a client from ``createClient(config)`` of ``jira.js/core``);
* stored on ``this`` (``this.client = new AgileClient(...)``, or a TypeScript parameter
  property ``constructor(private readonly client: Version3Client)``); a typed parameter
  (``client: AgileClient``); a name another module exports, when the environment knows it;
* the raw escape hatch ``client.sendRequest({ url, method })``.

A method is the chain after the client (``issues.getIssue``), looked up in the table of the
file's project.  Each request becomes a candidate at the method call (``via`` the qualified
method, e.g. ``jira.js Version3Client.issues.getIssue``); a method the table lacks is an
unresolved SDK call; the ``host`` given to a constructor (with or without a scheme) becomes a
``base-url`` site at the literal that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from tree_sitter import Node

from scopelint.scanning.core.candidate import Candidate, config_value_kind
from scopelint.scanning.core.sdk import FileSdks, SdkClass
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES, arguments_of, unwrap
from scopelint.scanning.languages.javascript.values import Evaluator, string_literal
from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Ctx, Trace, Unknown

if TYPE_CHECKING:
    from scopelint.model import SdkUse
    from scopelint.scanning.core.environment import Environment, Export
    from scopelint.scanning.languages.javascript.index import FileIndex
    from scopelint.scanning.source import SourceFile

_MAX_DEPTH = 12
_MAX_CHAIN = 4
_NO_REQUEST = "made no request"
_UNKNOWN = object()


class JsSdkValue:
    """An SDK client: its class, the options object it was given, the options read from it."""

    __slots__ = ("cls", "config", "options")

    def __init__(self, cls: SdkClass, config: tuple[Node, Ctx] | None, options: Mapping[str, object]) -> None:
        self.cls = cls
        self.config = config
        self.options = options


class JsSdks:
    """Recognises the SDK calls of one file (see the module docstring)."""

    def __init__(self, index: FileIndex, values: Evaluator, sdks: FileSdks, source: SourceFile,
                 environment: Environment | None = None) -> None:
        self.index = index
        self.values = values
        self.sdks = sdks
        self.source = source
        self.environment = environment

    # ------------------------------------------------------------------ classes and clients

    def class_named(self, node: Node) -> SdkClass | None:
        """``Version3Client`` / ``JiraApi`` (imported) or ``JiraJs.Version3Client`` (a
        namespace import) -> the SDK class."""
        node = unwrap(node)
        index = self.index
        if node.type in ("identifier", "type_identifier"):
            imported = index.imports.get(index.text(node))
            if imported is None or imported[1] == "*":
                return None
            return self.sdks.klass(imported[0], imported[1])
        if node.type in ("member_expression", "nested_type_identifier"):
            obj = node.child_by_field_name("object") or node.child_by_field_name("module")
            prop = node.child_by_field_name("property") or node.child_by_field_name("name")
            if obj is None or prop is None or obj.type != "identifier":
                return None
            imported = index.imports.get(index.text(obj))
            if imported is None or imported[1] not in ("*", "default"):
                return None
            return self.sdks.klass(imported[0], index.text(prop))
        return None

    def _typed(self, type_node: Node | None) -> SdkClass | None:
        """A TypeScript annotation (``: Version3Client``, ``: AgileClient | undefined``)."""
        if type_node is None:
            return None
        if type_node.type == "type_annotation":
            return next((found for child in type_node.named_children
                         if (found := self._typed(child)) is not None), None)
        if type_node.type == "union_type":
            return next((found for child in type_node.named_children
                         if (found := self._typed(child)) is not None), None)
        return self.class_named(type_node)

    def value_of(self, node: Node, ctx: Ctx = EMPTY, depth: int = 0) -> JsSdkValue | None:
        """The SDK client ``node`` is, if it is one."""
        if depth > _MAX_DEPTH:
            return None
        node = unwrap(node)
        while node.type == "await_expression" and node.named_children:
            node = unwrap(node.named_children[0])
        index = self.index
        if node.type == "identifier" and index.text(node) in index.imports:
            # imported (`import { jira } from './jira.js'`) or required (`const jira =
            # require('./jiraClient')`): what the environment knows of it
            return self._exported(index.imports[index.text(node)])
        if node.type == "identifier" and index.text(node) not in index.declared_names:
            return None
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and obj.type == "this":
                name = index.text(prop)
                if name not in index.this_fields and name in index.param_properties:
                    cls = self._typed(index.param_properties[name].child_by_field_name("type"))
                    return JsSdkValue(cls, None, {}) if cls is not None else None
        trace = Trace()
        target = self.values.resolve(node, ctx, trace)
        if isinstance(target, Unknown):
            imported = index.imports.get(target.name or "")
            if imported is not None and target.name not in index.declared_names:
                return self._exported(imported)
            if node.type != "identifier":
                return None  # `client.board`: a member of a parameter, not the parameter
            for fkey, name in trace.params:
                if name != index.text(node):
                    continue
                scope_index = index.function_scope.get(fkey)
                param = index.scopes[scope_index].params.get(name) if scope_index is not None else None
                cls = self._typed(param.type_node) if param is not None else None
                if cls is not None:
                    return JsSdkValue(cls, None, {})
            return None
        if not isinstance(target, tuple):
            return None
        made, made_ctx = target
        made = unwrap(made)
        while made.type == "await_expression" and made.named_children:
            made = unwrap(made.named_children[0])
        if made.type in ("required_parameter", "optional_parameter"):
            cls = self._typed(made.child_by_field_name("type"))
            return JsSdkValue(cls, None, {}) if cls is not None else None
        return self._constructed(made, made_ctx)

    def _constructed(self, made: Node, ctx: Ctx) -> JsSdkValue | None:
        """``new Version3Client(config)`` or ``createCloudClient(config)``."""
        if made.type == "new_expression":
            constructor = made.child_by_field_name("constructor")
            cls = self.class_named(constructor) if constructor is not None else None
        elif made.type == "call_expression":
            function = made.child_by_field_name("function")
            cls = self.class_named(function) if function is not None else None
            if cls is not None and (cls.info is None or cls.info.get("construct") != "factory"):
                cls = None
            if cls is None:
                return self._factory_call(made)
        else:
            return None
        if cls is None:
            return None
        args = arguments_of(made)
        config = self._config(args[0], ctx) if args else None
        return JsSdkValue(cls, config, self._options(cls, config))

    def _config(self, node: Node, ctx: Ctx) -> tuple[Node, Ctx] | None:
        """The options object a client is built from; through ``createClient(config)``."""
        target = self.values.resolve(node, ctx, Trace())
        if not isinstance(target, tuple):
            return None
        found, found_ctx = target
        found = unwrap(found)
        if found.type == "call_expression":
            function = found.child_by_field_name("function")
            args = arguments_of(found)
            if function is not None and args and self.index.text(unwrap(function)).endswith("createClient"):
                return self._config(args[0], found_ctx)
            return None
        return (found, found_ctx) if found.type == "object" else None

    def _exported(self, imported: tuple[str, str]) -> JsSdkValue | None:
        """A client another module exports, as the environment knows it
        (``Export(kind="client", type="jira.js Version3Client", options=...)``)."""
        if self.environment is None:
            return None
        return self._exported_as(imported, "client")

    def _exported_as(self, imported: tuple[str, str], kind: str) -> JsSdkValue | None:
        """The SDK value of ``module.name`` when the environment exports it as ``kind``
        (``client`` or ``factory``) of a known SDK class; else None."""
        if self.environment is None:
            return None
        export = self.environment.lookup(f"{imported[0]}.{imported[1]}")
        if export is None or export.kind != kind or not export.type or " " not in export.type:
            return None
        sdk_module, _, class_name = export.type.partition(" ")
        cls = self.sdks.klass(sdk_module, class_name)
        if cls is None:
            return None
        return JsSdkValue(cls, None, {k: _coerce(v) for k, v in export.options.items()})

    # ------------------------------------------------------------------ options and sites

    def _options(self, cls: SdkClass, config: tuple[Node, Ctx] | None) -> dict[str, object]:
        found: dict[str, object] = {}
        if config is None:
            return found
        for name, source in cls.option_sources():
            value = self._source(config, source)
            if value is None:
                continue
            literal = self._literal(*value)
            if literal is not _UNKNOWN:
                found[name] = literal
        return found

    def _source(self, config: tuple[Node, Ctx], source: Mapping[str, Any]) -> tuple[Node, Ctx] | None:
        key = source.get("key")
        if source.get("arg", 0) != 0 or not key:
            return None
        node, ctx = config
        for part in str(key).split("."):
            found = self.values.object_prop(node, ctx, part, Trace())
            if not isinstance(found, tuple):
                return None
            node, ctx = found
        return node, ctx

    def _literal(self, node: Node, ctx: Ctx) -> object:
        target = self.values.resolve(node, ctx, Trace())
        if not isinstance(target, tuple):
            return _UNKNOWN
        value = unwrap(target[0])
        if value.type == "string":
            return string_literal(value, self.index)
        if value.type == "number":
            return self.index.text(value)
        if value.type in ("true", "false"):
            return value.type == "true"
        return _UNKNOWN

    def site_candidates(self, client: JsSdkValue) -> list[Candidate]:
        """The ``host`` given to a constructor, as ``base-url`` sites at its literals."""
        if client.config is None:
            return []
        for source in client.cls.site_sources():
            found = self._source(client.config, source)
            if found is None:
                continue
            trace = Trace()
            self.values.text(found[0], found[1], trace)
            candidates = []
            data = self.index.data
            for start, end in sorted(trace.consumed):
                text = data[start:end].decode("utf-8", errors="replace").strip("'\"` ")
                if not text or config_value_kind(text) is None:
                    continue
                url = self._base_url(client, text)
                candidates.append(Candidate(
                    url, self.source.char_offset(start), self.source.char_offset(end), kind="base-url",
                    consumed=[(start, end)], via=client.cls.display, classified=True,
                    sdk=client.cls.use))
            return candidates
        return []

    def _base_url(self, client: JsSdkValue, text: str) -> str:
        if "://" in text:
            return text
        protocol = client.options.get("protocol")
        scheme = protocol.rstrip(":") if isinstance(protocol, str) and protocol else "https"
        return f"{scheme}://{text}"

    # ------------------------------------------------------------------ call sites

    def sites(self, call: Node) -> list[Candidate] | None:
        """What one call sends through an SDK; None when it is no SDK call at all."""
        made = self._constructed(call, EMPTY) if call.type == "new_expression" else None
        if call.type == "call_expression":
            made = self._constructed(call, EMPTY)
        if made is not None:
            requests = self.sdks.constructor(made.cls, made.options)
            here = [self._request(call, r.path, r.method, made.cls.display, r.use) for r in requests]
            return here + self.site_candidates(made)
        if call.type != "call_expression":
            return None
        callee = call.child_by_field_name("function")
        if callee is None:
            return None
        callee = unwrap(callee)
        if callee.type != "member_expression":
            return None
        chain: list[str] = []
        receiver: Node | None = callee
        client: JsSdkValue | None = None
        for _ in range(_MAX_CHAIN):
            if receiver is None or receiver.type != "member_expression":
                return None
            prop = receiver.child_by_field_name("property")
            if prop is None:
                return None
            chain.insert(0, self.index.text(prop))
            receiver = receiver.child_by_field_name("object")
            if receiver is None:
                return None
            client = self.value_of(receiver)
            if client is not None:
                break
            receiver = unwrap(receiver)
        if client is None:
            return None
        raw = self._raw(client, chain, call)
        if raw is not None:
            return [raw]
        outcome = self.sdks.call(client.cls, ".".join(chain), client.options)
        if not outcome.requests and len(chain) > 2:
            return None  # client.config.host.toString(): data, not a method group
        if not outcome.requests:
            if outcome.use.reason and outcome.use.reason.endswith(_NO_REQUEST):
                return []
            return [self._request(call, "{}", None, outcome.via, outcome.use)]
        return [self._request(call, r.path, r.method, outcome.via, r.use) for r in outcome.requests]

    def _request(self, call: Node, url: str, method: str | None, via: str, use: SdkUse,
                 consumed: frozenset[tuple[int, int]] = frozenset()) -> Candidate:
        start, end = self.source.char_offset(call.start_byte), self.source.char_offset(call.end_byte)
        return Candidate(url, start, end, method, "literal", "call", consumed=consumed, via=via,
                         classified=True, sdk=use)

    def _raw(self, client: JsSdkValue, chain: list[str], call: Node) -> Candidate | None:
        """``client.sendRequest({ url, method })`` / jira-client ``doRequest``."""
        name = ".".join(chain)
        for entry in client.cls.raw_entries():
            if entry.get("attribute"):
                continue
            methods: Mapping[str, str] = entry.get("methods", {})
            if name not in methods:
                continue
            args = arguments_of(call)
            via = f"{client.cls.display}.{name}"
            if not args:
                return self._request(call, "{}", None, via, client.cls.use)
            url_source = entry.get("url", {})
            trace = Trace()
            url_node = self.values.object_prop(args[0], EMPTY, str(url_source.get("key", "url")), trace)
            url = self.values.text(url_node[0], url_node[1], trace) if isinstance(url_node, tuple) else "{}"
            spec = methods[name]
            method: str | None = spec
            if spec.startswith("KEY:"):
                method = self.values.method(args[0], EMPTY, trace, default="GET",
                                            keys=(spec.split(":", 1)[1],))
            relative_to = entry.get("relative_to")
            if relative_to and "://" not in url and not url.startswith("{"):
                url = join(str(relative_to), url, "slash")
            return self._request(call, url, method, via, client.cls.use, frozenset(trace.consumed))
        return None


    # ------------------------------------------------------------------ cross-file summaries

    def export_of(self, node: Node) -> Export | None:
        """The summary entry for an exported value that is an SDK client (issue #13):
        ``Export("client", type="jira.js Version3Client", options={"apiVersion": "2"})``."""
        from scopelint.scanning.core.environment import Export

        value = self.value_of(node)
        kind: Literal["client", "factory"] = "client"
        if value is None:
            value, kind = self._made_by(node), "factory"
        if value is None:
            return None
        return Export(kind, type=value.cls.name, options={k: str(v) for k, v in value.options.items()})

    def _made_by(self, node: Node) -> JsSdkValue | None:
        """The client a function returns (``function makeAgileClient(config) { return new
        AgileClient(...) }``): calling it, in another module, makes that client."""
        target = self.values.resolve(node, EMPTY, Trace()) if node.type == "identifier" else (node, EMPTY)
        if not isinstance(target, tuple):
            return None
        function = unwrap(target[0])
        if function.type not in FUNCTION_TYPES and function.type != "arrow_function":
            return None
        body = function.child_by_field_name("body")
        if body is None:
            return None
        returned = [body] if body.type != "statement_block" else [
            statement.named_children[0] for statement in body.named_children
            if statement.type == "return_statement" and statement.named_children]
        for value in returned:
            found = self.value_of(value)
            if found is not None:
                return found
        return None

    def _factory_call(self, made: Node) -> JsSdkValue | None:
        """``makeAgileClient(config)`` / ``(0, jira_1.makeAgileClient)(config)`` where another
        module exports that function as a client factory."""
        if self.environment is None:
            return None
        callee = unwrap(made.child_by_field_name("function") or made)
        index = self.index
        imported: tuple[str, str] | None = None
        if callee.type == "identifier":
            imported = index.imports.get(index.text(callee))
        elif callee.type == "member_expression":
            obj = callee.child_by_field_name("object")
            prop = callee.child_by_field_name("property")
            if obj is not None and prop is not None and obj.type == "identifier":
                module = index.imports.get(index.text(obj))
                if module is not None and module[1] in ("default", "*"):
                    imported = (module[0], index.text(prop))
        if imported is None:
            return None
        return self._exported_as(imported, "factory")

    def exports(self, root: Node) -> dict[str, Export]:
        """The SDK clients a module exports, by exported name (``default`` for
        ``module.exports = jira`` and ``export default``): ``export const jira = new
        Version3Client(...)``, ``module.exports = { jira }``, ``exports.jira = jira``."""
        found: dict[str, Export] = {}
        index = self.index
        for statement in root.named_children:
            if statement.type == "export_statement":
                value = statement.child_by_field_name("value")
                declaration = statement.child_by_field_name("declaration")
                if value is not None:
                    self._export(found, "default", value)
                elif declaration is not None and declaration.type in FUNCTION_TYPES:
                    name = declaration.child_by_field_name("name")
                    if name is not None:  # export function makeClient() { return new ... }
                        self._export(found, index.text(name), declaration)
                elif declaration is not None:
                    for declarator in declaration.named_children:
                        name = declarator.child_by_field_name("name")
                        init = declarator.child_by_field_name("value")
                        if name is not None and init is not None and name.type == "identifier":
                            self._export(found, index.text(name), init)
            elif statement.type == "expression_statement" and statement.named_children:
                assignment = statement.named_children[0]
                if assignment.type != "assignment_expression":
                    continue
                left = assignment.child_by_field_name("left")
                right = assignment.child_by_field_name("right")
                if left is None or right is None:
                    continue
                target = index.text(left)
                if target == "module.exports":
                    resolved = self.values.resolve(right, EMPTY, Trace())
                    if isinstance(resolved, tuple) and resolved[0].type == "object":
                        for pair in resolved[0].named_children:
                            key = pair.child_by_field_name("key") if pair.type == "pair" else pair
                            item = pair.child_by_field_name("value") if pair.type == "pair" else pair
                            if key is not None and item is not None:
                                self._export(found, index.text(key), item)
                    else:
                        self._export(found, "default", right)
                elif target.startswith(("exports.", "module.exports.")):
                    self._export(found, target.rsplit(".", 1)[1], right)
        return found

    def _export(self, found: dict[str, Export], name: str, node: Node) -> None:
        export = self.export_of(node)
        if export is not None:
            found[name] = export


def _coerce(value: object) -> object:
    """An option from a summary (a template string) as the literal it stands for."""
    if value in ("true", "True"):
        return True
    if value in ("false", "False"):
        return False
    return value

