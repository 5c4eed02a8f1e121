"""PowerShell (tree-sitter-powershell): Atlassian REST calls of scripts, modules and data files.

One pass collects the file's functions, assignments, hashtable updates, commands and strings
(a tree-sitter query hands Python only those nodes).  Commands are recognised by name from
``knowledge/powershell.toml`` (``Invoke-RestMethod``/``irm``/``Invoke-WebRequest``/``iwr``,
JiraPS ``Invoke-JiraMethod``), and by the file's own wrapper functions that pass a parameter
into one (``function Invoke-JiraApi { param($Path, [WebRequestMethod]$Method = 'Get') ...
Invoke-RestMethod @params }``), which are then reported where they are called, up to a few
wrappers deep.  What is left over, a string that is a REST URL or an API base on its own
(``$script:BaseUrl = 'https://acme.atlassian.net/'``, a ``.psd1`` setting), is reported too.
Pester mocks, web-server routes and output commands are not calls.

``summarise`` gives what the file exports for cross-file linking: each wrapper as a helper
(URL template and method with ``{Parameter}`` placeholders, defaults); ``extract`` asks an
environment about commands the file neither defines nor knows.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from scopelint.model import CallSite, FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, Emitter
from scopelint.scanning.core.environment import Export, FileSummary, Param
from scopelint.scanning.core.knowledge import CallRow, table
from scopelint.scanning.languages.powershell.requests import (
    SENTINEL,
    Arguments,
    ClientRequest,
    ExportRequest,
    Helper,
    HelperRequest,
    Request,
    UnknownWrapperRequest,
    probe,
)
from scopelint.scanning.languages.powershell.syntax import (
    KEY,
    command_name,
    function_parameters,
    key_of,
    text_of,
    unwrap,
)
from scopelint.scanning.languages.powershell.values import Evaluator, Facts, Scope
from scopelint.scanning.source import SourceFile, refuse_too_deep
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.environment import Environment

EXTRACTOR = "powershell"
CONVENTIONS: tuple[str, ...] = ("fetch",)
GRAMMAR = "powershell"
treesitter.register_grammar(GRAMMAR, "tree_sitter_powershell")

_QUERY = """
(function_statement) @function
(assignment_expression) @assignment
(invokation_expression) @invocation
(command) @command
(key_expression) @key
"""
_MAX_HELPER_DEPTH = 4
_STRINGS = frozenset({"string_literal"})
# Expression nodes a string climbs through to the whole value it is part of.
_BUILDING = frozenset({
    "additive_expression", "additive_argument_expression", "format_expression",
    "format_argument_expression", "cast_expression", "parenthesized_expression",
    "logical_expression", "bitwise_expression", "comparison_expression",
    "multiplicative_expression", "range_expression", "array_literal_expression",
    "unary_expression", "expression_with_unary_operator", "argument_expression",
    "logical_argument_expression", "bitwise_argument_expression",
    "comparison_argument_expression", "multiplicative_argument_expression",
    "range_argument_expression",
})


class _Knowledge:
    def __init__(self) -> None:
        knowledge = table("powershell")
        self.rows: dict[str, CallRow] = {name.lower(): row for name, row in knowledge.exact.items()}
        self.parameters = sorted(knowledge.names("cmdlet_parameters"))
        self.switches = sorted(knowledge.names("cmdlet_switches"))
        self.not_calls = {
            name.lower()
            for key in ("mock_commands", "route_commands", "output_commands")
            for name in knowledge.names(key)
        }


@cache
def _knowledge() -> _Knowledge:
    return _Knowledge()


def extract(source: SourceFile, environment: Environment | None = None) -> FileScan:
    """The call sites of one PowerShell file (``.ps1``, ``.psm1``, ``.psd1``).
    ``environment`` answers for commands other files define (cross-file linking)."""
    scan = FileScan(path=source.display)
    analysis = _parse(source, scan)
    if analysis is not None:
        scan.calls = analysis.calls(environment)
    return scan


def summarise(source: SourceFile) -> FileSummary:
    """What the file exports for other files: its wrapper functions, as helpers."""
    analysis = _parse(source, FileScan(path=source.display))
    exports: dict[str, Export] = {}
    if analysis is not None:
        exports = analysis.exports()
    return FileSummary(path=source.display, exports=exports)


def _parse(source: SourceFile, scan: FileScan) -> _Analysis | None:
    data = source.text.encode("utf-8", errors="replace")
    parsed = treesitter.parse_captures(GRAMMAR, _QUERY, data, "PowerShell", scan)
    if parsed is None:
        return None
    root, captured = parsed
    if root.has_error and _error_bytes(root) * 2 > max(len(data), 1):
        # tree-sitter-powershell misreads some valid code (bare-word lists such as
        # `Export-ModuleMember -Function A, B`) locally; only a file that is mostly
        # unreadable is worth a warning.
        scan.warnings.append(f"{source.display}: PowerShell syntax errors; results may be incomplete")
    try:
        return _Analysis(source, root, captured)
    except RecursionError:
        refuse_too_deep(scan)
        return None


class _Analysis:
    def __init__(self, source: SourceFile, root: Node, captured: list[tuple[str, Node]]) -> None:
        self.source = source
        self.knowledge = _knowledge()
        self.facts = Facts([node for capture, node in captured if capture == "function"])
        self.facts.script.parameters = {p.name.lower(): p for p in function_parameters(root)}
        self.commands: list[tuple[Node, str, Scope]] = []
        self.root = root
        self.keys: list[KEY] = []  # hashtable keys: their strings are names, not values
        self.functions: dict[str, Scope] = {}
        self.ignored: list[KEY] = []  # byte ranges whose strings and commands are not calls
        for capture, node in captured:
            if capture == "assignment":
                self.facts.add_assignment(node)
            elif capture == "invocation":
                self.facts.add_hash_call(node)
            elif capture == "function":
                scope = self.facts.scopes.setdefault(node.start_byte, Scope(node, self.facts.script))
                name = next((text_of(c) for c in node.named_children if c.type == "function_name"), "")
                self.functions.setdefault(name.lower(), scope)
            elif capture == "command":
                called = command_name(node)
                if called is None:
                    continue
                if called.lower() in self.knowledge.not_calls:
                    self.ignored.append(key_of(node))
                    continue
                self.commands.append((node, called, self.facts.scope_of(node)))
            elif capture == "key":
                self.keys.append(key_of(node))
        self.requests: list[Request] = []
        self.helpers: dict[str, Helper] = {}
        self._find_requests()

    def _is_ignored(self, node: Node) -> bool:
        return _inside(node, self.ignored)

    # ----------------------------------------------------------------- recognising

    def _find_requests(self) -> None:
        knowledge = self.knowledge
        pending: list[tuple[Node, str, Scope]] = []
        for node, name, scope in self.commands:
            if self._is_ignored(node):
                continue
            row = knowledge.rows.get(name.lower())
            if row is None:
                pending.append((node, name, scope))
                continue
            arguments = Arguments.read(node, scope, self.facts, knowledge.parameters,
                                       knowledge.switches, [row.url.keyword or "Uri"])
            self.requests.append(ClientRequest(node, scope, row, arguments))
        found: list[Request] = list(self.requests)
        for _ in range(_MAX_HELPER_DEPTH):
            new_helpers = []
            for request in found:
                helper = probe(request, self.facts)
                if helper is not None and helper.name.lower() not in self.helpers:
                    self.helpers[helper.name.lower()] = helper
                    new_helpers.append(helper)
            if not new_helpers:
                break
            found = []
            still: list[tuple[Node, str, Scope]] = []
            for node, name, scope in pending:
                helper = self.helpers.get(name.lower())
                if helper is None or helper.function.start_byte <= node.start_byte < helper.function.end_byte:
                    still.append((node, name, scope))  # not a helper (or a recursive call)
                    continue
                helper.used = True
                request = HelperRequest(node, scope, helper, self.facts)
                self.requests.append(request)
                found.append(request)
            pending = still
        self.unknown_commands = pending

    # ----------------------------------------------------------------- emitting

    def calls(self, environment: Environment | None) -> list[CallSite]:
        emitter = Emitter(self.source, EXTRACTOR, base_of_call="keep")
        silent = {id(helper.request) for helper in self.helpers.values() if helper.used}
        shared = Evaluator(self.facts)
        for request in self.requests:
            if id(request) not in silent:
                self._emit(emitter, request, shared)
        for node, name, scope in self.unknown_commands:
            export = environment.lookup(name) if environment is not None else None
            if export is not None and export.kind == "helper":
                self._emit(emitter, ExportRequest(node, scope, name, export, self.facts), shared)
            elif "-" in name and not self._is_ignored(node):  # Verb-Noun: a function or cmdlet
                self._emit(emitter, UnknownWrapperRequest(node, scope, name, self.facts), shared)
        self._emit_leftovers(emitter)
        return sorted(emitter.calls, key=lambda call: (call.location.line, call.location.column))

    def _emit(self, emitter: Emitter, request: Request | ExportRequest | UnknownWrapperRequest,
              shared: Evaluator) -> None:
        trace: set[KEY] = set()
        result = request.evaluate(shared.with_trace(trace))
        if result is None:
            return
        url = result.url.replace(SENTINEL, "")
        anchor = request.anchor()
        start = self.source.char_offset(anchor.start_byte)
        end = self.source.char_offset(anchor.end_byte)
        data = self.source.text
        related = tuple(sorted(
            self.source.char_offset(first) for first, last in trace
            if not anchor.start_byte <= first < anchor.end_byte
            and "://" in data[self.source.char_offset(first):self.source.char_offset(last)]
        ))
        emitter.emit(Candidate(url, start, end, result.method, result.source, "call",
                               consumed=trace, via=request.via, related=related))

    def _emit_leftovers(self, emitter: Emitter) -> None:
        reader = Evaluator(self.facts)
        seen: set[KEY] = set()
        values: list[tuple[Node, str, set[KEY]]] = []
        for string, top, _parent in treesitter.chain_tops(self.root, _STRINGS, _is_building):
            if self._is_ignored(string) or _inside(string, self.keys):
                continue
            whole = unwrap(top)
            if key_of(whole) in seen:
                continue
            seen.add(key_of(whole))
            trace: set[KEY] = set()
            value = reader.with_trace(trace).value(whole, self.facts.scope_of(whole))
            if value is None or not value.strip():
                continue
            values.append((whole, normalise_placeholders(value), trace))
        for want_rest in (True, False):
            for whole, value, trace in values:
                own = {k for k in trace if whole.start_byte <= k[0] and k[1] <= whole.end_byte}
                if emitter.is_consumed(own):
                    continue
                if (url_kind(value) == "call") != want_rest:
                    continue
                start = self.source.char_offset(whole.start_byte)
                end = self.source.char_offset(whole.end_byte)
                emitter.emit_leftover(value, start, end, consumed=trace if want_rest else own)

    # ----------------------------------------------------------------- summary

    def exports(self) -> dict[str, Export]:
        exports: dict[str, Export] = {}
        for helper in self.helpers.values():
            marks = {(helper.scope.start, name): "{" + p.name + "}"
                     for name, p in helper.scope.parameters.items()}
            result = helper.request.evaluate(Evaluator(self.facts, marks))
            if result is None:
                continue
            method = result.method
            if helper.method_param is not None:
                method = "{" + helper.scope.parameters[helper.method_param].name + "}"
            defaults: dict[str, str] = {}
            reader = Evaluator(self.facts)
            for parameter in helper.parameters:
                if parameter.default is not None:
                    value = reader.value(parameter.default, helper.scope)
                    if value is not None:
                        defaults[parameter.name] = value
            named = [p.name for p in helper.parameters if not p.switch]
            exports[helper.name] = Export(
                kind="helper", template=result.url, method=method,
                params=[Param(name, index, default=defaults.get(name)) for index, name in enumerate(named)],
            )
        return exports


def _error_bytes(root: Node) -> int:
    """How many bytes of the file lie in syntax-error nodes (outermost ones)."""
    total = 0
    for node in treesitter.walk(root):
        if node.type == "ERROR" or node.is_missing:
            total += node.end_byte - node.start_byte
    return total


def _inside(node: Node, ranges: list[KEY]) -> bool:
    return any(start <= node.start_byte and node.end_byte <= end for start, end in ranges)


def _is_building(node: Node) -> bool:
    return node.type in _BUILDING
