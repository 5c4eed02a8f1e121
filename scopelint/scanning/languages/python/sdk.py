"""Python: calls made through Atlassian SDKs (pycontribs ``jira``, ``atlassian-python-api``).

Objects are followed the way a reader follows them, by the same qualified names as the HTTP
clients (``from jira import JIRA`` + ``JIRA(...)`` is ``jira.JIRA``):

* a client constructed and used (``jira = JIRA(server=...)``, ``with Jira(...) as jira``);
  stored on ``self`` (``self.jira = JIRA(...)``); returned by a function of the file
  (``def get_jira(): return JIRA(...)``, or its ``-> JIRA`` annotation); a typed parameter
  (``def triage(jira: JIRA)``); an instance of the file's subclass of an SDK class
  (``class SupportJira(JIRA)``, also ``self`` in its methods); a name another module exports,
  when the environment knows it (``Export(kind="client", type="jira.JIRA", ...)``); an
  attribute, dataclass field or ``@property`` typed or set to a client, also of a class
  another module exports (a base class, ``state = StateConfig()``, ``state: StateConfig``);
* resources a method returns (``jira.issue(key).update(...)``, through the table's
  ``returns``), and the SDK's raw escape hatches (``jira._session.get(url)``,
  ``confluence.get("rest/api/content/1")``).

Each recognised call becomes :class:`SdkSite` values (one per request; none for a method
that sends nothing), which the extractor emits.  The constructor options written as literals
(``cloud=True``, ``get_server_info=False``, ``options={"rest_api_version": "3"}``) choose
among the table's rows; the site URL given to a constructor becomes a ``base-url`` site at
the literal that holds it (SL001), with the client's product.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scopelint.scanning.core.candidate import config_value_kind
from scopelint.scanning.core.sdk import FileSdks, SdkClass
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.languages.python.scopes import (
    Binding,
    Class,
    Collector,
    Func,
    Scope,
    argument,
    is_none,
    is_property,
    lookup,
    node_start,
)

if TYPE_CHECKING:
    from scopelint.model import SdkUse
    from scopelint.scanning.core.environment import Environment, Export
    from scopelint.scanning.languages.python.evaluate import Evaluator

_MAX_DEPTH = 16
_MAX_CHAIN = 4
_NO_REQUEST = "made no request"
_UNKNOWN = object()


class SdkValue:
    """An object made by an SDK: its class, the constructor options written as literals, and
    the file's own subclass it is an instance of (whose own methods are not SDK calls).
    ``many``: a list of such objects (``jira.search_issues(...)``: Issue resources)."""

    __slots__ = ("cls", "local", "many", "options")

    def __init__(self, cls: SdkClass, options: Mapping[str, object], local: Class | None = None,
                 many: bool = False) -> None:
        self.cls = cls
        self.options = options
        self.local = local
        self.many = many

    def element(self) -> SdkValue | None:
        return SdkValue(self.cls, self.options) if self.many else None


class SdkSite:
    """One thing to emit for a recognised SDK call: a request (``method`` + ``url``, a path
    from the table or the URL expression of a raw call), an unresolved SDK call (``url``
    ``"{}"``), or the site URL given to a constructor (``kind`` ``base-url``, at ``node``)."""

    __slots__ = ("kind", "method", "node", "url", "url_expr", "use", "via")

    def __init__(self, node: ast.AST, url: str, method: str | None, via: str, use: SdkUse,
                 kind: str = "call", url_expr: ast.expr | None = None) -> None:
        self.node = node
        self.url = url
        self.method = method
        self.via = via
        self.use = use
        self.kind = kind
        self.url_expr = url_expr  # raw calls: the expression the URL was read from


class PythonSdks:
    """Recognises the SDK calls of one file (see the module docstring)."""

    def __init__(self, facts: Collector, sdks: FileSdks, evaluator: Evaluator,
                 environment: Environment | None = None) -> None:
        self.facts = facts
        self.sdks = sdks
        self.evaluator = evaluator
        self.environment = environment
        self.consumed: set[int] = set()  # literals read as site URLs (not leftovers)

    # ------------------------------------------------------------------ what things are

    def class_named(self, qualified: str | None) -> SdkClass | None:
        return self.sdks.klass(qualified) if qualified else None

    def qualified(self, node: ast.expr) -> str | None:
        """``JIRA`` -> ``jira.JIRA``, ``atlassian.Confluence`` -> itself, through the imports;
        a string annotation (``"JIRA"``) is read as the name it holds."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                node = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return None
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = self.facts.imported.get(node.id)
        return None if root is None else ".".join([root, *reversed(parts)])

    def constructed(self, func: ast.expr, scope: Scope) -> tuple[SdkClass, Class | None] | None:
        """The SDK class a call of ``func`` constructs: an SDK class by name, or a subclass of
        one defined in this file."""
        cls = self.class_named(self.qualified(func))
        if cls is not None:
            return cls, None
        classes = self.facts.classes
        if isinstance(func, ast.Name) and func.id in classes and func.id not in self.facts.imported:
            local = self.facts.classes[func.id]
            base = self._base_of(local, 0)
            if base is not None:
                return base, local
        return None

    def _base_of(self, local: Class, depth: int) -> SdkClass | None:
        if depth > _MAX_DEPTH:
            return None
        for base in local.base_exprs:
            cls = self.class_named(self.qualified(base))
            if cls is not None:
                return cls
            if isinstance(base, ast.Name) and base.id in self.facts.classes:
                found = self._base_of(self.facts.classes[base.id], depth + 1)
                if found is not None:
                    return found
        return None

    def value_of(self, node: ast.expr, scope: Scope, depth: int = 0) -> SdkValue | None:
        """The SDK object ``node`` is, if it is one."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, ast.Await):
            return self.value_of(node.value, scope, depth + 1)
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):  # issues[0]
            listed = self.value_of(node.value, scope, depth + 1)
            return listed.element() if listed is not None else None
        if isinstance(node, ast.Call):
            return self._call_value(node, scope, depth)
        if isinstance(node, ast.Name):
            if node.id in ("self", "cls") and scope.cls is not None:
                base = self._base_of(scope.cls, 0)
                return SdkValue(base, {}, scope.cls) if base is not None else None
            binding = lookup(scope, node.id, node_start(node))
            if binding is None:
                return self._exported(self.facts.imported.get(node.id))
            return self._binding_value(binding, depth)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner: Class | None = None
            if node.value.id in ("self", "cls"):
                owner = scope.cls
            elif node.value.id in self.facts.classes:
                owner = self.facts.classes[node.value.id]
            else:
                owner = self._instance_of(node.value, scope)
            if owner is not None:
                return self._attribute_value(owner, node.attr, depth)
            foreign = self._foreign_attribute(node.value, node.attr, scope)
            if foreign is not None:
                return foreign
            if node.value.id in self.facts.imported:
                return self._exported(self.qualified(node))
        return None

    def _instance_of(self, name: ast.Name, scope: Scope) -> Class | None:
        """The class of this file that ``name`` is an instance of (``state = AppState()``)."""
        binding = lookup(scope, name.id, node_start(name))
        value = binding.value if binding is not None else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            return self.facts.classes.get(value.func.id)
        return None

    def _foreign_attribute(self, name: ast.Name, attr: str, scope: Scope) -> SdkValue | None:
        """``state.client``, ``state`` made by or typed as a class another module exports."""
        binding = lookup(scope, name.id, node_start(name))
        if binding is None:
            return None
        made: ast.expr | None = binding.annotation if binding.param else None
        if made is None and isinstance(binding.value, ast.Call):
            made = binding.value.func
        return self._exported_member(self.qualified(made), attr) if made is not None else None

    def _attribute_value(self, owner: Class, attr: str, depth: int) -> SdkValue | None:
        """An attribute's SDK object: its last assigned value (a placeholder ``None`` left
        out), else its declared type (``confluence: Confluence = None``, a dataclass field),
        else what a ``@property`` of that name returns; then the attribute of a base class
        another module exports (``class Source(BaseSource)``, ``BaseSource.jira -> JIRA``)."""
        lineage = owner.lineage()
        for cls in lineage:
            bindings = [b for b in cls.attrs.get(attr, [])
                        if b.value is not None and not is_none(b.value)]
            if bindings:
                return self._binding_value(bindings[-1], depth)
            annotation = cls.annotations.get(attr)
            if annotation is not None:
                declared = self._annotated(annotation)
                return SdkValue(declared, {}) if declared is not None else None
            prop = cls.methods.get(attr)
            if prop is not None and is_property(prop):
                return self._returned_value(prop, depth)
        for cls in lineage:
            for base in cls.base_exprs:
                found = self._exported_member(self.qualified(base), attr)
                if found is not None:
                    return found
        return None

    def _exported_member(self, qualified: str | None, attr: str) -> SdkValue | None:
        """The client attribute ``attr`` of a class another module exports (``qualified``)."""
        if qualified is None or self.environment is None or self.class_named(qualified) is not None:
            return None
        export = self.environment.lookup(qualified)
        member = export.members.get(attr) if export is not None else None
        if member is None or member.kind != "client" or not member.type:
            return None
        found = self.class_named(member.type)
        return SdkValue(found, {k: _coerce(v) for k, v in member.options.items()}) if found else None

    def _returned_value(self, function: Func, depth: int) -> SdkValue | None:
        """The SDK object a function of this file returns, else its ``-> JIRA`` annotation."""
        if depth > _MAX_DEPTH:
            return None
        for returned in function.returns:
            found = self.value_of(returned, function.scope, depth + 1)
            if found is not None:
                return found
        annotation = function.node.returns
        declared = self._annotated(annotation) if annotation is not None else None
        return SdkValue(declared, {}) if declared is not None else None

    def _binding_value(self, binding: Binding, depth: int) -> SdkValue | None:
        if binding.param:
            if binding.annotation is None:
                return None
            cls = self._annotated(binding.annotation)
            return SdkValue(cls, {}) if cls is not None else None
        if binding.element_of is not None:  # for issue in jira.search_issues(...)
            listed = self.value_of(binding.element_of, binding.scope, depth + 1)
            return listed.element() if listed is not None else None
        if binding.value is None:
            return None
        return self.value_of(binding.value, binding.scope, depth + 1)

    def _annotated(self, annotation: ast.expr) -> SdkClass | None:
        """``JIRA``, ``"JIRA"``, ``JIRA | None``, ``Optional[JIRA]`` -> the SDK class."""
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:  # a string annotation: "JIRA | None"
                annotation = ast.parse(annotation.value, mode="eval").body
            except SyntaxError:
                return None
        if isinstance(annotation, ast.BinOp):  # JIRA | None
            return self._annotated(annotation.left) or self._annotated(annotation.right)
        if isinstance(annotation, ast.Subscript):  # Optional[JIRA]; not list[JIRA]
            wrapper = self.qualified(annotation.value) or ""
            if wrapper.rsplit(".", 1)[-1] not in ("Optional", "Union", "Annotated"):
                return None
            inner = annotation.slice
            options = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            return next((c for c in (self._annotated(o) for o in options) if c is not None), None)
        return self.class_named(self.qualified(annotation))

    def _call_value(self, node: ast.Call, scope: Scope, depth: int) -> SdkValue | None:
        func = node.func
        made = self.constructed(func, scope)
        if made is not None:
            cls, local = made
            return SdkValue(cls, self.options(cls, node, scope), local)
        if isinstance(func, ast.Attribute):
            target = self.method_target(func, scope, depth + 1)
            if target is None:
                return None
            value, chain = target
            if value.many or (value.local is not None and chain[0] in value.local.methods):
                return None
            if len(chain) > 1 and value.cls.info is not None:
                return None
            outcome = self.sdks.call(value.cls, ".".join(chain), value.options)
            resource = self.sdks.resource(value.cls, outcome.returns)
            if resource is not None:
                return SdkValue(resource, value.options)
            listed = self.sdks.resource(value.cls, outcome.items)
            return SdkValue(listed, value.options, many=True) if listed is not None else None
        if isinstance(func, ast.Name):
            function = self._local_function(func.id, scope)
            if function is not None:
                return self._returned_value(function, depth)
            return self._exported(self.facts.imported.get(func.id), called=True)
        return None

    def _local_function(self, name: str, scope: Scope) -> Func | None:
        current: Scope | None = scope
        while current is not None:
            if current.kind != "class" or current is scope:
                found = current.functions.get(name)
                if found is not None:
                    return found
            current = current.parent
        return None

    def _exported(self, qualified: str | None, called: bool = False) -> SdkValue | None:
        """A client another module exports (``Export(kind="client", type=<SDK class>,
        options=...)``), or the result of calling a function it exports (``kind="factory"``),
        as the environment knows them."""
        if qualified is None or self.environment is None:
            return None
        export = self.environment.lookup(qualified)
        if export is None or export.kind != ("factory" if called else "client") or not export.type:
            return None
        cls = self.class_named(export.type)
        return SdkValue(cls, {k: _coerce(v) for k, v in export.options.items()}) if cls is not None else None

    def method_target(self, func: ast.Attribute, scope: Scope,
                      depth: int = 0) -> tuple[SdkValue, list[str]] | None:
        """(the SDK object, the attribute chain called on it) for ``obj.a.b(...)``."""
        chain = [func.attr]
        receiver = func.value
        for _ in range(_MAX_CHAIN):
            value = self.value_of(receiver, scope, depth)
            if value is not None:
                return value, chain
            if not isinstance(receiver, ast.Attribute):
                return None
            chain.insert(0, receiver.attr)
            receiver = receiver.value
        return None

    # ------------------------------------------------------------------ options and sites

    def options(self, cls: SdkClass, call: ast.Call, scope: Scope) -> dict[str, object]:
        """Constructor options written as literals, by the table's option names."""
        found: dict[str, object] = {}
        for name, source in cls.option_sources():
            node = self._source(call, source, scope)
            if node is None:
                continue
            value = self._literal(node, scope)
            if value is not _UNKNOWN:
                found[name] = value
        return found

    def _source(self, call: ast.Call, source: Mapping[str, Any], scope: Scope) -> ast.expr | None:
        position = source.get("arg")
        keyword = source.get("keyword") or ""
        node = argument(call, position if isinstance(position, int) else 1 << 30, keyword)
        key = source.get("key")
        if node is None or not key:
            return node
        return self._dict_value(node, str(key), scope)

    def _dict_value(self, node: ast.expr, key: str, scope: Scope, depth: int = 0) -> ast.expr | None:
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, ast.Dict):
            for item_key, value in zip(node.keys, node.values, strict=True):
                if isinstance(item_key, ast.Constant) and item_key.value == key:
                    return value
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            return next((k.value for k in node.keywords if k.arg == key), None)
        if isinstance(node, ast.Name):
            binding = lookup(scope, node.id, node_start(node))
            if binding is not None and binding.value is not None:
                return self._dict_value(binding.value, key, binding.scope, depth + 1)
        return None

    def _literal(self, node: ast.expr, scope: Scope) -> object:
        if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool):
            return node.value
        if isinstance(node, ast.Name):
            binding = lookup(scope, node.id, node_start(node))
            if binding is not None and isinstance(binding.value, ast.Constant):
                return self._literal(binding.value, binding.scope)
        return _UNKNOWN

    def site_sites(self, cls: SdkClass, call: ast.Call, scope: Scope) -> list[SdkSite]:
        """The site URL a constructor is given, as ``base-url`` sites at the literals that
        hold it (SL001: once per literal; the gateway hint from the client's product)."""
        node: ast.expr | None = None
        for source in cls.site_sources():
            node = self._source(call, source, scope)
            if node is not None:
                break
        if node is None:
            return []
        if isinstance(node, ast.Constant):
            literals: list[ast.Constant] = [node]
        else:
            literals = [c for c in self.evaluator.origins(node, scope) if isinstance(c.value, str)]
        sites: list[SdkSite] = []
        for literal in literals:
            value = literal.value.strip() if isinstance(literal.value, str) else ""
            if not value or config_value_kind(value) is None:
                continue
            self.consumed.add(id(literal))
            url = base_url(cls, value)
            sites.append(SdkSite(literal, url, None, cls.display, cls.use, kind="base-url"))
        return sites

    # ------------------------------------------------------------------ call sites

    def sites(self, node: ast.Call, scope: Scope) -> list[SdkSite] | None:
        """What one call sends through an SDK; None when it is no SDK call at all."""
        func = node.func
        made = self.constructed(func, scope)
        if made is not None:
            cls, _local = made
            options = self.options(cls, node, scope)
            found = [SdkSite(node, r.path, r.method, cls.display, r.use)
                     for r in self.sdks.constructor(cls, options)]
            return found + self.site_sites(cls, node, scope)
        if not isinstance(func, ast.Attribute):
            return None
        target = self.method_target(func, scope)
        if target is None:
            return None
        value, chain = target
        if value.many or (value.local is not None and chain[0] in value.local.methods):
            return None  # a list's own method; the file's own method of its subclass
        if len(chain) == 1 and value.cls.url_builder(chain[0]) is not None:
            return []  # builds a URL and sends nothing (the raw request it feeds is the call)
        raw = self._raw(value, chain, node, scope)
        if raw is not None:
            return [raw]
        if len(chain) > 1 and value.cls.info is not None:
            return None  # issue.fields.labels.append(...): data of a resource, not a method
        outcome = self.sdks.call(value.cls, ".".join(chain), value.options, [k.arg for k in node.keywords])
        if not outcome.requests:
            if outcome.use.reason and outcome.use.reason.endswith(_NO_REQUEST):
                return []
            return [SdkSite(node, "{}", None, outcome.via, outcome.use)]
        return [SdkSite(node, r.path, r.method, outcome.via, r.use) for r in outcome.requests]

    def passed_method(self, node: ast.Call, scope: Scope) -> list[SdkSite] | None:
        """An SDK method handed to a wrapper that calls it (``retry(jira.issue, key)``,
        ``self._with_retry(confluence.get_page_by_id, page_id=pid)``, ``pool.submit(...)``,
        ``functools.partial(...)``): the call it stands for, at the reference, with the
        wrapper's other arguments as its own.  None unless the reference is a method the SDK
        table knows to send requests (a plain attribute is no call)."""
        if not node.args or not isinstance(node.args[0], ast.Attribute):
            return None
        reference = node.args[0]
        if not isinstance(node.func, (ast.Name, ast.Attribute)):
            return None
        proxy = ast.Call(func=reference, args=node.args[1:], keywords=node.keywords)
        ast.copy_location(proxy, reference)
        found = self.sites(proxy, scope)
        if not found or any(site.kind != "call" or site.method is None for site in found):
            return None
        return found

    def _raw(self, value: SdkValue, chain: list[str], node: ast.Call, scope: Scope) -> SdkSite | None:
        """``jira._session.get(url)``, ``confluence.get(path)``: the SDK's raw requests."""
        for entry in value.cls.raw_entries():
            attribute = entry.get("attribute", "")
            if attribute:
                if chain[0] != attribute:
                    continue
                rest = ".".join(chain[1:])
            else:
                rest = ".".join(chain)
            methods: Mapping[str, str] = entry.get("methods", {})
            if rest not in methods:
                continue
            url_expr = self._source(node, entry.get("url", {}), scope)
            method = self._raw_method(methods[rest], node, scope)
            via = f"{value.cls.display}.{'.'.join(chain)}"
            if url_expr is None:
                return SdkSite(node, "{}", method, via, value.cls.use)
            url = self._built_url(url_expr, scope) or self.evaluator.text(url_expr, scope)
            relative_to = entry.get("relative_to")
            if relative_to and "://" not in url and not url.startswith("{"):
                values = self.sdks.option_values(value.cls, value.options)
                base = _substitute(str(relative_to), values)
                url = join(base, url, "slash")
            return SdkSite(node, url, method, via, value.cls.use, url_expr=url_expr)
        return None

    def _built_url(self, expr: ast.expr, scope: Scope) -> str | None:
        """``self._get_url("field")``: the URL an SDK's URL builder makes, as a path."""
        if not isinstance(expr, ast.Call) or not isinstance(expr.func, ast.Attribute):
            return None
        target = self.method_target(expr.func, scope)
        if target is None or len(target[1]) != 1:
            return None
        value, (name,) = target
        builder = value.cls.url_builder(name)
        if builder is None:
            return None
        path_expr = self._source(expr, builder.get("url", {}), scope)
        path = self.evaluator.text(path_expr, scope) if path_expr is not None else "{path}"
        base = _substitute(str(builder["relative_to"]), self.sdks.option_values(value.cls, value.options))
        return join(base, path, "slash")

    def _raw_method(self, spec: str, node: ast.Call, scope: Scope) -> str | None:
        if spec == "ARG0":
            expr = argument(node, 0, "method")
        elif spec.startswith("KEYWORD:"):
            expr = argument(node, 1 << 30, spec.split(":", 1)[1])
            if expr is None:
                return "GET"
        else:
            return spec
        if expr is None:
            return None
        value = self.evaluator.value(expr, scope)
        return value.upper() if value and value.isalpha() else None


    # ------------------------------------------------------------------ cross-file summaries

    def exports(self) -> dict[str, Export]:
        """What this module exports that is an SDK client, for another module's analysis
        (issue #13's summaries): module-level names bound to a client (``jira = JIRA(...)``:
        ``Export("client", type="jira.JIRA", options={"cloud": "True"})``) and module-level
        functions that return one (``def get_jira() -> JIRA``: ``kind="factory"``)."""
        from scopelint.scanning.core.environment import Export

        module = self.facts.module
        found: dict[str, Export] = {}
        for name, bindings in module.bindings.items():
            if name in module.functions or not bindings or bindings[-1].value is None:
                continue
            value = self.value_of(bindings[-1].value, module)
            if value is not None and not value.many:
                found[name] = Export("client", type=value.cls.display, options=_as_text(value.options))
        for name in module.functions:
            call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=[], keywords=[])
            value = self._call_value(call, module, 0)
            if value is not None and not value.many:
                found[name] = Export("factory", type=value.cls.display, options=_as_text(value.options))
        for name, cls in self.facts.classes.items():
            # a class whose attribute or property holds a client (`self._jira: JIRA`,
            # `@property def jira(self) -> JIRA`): for its subclasses and instances elsewhere
            members: dict[str, Export] = {}
            attributes = [*cls.attrs, *cls.annotations,
                          *(n for n, f in cls.methods.items() if is_property(f))]
            for attr in dict.fromkeys(attributes):
                value = self._attribute_value(cls, attr, 0)
                if value is not None and not value.many:
                    members[attr] = Export("client", type=value.cls.display,
                                           options=_as_text(value.options))
            if members and name not in found:
                found[name] = Export("object", members=members)
        return found


def _as_text(options: Mapping[str, object]) -> dict[str, str]:
    return {name: str(value) for name, value in options.items()}


def base_url(cls: SdkClass, value: str) -> str:
    """The site URL to report for a constructor's site literal: a bare host gets
    ``https://``; a Confluence client whose SDK needs ``/wiki`` in a gateway URL
    (atlassian-python-api) gets it, so the gateway hint is the URL the code must use."""
    url = value if "://" in value else "https://" + value
    info = cls.info or {}
    wiki = info.get("cloud_site_path") or info.get("site_suffix")
    if wiki and "/wiki" not in url:
        url = url.rstrip("/") + str(wiki)
    return url


def _coerce(value: object) -> object:
    """An option from a summary (text) as the literal it stands for (``"True"`` -> True)."""
    if value in ("True", "true"):
        return True
    if value in ("False", "false"):
        return False
    return value


def _substitute(path: str, values: Mapping[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{@" + name + "}", value)
    return path
