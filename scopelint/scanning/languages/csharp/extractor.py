"""C# (tree-sitter-c-sharp): Atlassian REST calls of .NET code.

A tree-sitter query hands Python the file's classes, members, locals, parameters,
assignments, calls, constructions, strings and attributes.  ``knowledge/csharp.toml`` names
the clients: ``HttpClient`` verb methods (``GetAsync``/``PostAsync``/...), joined to the
client's ``BaseAddress`` as .NET does; request objects (``new HttpRequestMessage(HttpMethod.Put,
url)``, RestSharp ``new RestRequest(resource, Method.Get)``, also the older ``Method.GET``),
reported where they are built, with the method of the call that sends them when it names
one and the base URL of the client that sends them (``new RestClient(url)``); RestSharp's
``GetJsonAsync``-style methods; ``WebClient``.  Strings that reach no call but are REST URLs
or API bases on their own are reported too.  Attributes (ASP.NET ``[Route]``/``[HttpGet]``),
minimal-API routes, HTTP mocks and log messages are not calls; in a file that uses an HTTP
mocking library, strings that reach no call are not reported.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from scopelint.model import CallSite, FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, Emitter, MethodSource
from scopelint.scanning.core.knowledge import ClientTable, table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.core.urljoin import JoinRule, join
from scopelint.scanning.languages.csharp.clients import (
    Clients,
    argument,
    called_name,
    sent_method,
)
from scopelint.scanning.languages.csharp.values import (
    KEY,
    Evaluator,
    Facts,
    initializer,
    key_of,
    simple_name,
    strip,
    text_of,
)
from scopelint.scanning.source import SourceFile, refuse_too_deep
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.knowledge import CallRow

EXTRACTOR = "csharp"
CONVENTIONS: tuple[str, ...] = ("verb", "method-url", "fetch", "factory")
GRAMMAR = "c_sharp"
treesitter.register_grammar(GRAMMAR, "tree_sitter_c_sharp")

_QUERY = """
[(class_declaration) (struct_declaration) (record_declaration) (interface_declaration)] @class
[(method_declaration) (constructor_declaration) (local_function_statement) (lambda_expression)
 (anonymous_method_expression) (accessor_declaration) (operator_declaration)
 (destructor_declaration) (conversion_operator_declaration)] @body
[(field_declaration) (property_declaration)] @member
(parameter) @parameter
(variable_declaration) @local
(assignment_expression) @assignment
(invocation_expression) @invocation
[(object_creation_expression) (implicit_object_creation_expression)] @creation
(attribute) @attribute
(using_directive) @using
"""
_CHAIN = frozenset({"member_access_expression", "invocation_expression", "await_expression",
                    "parenthesized_expression", "conditional_access_expression",
                    "member_binding_expression"})
_STRINGS = frozenset({"string_literal", "verbatim_string_literal", "interpolated_string_expression",
                      "raw_string_literal"})


class _Lists:
    def __init__(self, knowledge: ClientTable) -> None:
        self.routes = knowledge.names("route_methods")
        self.mocks = knowledge.names("mock_methods")
        self.mock_namespaces = tuple(sorted(knowledge.names("mock_namespaces")))
        self.output = knowledge.names("output_methods")


@cache
def _lists() -> _Lists:
    return _Lists(table("csharp"))


def extract(source: SourceFile) -> FileScan:
    """The call sites of one C# file."""
    scan = FileScan(path=source.display)
    data = source.text.encode("utf-8", errors="replace")
    parsed = treesitter.parse_captures(GRAMMAR, _QUERY, data, "C#", scan)
    if parsed is None:
        return scan
    root, captured = parsed
    if root.has_error:
        scan.warnings.append(f"{source.display}: C# syntax errors; results may be incomplete")
    try:
        scan.calls = _Analysis(source, root, captured).run()
    except RecursionError:
        refuse_too_deep(scan)
    return scan


class _Request:
    """A request object built in the file, and the calls that send it."""

    __slots__ = ("creation", "row", "senders")

    def __init__(self, creation: Node, row: CallRow) -> None:
        self.creation = creation
        self.row = row
        self.senders: list[tuple[Node, Node | None, str | None]] = []  # (call, client, method)


