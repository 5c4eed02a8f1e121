"""Ruby (tree-sitter-ruby): Atlassian REST calls of scripts, gems and apps.

A tree-sitter query hands Python the file's assignments, parameters, classes, calls and
strings.  ``knowledge/ruby.toml`` names the clients by the receiver as written
(``Net::HTTP::Get.new(uri)``, ``Net::HTTP.get(URI(...))``, ``Faraday.new(url: ...)``,
``HTTParty.get``, ``RestClient``, ``HTTP``, ``Typhoeus``) or by the type a factory gave an
object (``@conn = Faraday.new(url: base)`` then ``@conn.get('search/jql')``, joined to the base
as Faraday does; ``Net::HTTP.start(host) { |http| http.get(path) }``).  A class that includes
HTTParty sends ``get``/``post``/... (``self.class.get``, ``get`` in class methods,
``Client.get``) to its ``base_uri``.  Strings that reach no call but are REST URLs or API
bases on their own are reported too.  Routes (Sinatra ``get '/x' do``, Rails), WebMock stubs
and messages are not calls; in a file that requires WebMock, strings that reach no call are
not reported.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from scopelint.model import CallSite, FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, Emitter, MethodSource
from scopelint.scanning.core.knowledge import CallRow, ClientTable, table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.core.urljoin import JoinRule, join
from scopelint.scanning.languages.ruby.values import (
    BLOCK_TYPES,
    CLASS_TYPES,
    KEY,
    Evaluator,
    Facts,
    call_arguments,
    constant_path,
    key_of,
    strip,
    text_of,
)
from scopelint.scanning.source import SourceFile, refuse_too_deep
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Node

EXTRACTOR = "ruby"
CONVENTIONS: tuple[str, ...] = ("verb", "method-url", "config", "fetch", "factory")
GRAMMAR = "ruby"
treesitter.register_grammar(GRAMMAR, "tree_sitter_ruby")

_QUERY = """
[(class) (module) (singleton_class) (method) (singleton_method) (block) (do_block) (lambda)] @container
[(assignment) (operator_assignment)] @assignment
[(method_parameters) (block_parameters) (lambda_parameters)] @parameters
(call) @call
"""
_HTTPARTY = "HTTParty"
_BUILDING = frozenset({"binary", "chained_string", "parenthesized_statements"})
_STRINGS = frozenset({"string"})
_MAX_DEPTH = 10


class _Lists:
    def __init__(self, knowledge: ClientTable) -> None:
        self.routes = knowledge.names("route_methods")
        self.mocks = knowledge.names("mock_methods")
        self.mock_requires = knowledge.names("mock_requires")
        self.output = knowledge.names("output_methods")
        self.httparty = knowledge.names("httparty_modules")
        self.base_uri = knowledge.names("base_uri_methods")


@cache
def _lists() -> _Lists:
    return _Lists(table("ruby"))


def extract(source: SourceFile) -> FileScan:
    """The call sites of one Ruby file."""
    scan = FileScan(path=source.display)
    data = source.text.encode("utf-8", errors="replace")
    parsed = treesitter.parse_captures(GRAMMAR, _QUERY, data, "Ruby", scan)
    if parsed is None:
        return scan
    root, captured = parsed
    if root.has_error:
        scan.warnings.append(f"{source.display}: Ruby syntax errors; results may be incomplete")
    try:
        scan.calls = _Analysis(source, root, captured).run()
    except RecursionError:
        refuse_too_deep(scan)
    return scan


class _Analysis:
    def __init__(self, source: SourceFile, root: Node, captured: list[tuple[str, Node]]) -> None:
        self.source = source
        self.root = root
        self.knowledge = table("ruby")
        self.lists = _lists()
        self.facts = Facts([root, *(node for capture, node in captured if capture == "container")])
        self.calls: list[Node] = []
        self.httparty: dict[int, Node | None] = {}  # class start -> its base_uri value
        self.httparty_names: dict[str, Node] = {}  # class name -> class
        self.ignored: list[KEY] = []
        self.quiet: list[KEY] = []
        self.mock_file = False
        for capture, node in captured:
            if capture == "assignment":
                self.facts.add_assignment(node)
            elif capture == "parameters":
                self.facts.add_parameters(node)
            elif capture == "call":
                self.calls.append(node)
        self.emitter = Emitter(source, EXTRACTOR, base_of_call="keep")

    # ----------------------------------------------------------------- classifying

    def _prepare(self) -> None:
        lists = self.lists
        for call in self.calls:
            method = text_of(call.child_by_field_name("method"))
            receiver = call.child_by_field_name("receiver")
            positional, _keywords = call_arguments(call)
            if receiver is None and method in ("include", "extend") and positional \
                    and constant_path(positional[0]) in lists.httparty:
                owner = self.facts.enclosing(call, CLASS_TYPES)
                if owner is not None:
                    self.httparty.setdefault(owner.start_byte, None)
                    name = constant_path(owner.child_by_field_name("name"))
                    if name:
                        self.httparty_names[name.rsplit("::", 1)[-1]] = owner
            elif receiver is None and method in lists.base_uri and positional:
                owner = self.facts.enclosing(call, CLASS_TYPES)
                if owner is not None:
                    self.httparty[owner.start_byte] = positional[0]
            elif receiver is None and method == "require" and positional:
                required = Evaluator(self.facts).value(positional[0])
                self.mock_file = self.mock_file or required in lists.mock_requires
            if method in lists.mocks:
                self.ignored.append(key_of(_chain_top(call)))
            elif method in lists.output:
                self.quiet.append(key_of(call))
        for call in self.calls:
            method = text_of(call.child_by_field_name("method"))
            if call.child_by_field_name("receiver") is None and method in lists.routes \
                    and self._httparty_class(call, bare=True) is None:
                self.ignored.append(key_of(call))  # a route: get '/x' do ... end

    def _httparty_class(self, call: Node, bare: bool = False) -> Node | None:
        """The HTTParty class a call is made in the class-level context of."""
        owner = self.facts.enclosing(call, CLASS_TYPES)
        while owner is not None:
            if owner.type == "singleton_class":
                owner = self.facts.enclosing(owner, CLASS_TYPES)
                continue
            if owner.start_byte not in self.httparty:
                return None
            if bare:
                method = self.facts.enclosing(call, frozenset({"method", "singleton_method"}))
                inside_singleton = self.facts.enclosing(call, frozenset({"singleton_class"}))
                if method is not None and method.type == "method" and inside_singleton is None:
                    return None  # an instance method: a bare get is not HTTParty's
            return owner
        return None

    # ----------------------------------------------------------------- typing

    def _receiver(self, call: Node) -> tuple[str | None, Node | None, Node | None]:
        """(type name, object origin call, HTTParty class) of a call's receiver."""
        receiver = call.child_by_field_name("receiver")
        if receiver is None:
            owner = self._httparty_class(call, bare=True)
            return (_HTTPARTY, None, owner) if owner is not None else (None, None, None)
        receiver = strip(receiver)
        path = constant_path(receiver)
        if path is not None:
            named = self.httparty_names.get(path.rsplit("::", 1)[-1])
            if named is not None:
                return _HTTPARTY, None, named
            return path, None, None
        if receiver.type == "self" or (receiver.type == "call" and text_of(
                receiver.child_by_field_name("method")) == "class"):
            owner = self._httparty_class(call)
            if owner is not None:
                return _HTTPARTY, None, owner
        origin = self._origin(receiver)
        if origin is not None:
            row = self._row_of(origin)
            if row is not None and row.returns:
                return row.returns, origin, None
        return None, None, None

    def _origin(self, node: Node, depth: int = 0) -> Node | None:
        """The factory call an object comes from (``Faraday.new(...)``, ``Net::HTTP.start``)."""
        node = strip(node)
        if depth > _MAX_DEPTH:
            return None
        if node.type == "call":
            row = self._row_of(node)
            return node if row is not None and row.convention == "factory" else None
        value: Node | None = None
        if node.type == "identifier":
            found, value = self.facts.local(text_of(node), node)
            if found and value is None:
                return self._block_origin(node)
        elif node.type == "instance_variable":
            value = self.facts.ivar(text_of(node), node)
        return self._origin(value, depth + 1) if value is not None else None

    def _block_origin(self, node: Node) -> Node | None:
        """``Net::HTTP.start(...) { |http| ... }``: the call whose block yields ``http``."""
        block = self.facts.enclosing(node, BLOCK_TYPES)
        for _ in range(_MAX_DEPTH):
            if block is None:
                break
            parameters = block.child_by_field_name("parameters")
            names = [text_of(p) for p in parameters.named_children] if parameters is not None else []
            if text_of(node) in names:
                owner = block.parent
                return owner if owner is not None and owner.type == "call" and self._row_of(owner) else None
            block = self.facts.enclosing(block, BLOCK_TYPES)
        return None

    def _row_of(self, call: Node) -> CallRow | None:
        receiver = call.child_by_field_name("receiver")
        method = text_of(call.child_by_field_name("method"))
        if receiver is None:
            return None
        path = constant_path(strip(receiver))
        if path is None and strip(receiver).type == "call":
            inner = self._row_of(strip(receiver))
            path = inner.returns if inner is not None and inner.convention == "factory" else None
        return self.knowledge.exact.get(f"{path}.{method}") if path else None

    # ----------------------------------------------------------------- emitting

    def run(self) -> list[CallSite]:
        self._prepare()
        for call in self.calls:
            if not _inside(call, self.ignored):
                self._call(call)
        if not self.mock_file:
            self._leftovers()
        return sorted(self.emitter.calls, key=lambda call: (call.location.line, call.location.column))

    def _call(self, call: Node) -> None:
        method = text_of(call.child_by_field_name("method"))
        type_name, origin, httparty = self._receiver(call)
        if type_name is None:
            return
        row = self.knowledge.exact.get(f"{type_name}.{method}")
        if row is None or row.convention == "factory":
            return
        positional, keywords = call_arguments(call)
        url_node = _argument(positional, keywords, row.url.position, row.url.keyword)
        if url_node is None:
            return
        trace: set[KEY] = set()
        evaluator = Evaluator(self.facts, trace)
        url = evaluator.text(url_node)
        base, rule = self._base(origin, httparty, evaluator)
        if base is not None:
            url = join(base, url, _rule(row.join or rule))
        method_name, source = self._method(row, method, positional, keywords, evaluator)
        self._add(url_node, url, method_name, source, f"{type_name}.{method}", trace)

    def _base(self, origin: Node | None, httparty: Node | None,
              evaluator: Evaluator) -> tuple[str | None, str]:
        if httparty is not None:
            given = self.httparty.get(httparty.start_byte)
            return (evaluator.value(given) if given is not None else None), "append"
        if origin is None:
            return None, "resolve"
        row = self._row_of(origin)
        if row is None:
            return None, "resolve"
        positional, keywords = call_arguments(origin)
        given = _argument(positional, keywords, row.url.position, row.url.keyword)
        if given is None:
            return None, row.join or "resolve"
        base = evaluator.value(given)
        if base is not None and row.returns == "Net::HTTPSession" and "://" not in base:
            base = "https://" + base  # Net::HTTP.start(host, port, use_ssl: true)
        return base, row.join or "resolve"

    def _method(self, row: CallRow, called: str, positional: list[Node], keywords: dict[str, Node],
                evaluator: Evaluator) -> tuple[str | None, MethodSource]:
        if row.fixed_method:
            return row.fixed_method, "literal"
        if row.convention == "verb":
            return self.knowledge.verbs.get(called), "literal"
        if row.convention == "method-url" and row.method is not None:
            given = _argument(positional, keywords, row.method.position, row.method.keyword)
        else:
            given = next((keywords[k] for k in row.method_keys if k in keywords), None)
        if given is None:
            return ("GET", "default") if row.convention in ("fetch", "config") else (None, "unknown")
        method = method_word(evaluator.value(given))
        if method is None:
            return None, "unknown"
        return method, "literal" if strip(given).type in ("simple_symbol", "string") else "inferred"

    def _add(self, anchor: Node, url: str, method: str | None, source: MethodSource, via: str,
             trace: set[KEY]) -> None:
        data = self.source.text
        related = tuple(sorted(
            self.source.char_offset(first) for first, last in trace
            if not anchor.start_byte <= first < anchor.end_byte
            and "://" in data[self.source.char_offset(first):self.source.char_offset(last)]
        ))
        self.emitter.emit(Candidate(url, self.source.char_offset(anchor.start_byte),
                                    self.source.char_offset(anchor.end_byte), method,
                                    source if method else "unknown", "call", consumed=trace,
                                    via=via, related=related))

    def _leftovers(self) -> None:
        seen: set[KEY] = set()
        values: list[tuple[Node, str, set[KEY]]] = []
        for string, whole, parent in treesitter.chain_tops(self.root, _STRINGS, _is_building):
            if parent == "interpolation" or _inside(string, self.ignored) or _inside(string, self.quiet):
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
                self.emitter.emit_leftover(value, self.source.char_offset(whole.start_byte),
                                           self.source.char_offset(whole.end_byte),
                                           consumed=trace if want_rest else own)


def _is_building(node: Node) -> bool:
    return node.type in _BUILDING


def _argument(positional: list[Node], keywords: dict[str, Node], position: int | None,
              keyword: str | None) -> Node | None:
    if keyword is not None and keyword in keywords:
        return keywords[keyword]
    if position is not None and position < len(positional):
        return positional[position]
    return None


def _inside(node: Node, ranges: list[KEY]) -> bool:
    return any(start <= node.start_byte and node.end_byte <= end for start, end in ranges)


def _rule(rule: str | None) -> JoinRule:
    return rule if rule in ("resolve", "directory", "slash", "append") else "resolve"  # type: ignore[return-value]


def _chain_top(node: Node) -> Node:
    """The whole call chain a call is part of (``stub_request(...).to_return(...)``)."""
    while node.parent is not None and node.parent.type == "call" and \
            node.parent.child_by_field_name("receiver") == node:
        node = node.parent
    return node
