"""The requests of a PowerShell file: web cmdlet calls, calls of the file's own wrapper
functions, and calls of wrappers another file exports (through the environment).

A request is evaluated with an :class:`~.values.Evaluator` into (URL, method, how the method
was known).  A wrapper call evaluates the wrapper's own request with the wrapper's parameters
bound to what the caller passed (``Invoke-JiraApi -Path "/issue/$Key" -Method Put``), its
defaults where the caller passed nothing (``[WebRequestMethod]$Method = 'Get'``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.methods import method_word
from scopelint.scanning.languages.powershell.syntax import (
    Bound,
    Parameter,
    bind,
    command_items,
    hash_entries,
    hash_literal,
    positional_order,
    resolve_parameter,
    text_of,
    unwrap,
    variable_name,
)
from scopelint.scanning.languages.powershell.values import Evaluator, Facts, Scope
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.candidate import MethodSource
    from scopelint.scanning.core.environment import Export
    from scopelint.scanning.core.knowledge import CallRow

SENTINEL = "\x00"
_LITERAL_TYPES = frozenset({"string_literal", "generic_token", "command_name"})


class Result:
    __slots__ = ("method", "source", "url")

    def __init__(self, url: str, method: str | None, source: MethodSource) -> None:
        self.url = url
        self.method = method
        self.source: MethodSource = source


class Arguments:
    """A command's arguments bound to parameter names (lower case), each with the scope its
    value is read in (a splatted hashtable's entries belong to where it was built)."""

    __slots__ = ("explicit", "values")

    def __init__(self) -> None:
        self.values: dict[str, tuple[Node, Scope]] = {}
        self.explicit: set[str] = set()  # written at the call, not splatted

    @classmethod
    def read(cls, command: Node, scope: Scope, facts: Facts, parameters: list[str],
             switches: list[str], positional: list[str]) -> Arguments:
        bound: Bound = bind(command_items(command), parameters, switches, positional)
        arguments = cls()
        for splat in bound.splats:
            qualifier, name = variable_name(splat)
            search = facts.script if qualifier in ("script", "global") else scope
            table = facts.hashtable(name, search, command.start_byte)
            if table is None:
                continue
            owner, entries = table
            for key, node in entries.items():
                resolved = resolve_parameter(key, parameters) or key
                arguments.values[resolved.lower()] = (node, owner)
        for name, node in bound.values.items():
            arguments.values[name.lower()] = (node, scope)
            arguments.explicit.add(name.lower())
        return arguments

    def get(self, *names: str) -> tuple[Node, Scope] | None:
        for name in names:
            found = self.values.get(name.lower())
            if found is not None:
                return found
        return None


def method_of(node: Node, scope: Scope, evaluator: Evaluator) -> str | None:
    """``Put``, ``'Put'``, ``[WebRequestMethod]::Put``, ``$Method``: upper case, or None."""
    node = unwrap(node)
    if node.type == "member_access" and node.named_children and node.named_children[0].type == "type_literal":
        text: str | None = text_of(node.named_children[-1])
    else:
        text = evaluator.value(node, scope)
    if text is not None and text.strip().lower() == "default":
        return "GET"
    return method_word(text)


def is_literal(node: Node) -> bool:
    node = unwrap(node)
    if node.type == "member_access":
        return bool(node.named_children) and node.named_children[0].type == "type_literal"
    return node.type in _LITERAL_TYPES and not (node.type == "string_literal" and node.named_children
                                                 and node.named_children[0].named_children)


class ClientRequest:
    """``Invoke-RestMethod -Uri ... -Method ...`` (or a splatted hashtable)."""

    __slots__ = ("arguments", "command", "row", "scope")

    def __init__(self, command: Node, scope: Scope, row: CallRow, arguments: Arguments) -> None:
        self.command = command
        self.scope = scope
        self.row = row
        self.arguments = arguments

    @property
    def via(self) -> str:
        return self.row.names[0]

    def _url(self) -> tuple[Node, Scope] | None:
        keyword = self.row.url.keyword or "Uri"
        return self.arguments.get(keyword)

    def anchor(self) -> Node:
        url = self._url()
        if url is not None and url[0].start_byte >= self.command.start_byte \
                and url[0].end_byte <= self.command.end_byte:
            return url[0]
        return self.command

    def evaluate(self, evaluator: Evaluator) -> Result | None:
        url_arg = self._url()
        if url_arg is None:
            return None
        url = evaluator.text(url_arg[0], url_arg[1])
        method_arg = self.arguments.get(*self.row.method_keys)
        if method_arg is None:
            method: str | None = "GET"
            source: MethodSource = "default"
        else:
            method = method_of(method_arg[0], method_arg[1], evaluator)
            source = "literal" if is_literal(method_arg[0]) else "inferred"
        body_key = self.row.data.keyword if self.row.data is not None else None
        body = self.arguments.get(body_key) if body_key else None
        if body is not None and method == "GET":
            url = _with_query(url, body[0], body[1], evaluator)
        return Result(url, method, source if method is not None else "unknown")


def _with_query(url: str, body: Node, scope: Scope, evaluator: Evaluator) -> str:
    """A -Body hashtable on a GET is sent as the query string."""
    literal = hash_literal(body)
    keys: list[str] = []
    if literal is not None:
        keys = [key for key, _node, _value in hash_entries(literal)]
    elif unwrap(body).type == "variable":
        table = evaluator.facts.hashtable(variable_name(unwrap(body))[1], scope, body.start_byte)
        keys = sorted(table[1]) if table is not None else []
    if not keys:
        return url
    query = "&".join(f"{key}={{{key}}}" for key in keys)
    return url + ("&" if "?" in url else "?") + query


class Helper:
    """A function of this file whose request takes its URL (or method) from parameters."""

    __slots__ = ("function", "method_param", "name", "parameters", "request", "scope", "url_params",
                 "used")

    def __init__(self, scope: Scope, request: Request, url_params: list[str],
                 method_param: str | None) -> None:
        assert scope.function is not None
        self.scope = scope
        self.function = scope.function
        self.name = _function_name(scope.function)
        self.parameters: list[Parameter] = list(scope.parameters.values())
        self.request = request
        self.url_params = url_params
        self.method_param = method_param  # lower case
        self.used = False


def _function_name(function: Node) -> str:
    for child in function.named_children:
        if child.type == "function_name":
            return text_of(child)
    return ""


def probe(request: Request, facts: Facts) -> Helper | None:
    """The helper ``request``'s function is, if its URL or method comes from parameters."""
    from scopelint.scanning.urls import url_kind

    scope = request.scope
    if scope.function is None or not scope.parameters:
        return None
    marks = {(scope.start, name): f"{SENTINEL}{p.name}{SENTINEL}" for name, p in scope.parameters.items()}
    result = request.evaluate(Evaluator(facts, marks))
    if result is None:
        return None
    url_params = [p.name for p in scope.parameters.values() if f"{SENTINEL}{p.name}{SENTINEL}" in result.url]
    method_param = _method_param(request, facts)
    if not url_params and method_param is None:
        return None
    readable = result.url.replace(SENTINEL, "")
    if url_params and method_param is None and url_kind(readable) == "call":
        return None  # a whole REST call already: reported where it is
    return Helper(scope, request, url_params, method_param)


def _method_param(request: Request, facts: Facts) -> str | None:
    """The parameter of the request's function that its method comes from, if any."""
    if isinstance(request, ClientRequest):
        found = request.arguments.get(*request.row.method_keys)
    elif isinstance(request, HelperRequest):
        param = request.helper.method_param
        found = request.arguments.get(param) if param else None
    else:
        return None
    if found is None:
        return None
    node = unwrap(found[0])
    if node.type != "variable":
        return None
    name = variable_name(node)[1].lower()
    located = facts.lookup(name, found[1], node.start_byte)
    if located is None or located[2] != "param" or located[0] is not request.scope:
        return None
    return name


class HelperRequest:
    """A call of one of this file's helpers (``Invoke-JiraApi -Path ... -Method Put``)."""

    __slots__ = ("arguments", "command", "facts", "helper", "scope")

    def __init__(self, command: Node, scope: Scope, helper: Helper, facts: Facts) -> None:
        self.command = command
        self.scope = scope
        self.helper = helper
        self.facts = facts
        parameters = helper.parameters
        self.arguments = Arguments.read(
            command, scope, facts,
            [p.name for p in parameters if not p.switch], [p.name for p in parameters if p.switch],
            positional_order(parameters),
        )

    @property
    def via(self) -> str:
        return self.helper.request.via

    def anchor(self) -> Node:
        for name in self.helper.url_params:
            found = self.arguments.values.get(name.lower())
            if found is not None and name.lower() in self.arguments.explicit:
                return found[0]
        return self.command

    def evaluate(self, evaluator: Evaluator) -> Result | None:
        overrides = dict(evaluator.overrides)
        inner_scope = self.helper.scope
        for name, (node, scope) in self.arguments.values.items():
            if name in inner_scope.parameters:
                overrides[(inner_scope.start, name)] = evaluator.text(node, scope)
        inner = Evaluator(self.facts, overrides, evaluator.trace)
        result = self.helper.request.evaluate(inner)
        if result is None:
            return None
        param = self.helper.method_param
        if param is not None and result.method is not None:
            given = self.arguments.values.get(param)
            if given is None:
                result.source = "default"
            else:
                result.source = "literal" if is_literal(given[0]) else "inferred"
        return result


Request = ClientRequest | HelperRequest


class ExportRequest:
    """A call of a wrapper another file exports (known through the environment)."""

    __slots__ = ("arguments", "command", "export", "name", "scope")

    def __init__(self, command: Node, scope: Scope, name: str, export: Export, facts: Facts) -> None:
        self.command = command
        self.scope = scope
        self.name = name
        self.export = export
        params = [p.name for p in export.params]
        self.arguments = Arguments.read(command, scope, facts, params, [], params)

    @property
    def via(self) -> str:
        return self.name

    def _url_params(self) -> list[str]:
        template = self.export.template or ""
        return [p.name for p in self.export.params if "{" + p.name + "}" in template]

    def anchor(self) -> Node:
        for name in self._url_params():
            found = self.arguments.values.get(name.lower())
            if found is not None and name.lower() in self.arguments.explicit:
                return found[0]
        return self.command

    def evaluate(self, evaluator: Evaluator) -> Result | None:
        if self.export.template is None:
            return None
        values: dict[str, str] = {}
        for param in self.export.params:
            given = self.arguments.values.get(param.name.lower())
            if given is not None:
                values[param.name] = evaluator.text(given[0], given[1])
            elif param.default is not None:
                values[param.name] = param.default
        url = _fill(self.export.template, values)
        method_text = _fill(self.export.method or "", values) if self.export.method else None
        method = method_word(method_text) if method_text else None
        source: MethodSource = "inferred" if method is not None else "unknown"
        return Result(url, method, source)


class UnknownWrapperRequest:
    """A call of a command nobody here defines that names both an HTTP method and a REST path
    (``Invoke-JiraApi -Path "/rest/api/3/issue/$Key" -Method Put``, the wrapper imported from a
    module this scan cannot read): the request the wrapper sends, its method taken from the
    ``-Method`` argument (``inferred``: the wrapper is assumed to pass it on).  Without a
    ``-Method`` the path stays a leftover string, its method unknown (the wrapper's default
    is not known here)."""

    __slots__ = ("arguments", "command", "name", "url")

    def __init__(self, command: Node, scope: Scope, name: str, facts: Facts) -> None:
        self.command = command
        self.name = name
        items = command_items(command)
        names = list(dict.fromkeys(item.text for item in items if item.kind == "param"))
        self.arguments = Arguments.read(command, scope, facts, names, [], [])
        self.url: tuple[Node, Scope] | None = None

    @property
    def via(self) -> str:
        return self.name

    def anchor(self) -> Node:
        return self.url[0] if self.url is not None else self.command

    def evaluate(self, evaluator: Evaluator) -> Result | None:
        given = self.arguments.get(*METHOD_PARAMETERS)
        if given is None:
            return None
        method = method_of(given[0], given[1], evaluator)
        if method is None:
            return None
        for name, (node, scope) in self.arguments.values.items():
            if name in METHOD_PARAMETERS:
                continue
            url = evaluator.text(node, scope)
            if is_rest_path(url):
                self.url = (node, scope)
                return Result(url, method, "inferred")
        return None


# Parameter names a wrapper takes its HTTP method by (``[WebRequestMethod]$Method``).
METHOD_PARAMETERS = ("method", "httpmethod", "verb")


def is_rest_path(url: str) -> bool:
    """A URL or path of an Atlassian REST call (``/rest/api/3/...``, ``/wiki/api/v2/...``)."""
    return url_kind(normalise_placeholders(url.replace(SENTINEL, ""))) == "call"


def _fill(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template