class _Analysis:
    def __init__(self, source: SourceFile, root: Node, captured: list[tuple[str, Node]]) -> None:
        self.source = source
        self.root = root
        self.knowledge = table("csharp")
        self.lists = _lists()
        containers = [root, *(node for capture, node in captured if capture in ("class", "body"))]
        self.facts = Facts(containers)
        self.clients = Clients(self.facts, self.knowledge)
        self.invocations: list[Node] = []
        self.creations: list[Node] = []
        self.ignored: list[KEY] = []  # nothing inside is a request
        self.quiet: list[KEY] = []  # strings inside are messages, not requests
        self.mock_file = False
        for capture, node in captured:
            if capture == "class":
                self.facts.add_class(node)
            elif capture == "member":
                self.facts.add_member(node)
            elif capture == "parameter":
                self.facts.add_parameter(node)
            elif capture == "local":
                self.facts.add_local(node)
            elif capture == "assignment":
                self.facts.add_assignment(node)
            elif capture == "invocation":
                self.invocations.append(node)
            elif capture == "creation":
                self.creations.append(node)
            elif capture == "attribute":
                self.ignored.append(key_of(node))
            elif capture == "using":
                name = text_of(node)
                self.mock_file = self.mock_file or any(
                    f" {space}" in name for space in self.lists.mock_namespaces)
        self.emitter = Emitter(source, EXTRACTOR, base_of_call="keep")

    def _is_ignored(self, node: Node) -> bool:
        return _inside(node, self.ignored)

    def run(self) -> list[CallSite]:
        lists = self.lists
        for invocation in self.invocations:
            _receiver, name = called_name(invocation)
            if name in lists.mocks or name in lists.routes:
                self.ignored.append(key_of(_chain_top(invocation)))
            elif name in lists.output:
                self.quiet.append(key_of(invocation))
        requests: dict[KEY, _Request] = {}
        for creation in self.creations:
            if self._is_ignored(creation):
                continue
            row = self.clients.creation_row(creation)
            if row is not None and row.returns in self.clients.request_types:
                requests[key_of(creation)] = _Request(creation, row)
        for invocation in self.invocations:
            if not self._is_ignored(invocation):
                self._invocation(invocation, requests)
        for request in requests.values():
            self._emit_request(request)
        if not self.mock_file:
            self._emit_leftovers()
        return sorted(self.emitter.calls, key=lambda call: (call.location.line, call.location.column))

    # ----------------------------------------------------------------- calls

    def _invocation(self, invocation: Node, requests: dict[KEY, _Request]) -> None:
        receiver, name = called_name(invocation)
        clients = self.clients
        first = argument(invocation, 0, None)
        if name in clients.send_methods and first is not None:
            built = clients.is_request(first)
            if built is not None and key_of(built) in requests:
                requests[key_of(built)].senders.append((invocation, receiver, sent_method(name)))
                return
        receiver_type = clients.type_of(receiver) if receiver is not None else None
        row, matched = clients.row(receiver_type, name)
        if row is None or row.convention != "verb":
            return
        url_node = argument(invocation, row.url.position, row.url.keyword)
        if url_node is None:
            return
        method = self.knowledge.verbs.get(name)
        trace: set[KEY] = set()
        evaluator = Evaluator(self.facts, trace)
        url = evaluator.text(url_node)
        base, rule = clients.base_of(receiver, invocation, evaluator)
        if base is not None:
            url = join(base, url, _rule(row.join or rule))
        self._add(url_node, url, method, "literal", matched, trace)

    def _emit_request(self, request: _Request) -> None:
        creation, row = request.creation, request.row
        values = initializer(creation)
        url_node = argument(creation, row.url.position, row.url.keyword)
        assigned = self._assigned(creation)
        for key in self.clients.url_keys:
            if key in assigned:
                url_node = assigned[key]
            elif url_node is None and key in values:
                url_node = values[key]
        if url_node is None:
            return
        method_node = argument(creation, row.method.position, row.method.keyword) if row.method else None
        for key in row.method_keys:
            if key.lower() in assigned:
                method_node = assigned[key.lower()]
            elif method_node is None and key.lower() in values:
                method_node = values[key.lower()]
        senders = request.senders or [(creation, None, None)]
        for call, client, override in senders:
            trace: set[KEY] = set()
            evaluator = Evaluator(self.facts, trace)
            url = evaluator.text(url_node)
            base, rule = (None, "slash") if client is None else self.clients.base_of(client, call, evaluator)
            if base is not None:
                url = join(base, url, _rule(rule))
            method, source = self._method(method_node, evaluator)
            if override is not None:
                method, source = override, "literal"
            if client is not None:
                client_type = self.clients.type_of(client) or "*"
                via = f"{client_type}.{called_name(call)[1]}"
            else:
                via = f"new {simple_name(creation.child_by_field_name('type')) or 'request'}"
            anchor = url_node if creation.start_byte <= url_node.start_byte < creation.end_byte else creation
            self._add(anchor, url, method, source, via, trace)

    def _assigned(self, creation: Node) -> dict[str, Node]:
        """``request.Method = ...``/``request.Resource = ...`` made after the request is built."""
        holder = creation.parent
        while holder is not None and holder.type in ("equals_value_clause", "parenthesized_expression"):
            holder = holder.parent
        found: dict[str, Node] = {}
        if holder is None or holder.type != "variable_declarator":
            return found
        name = holder.child_by_field_name("name")
        if name is None:
            return found
        for key in (*self.clients.url_keys, "method"):
            values = self.facts.assignments_to(name, key)
            if values:
                found[key] = values[-1]
        return found

    def _method(self, node: Node | None, evaluator: Evaluator) -> tuple[str | None, MethodSource]:
        if node is None:
            return "GET", "default"
        node = strip(node)
        if node.type == "member_access_expression":
            return method_word(simple_name(node.child_by_field_name("name"))), "literal"
        if node.type == "object_creation_expression":  # new HttpMethod("PATCH")
            given = argument(node, 0, "method")
            method = method_word(evaluator.value(given)) if given is not None else None
            return method, "literal" if method else "unknown"
        method = method_word(evaluator.value(node))
        if method is None and node.type == "identifier":
            binding = self.facts.definition(text_of(node), node)
            value = getattr(binding, "value", None)
            if value is not None and strip(value).type == "member_access_expression":
                return method_word(simple_name(strip(value).child_by_field_name("name"))), "inferred"
        if method is None:
            return None, "unknown"
        return method, "literal" if node.type == "string_literal" else "inferred"

    def _add(self, anchor: Node, url: str, method: str | None, source: MethodSource, via: str,
             trace: set[KEY]) -> None:
        data = self.source.text
        start = self.source.char_offset(anchor.start_byte)
        related = tuple(sorted(
            self.source.char_offset(first) for first, last in trace
            if not anchor.start_byte <= first < anchor.end_byte
            and "://" in data[self.source.char_offset(first):self.source.char_offset(last)]
        ))
        self.emitter.emit(Candidate(url, start, self.source.char_offset(anchor.end_byte), method,
                                    source if method else "unknown", "call", consumed=trace,
                                    via=via, related=related))

    # ----------------------------------------------------------------- leftovers

    def _emit_leftovers(self) -> None:
        seen: set[KEY] = set()
        values: list[tuple[Node, str, set[KEY]]] = []
        for string, whole, parent in treesitter.chain_tops(self.root, _STRINGS, _is_building):
            if parent == "interpolation" or self._is_ignored(string) or _inside(string, self.quiet):
                continue
            if key_of(whole) in seen:
                continue
            seen.add(key_of(whole))
            trace: set[KEY] = set()
            value = Evaluator(self.facts, trace).value(whole)
            if value is None or not value.strip():
                continue
            values.append((whole, normalise_placeholders(value), trace))
        for want_rest in (True, False):
            for whole, value, trace in values:
                own = {k for k in trace if whole.start_byte <= k[0] and k[1] <= whole.end_byte}
                if self.emitter.is_consumed(own) or (url_kind(value) == "call") != want_rest:
                    continue
                start = self.source.char_offset(whole.start_byte)
                end = self.source.char_offset(whole.end_byte)
                self.emitter.emit_leftover(value, start, end, consumed=trace if want_rest else own)


def _inside(node: Node, ranges: list[KEY]) -> bool:
    return any(start <= node.start_byte and node.end_byte <= end for start, end in ranges)


def _rule(rule: str | None) -> JoinRule:
    return rule if rule in ("resolve", "directory", "slash", "append") else "resolve"  # type: ignore[return-value]


def _chain_top(node: Node) -> Node:
    """The whole call chain a call is part of (``mock.When(url).Respond(...)``)."""
    while node.parent is not None and node.parent.type in _CHAIN:
        node = node.parent
    return node


def _is_building(node: Node) -> bool:
    if node.type == "parenthesized_expression":
        return True
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and text_of(operator) == "+"
