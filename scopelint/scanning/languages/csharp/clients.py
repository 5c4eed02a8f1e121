"""Which C# calls are HTTP requests: client methods by the receiver's type, request objects
and the calls that send them, and the base URL a client object carries.

Types come from declarations (``HttpClient _http;``, ``RestClient client = ...``), from
construction (``var c = new RestClient(...)``, ``new() { ... }``) and from ``factory`` rows
(``factory.CreateClient("jira")`` is an ``HttpClient``).  A client's base URL comes from its
construction (``new RestClient("https://.../wiki")``, ``new RestClient(options)`` with
``new RestClientOptions(url)``, ``new HttpClient { BaseAddress = ... }``) or a later
assignment (``_http.BaseAddress = new Uri(...)``, in a constructor or before the call).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.knowledge import CallRow, ClientTable
from scopelint.scanning.languages.csharp.values import (
    Binding,
    Evaluator,
    Facts,
    arguments,
    creation_type,
    initializer,
    simple_name,
    strip,
    text_of,
)

if TYPE_CHECKING:
    from tree_sitter import Node

_CREATIONS = ("object_creation_expression", "implicit_object_creation_expression")
_VERB_PREFIXES = ("Get", "Post", "Put", "Patch", "Delete", "Head", "Options")
_MAX_DEPTH = 12


def argument(node: Node, position: int | None, keyword: str | None) -> Node | None:
    positional, named = arguments(node)
    if keyword is not None and keyword.lower() in named:
        return named[keyword.lower()]
    if position is not None and position < len(positional):
        return positional[position]
    return None


def called_name(invocation: Node) -> tuple[Node | None, str]:
    """(receiver expression or None, method name) of an invocation."""
    function = invocation.child_by_field_name("function")
    if function is None:
        return None, ""
    if function.type == "member_access_expression":
        return function.child_by_field_name("expression"), simple_name(function.child_by_field_name("name"))
    return None, simple_name(function)


def sent_method(name: str) -> str | None:
    """``ExecutePostAsync``/``PostAsync``/``Post`` -> POST; ``ExecuteAsync``/``SendAsync`` -> None."""
    bare = name[len("Execute"):] if name.startswith("Execute") else name
    for verb in _VERB_PREFIXES:
        if bare.startswith(verb) and (len(bare) == len(verb) or bare[len(verb):] == "Async"):
            return verb.upper()
    return None


class Clients:
    def __init__(self, facts: Facts, knowledge: ClientTable) -> None:
        self.facts = facts
        self.knowledge = knowledge
        self.request_types = knowledge.names("request_types")
        self.send_methods = knowledge.names("send_methods")
        self.url_keys = tuple(key.lower() for key in sorted(knowledge.names("request_url_keys")))

    # ------------------------------------------------------------- types and origins

    def row(self, type_name: str | None, method: str) -> tuple[CallRow | None, str]:
        """The row for ``method`` on a receiver of ``type_name`` and the name it matched."""
        if type_name:
            found = self.knowledge.exact.get(f"{type_name}.{method}")
            if found is not None:
                return found, f"{type_name}.{method}"
        found = self.knowledge.any_receiver.get(method)
        return found, f"*.{method}"

    def creation_row(self, node: Node) -> CallRow | None:
        type_name = creation_type(node)
        return self.knowledge.exact.get(f"new {type_name}") if type_name else None

    def origin(self, node: Node, depth: int = 0) -> Node | None:
        """The construction (or factory call) an expression's object comes from."""
        node = strip(node)
        if depth > _MAX_DEPTH:
            return None
        if node.type in _CREATIONS:
            return node
        if node.type == "invocation_expression":
            receiver, name = called_name(node)
            receiver_type = self.type_of(receiver, depth + 1) if receiver is not None else None
            row, _matched = self.row(receiver_type, name)
            if row is not None and row.convention == "factory":
                return node
            if receiver is not None and name.startswith(("Add", "With", "Use")):
                # a request builder: new RestRequest(...).AddHeader(...)
                return self.origin(receiver, depth + 1)
            return None
        if node.type in ("identifier", "member_access_expression"):
            binding = self._binding(node)
            if binding is not None and binding.value is not None:
                return self.origin(binding.value, depth + 1)
        return None

    def _binding(self, node: Node) -> Binding | None:
        if node.type == "identifier":
            return self.facts.definition(text_of(node), node)
        target = node.child_by_field_name("expression")
        name = simple_name(node.child_by_field_name("name"))
        if target is not None and target.type == "this":
            return self.facts.definition(name, node)
        if target is not None and target.type == "identifier" and text_of(target) in self.facts.classes:
            return self.facts.static_member(text_of(target), name)
        return None

    def type_of(self, node: Node | None, depth: int = 0) -> str | None:
        if node is None or depth > _MAX_DEPTH:
            return None
        node = strip(node)
        if node.type in ("identifier", "member_access_expression"):
            binding = self._binding(node)
            if binding is None:
                return None
            if binding.type:
                return _normalised(binding.type)
            return self.type_of(binding.value, depth + 1) if binding.value is not None else None
        origin = self.origin(node, depth + 1)
        if origin is None:
            return None
        if origin.type in _CREATIONS:
            row = self.creation_row(origin)
            if row is not None and row.returns:
                return row.returns
            found = creation_type(origin)
            return _normalised(found) if found else None
        receiver, name = called_name(origin)
        row, _matched = self.row(self.type_of(receiver, depth + 1) if receiver is not None else None, name)
        return row.returns if row is not None else None

    def is_request(self, node: Node) -> Node | None:
        """The construction of the request object ``node`` is, if it is one."""
        origin = self.origin(node)
        if origin is None or origin.type not in _CREATIONS:
            return None
        row = self.creation_row(origin)
        if row is not None and row.returns in self.request_types:
            return origin
        return None

    # ------------------------------------------------------------- base URLs

    def base_of(self, receiver: Node | None, at: Node, evaluator: Evaluator) -> tuple[str | None, str]:
        """(base URL template or None, join rule) of the client object ``receiver``."""
        if receiver is None:
            return None, "resolve"
        origin = self.origin(receiver)
        row = None
        if origin is not None:
            row = self.creation_row(origin) if origin.type in _CREATIONS else self._factory_row(origin)
        rule = (row.join if row is not None else None) or "resolve"
        keys = row.base_keys if row is not None and row.base_keys else ("BaseAddress", "BaseUrl")
        for key in keys:
            assigned = self.facts.assignments_to(strip(receiver), key, before=None)
            if assigned:
                return evaluator.value(assigned[-1]), rule
        if origin is None or origin.type not in _CREATIONS or row is None:
            return None, rule
        return self._creation_base(origin, row, evaluator), rule

    def _factory_row(self, invocation: Node) -> CallRow | None:
        receiver, name = called_name(invocation)
        return self.row(self.type_of(receiver) if receiver is not None else None, name)[0]

    def _creation_base(self, creation: Node, row: CallRow, evaluator: Evaluator,
                       depth: int = 0) -> str | None:
        values = initializer(creation)
        for key in row.base_keys:
            if key.lower() in values:
                return evaluator.value(values[key.lower()])
        given = argument(creation, row.url.position, row.url.keyword) if "url" in _given(row) else None
        if given is None or depth > 3:
            return None
        inner = self.origin(given)
        if inner is not None and inner.type in _CREATIONS:
            inner_row = self.creation_row(inner)
            if inner_row is not None and inner_row.convention == "factory":
                return self._creation_base(inner, inner_row, evaluator, depth + 1)
            if creation_type(inner) != "Uri":
                return None
        return evaluator.value(given)


def _given(row: CallRow) -> tuple[str, ...]:
    """Which of a factory row's arguments it reads: its ``url`` (the base URL) when the row
    names one explicitly (RestClient), never the default position-0 URL of other rows."""
    return ("url",) if row.url.keyword not in (None, "url") else ()


def _normalised(type_name: str) -> str:
    return type_name.rstrip("?")
