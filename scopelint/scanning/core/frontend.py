"""What every front-end onto the shared model (:mod:`.ir`) does the same way, and the one
``extract`` pipeline of the languages that use it.

A language package subclasses :class:`FrontEnd`, names the node types its ``visit`` acts on
(``visited``), and implements ``visit`` (statements and declarations: scopes, imports,
bindings) and ``convert`` (one expression node to an :class:`~.ir.Expr`).  The base class
runs one tree-sitter query for those types (compiled once per process) and visits only the
nodes it captures, in document order, so Python holds an object for those nodes alone, not
for every token; each node is visited in the scope its innermost visited ancestor opened (a
stack of byte ranges, no recursion).  It converts each expression once (``expr``: memoised
by node, bounded depth), and registers every call and string literal in the module.
:func:`extract_file` parses, builds the model, recognises the requests and emits call sites;
any failure costs only the file (one warning line naming it).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.ir import Call, Concat, Expr, Module, Opaque, Str

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.environment import Environment, FileSummary
    from scopelint.scanning.core.knowledge import ClientTable
    from scopelint.scanning.core.recognise import SdkHook
    from scopelint.scanning.source import SourceFile

MAX_EXPR_DEPTH = 120
MAX_NODES = 2_000_000
# Trees deeper than this are refused (too deeply nested to scan): tree-sitter's query cursor
# captures no node deeper than 65,535 levels and slows down steeply near it (Go closures
# nested 16,000 deep, 80,000 levels: 13,107 of the 16,000 captured, in seconds; 13,000 deep,
# 65,000 levels: all, in 0.6 s).  Above the core's 20,000 so that a 20,000-term `+` chain
# and 20,000 nested parentheses (generated code) are still read, as the walk over every
# node read them.
MAX_QUERY_DEPTH = 50_000
NodeKey = tuple[int, int, str]

Summariser = Callable[["SourceFile", Module, "ClientTable", list[str]], "FileSummary"]
"""(source, module, knowledge, names asked of other files) -> the file's summary."""

# Bytes a file must hold to be worth parsing (an Atlassian host or an API path).
PREFILTER: tuple[bytes, ...] = (b"atlassian", b"rest/", b"wiki/", b"2.0/", b"bitbucket")


class FrontEnd:
    """Builds a :class:`~.ir.Module` from a tree-sitter tree (see the module docstring)."""

    language = ""
    grammar = ""  # the registered tree-sitter grammar, when not named like ``language``
    bare_fields = False  # Java/Kotlin: a method sees its class's fields by bare name
    visited: frozenset[str] = frozenset()
    """The node types ``visit`` acts on; every other node would keep its parent's scope."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.module = Module(self.language, data, self.bare_fields)
        self._memo: dict[NodeKey, Expr] = {}
        self._registered: set[int] = set()
        self._depth = 0
        self._nodes: list[Node] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._after: list[int] = []
        self._seen = 0

    # ------------------------------------------------------------------ to implement

    def visit(self, node: Node, scope: int) -> int | None:
        """Handle a statement or declaration (a node of a ``visited`` type); the scope the
        nodes inside it are in, or None (or a negative number) to skip them (they were
        converted already)."""
        raise NotImplementedError

    def convert(self, node: Node, scope: int) -> Expr:
        """One expression node as an Expr (call ``self.expr`` for sub-expressions)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ shared

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")

    def build(self, root: Node) -> Module:
        """The module of the tree under ``root``: every visited node, in document order."""
        self.index(root)
        self.walk(root, 0)
        return self.module

    def index(self, root: Node) -> None:
        """Capture the ``visited`` nodes of the tree under ``root`` (once, before ``walk``)."""
        self._nodes = treesitter.preorder(self.grammar or self.language, self.visited, root)
        starts = self._starts = [node.start_byte for node in self._nodes]
        ends = self._ends = [node.end_byte for node in self._nodes]
        count = len(starts)
        after = self._after = [count] * count  # the first capture after each one's subtree
        open_: list[int] = []
        for index in range(count):
            start, end = starts[index], ends[index]
            while open_ and not (end <= ends[open_[-1]] and start < ends[open_[-1]]):
                after[open_.pop()] = index
            open_.append(index)

    def walk(self, top: Node, scope: int) -> None:
        """Visit the captured nodes inside ``top`` (itself included) in document order, as
        one walk that starts in ``scope``: a node's scope is the one its innermost visited
        ancestor returned; the nodes inside one whose ``visit`` returned None (or a negative
        number) are skipped.  At most :data:`MAX_NODES` visits per module."""
        nodes, starts, ends, after = self._nodes, self._starts, self._ends, self._after
        start, end = top.start_byte, top.end_byte
        count = len(nodes)
        index = bisect.bisect_left(starts, start)
        while index < count and starts[index] == start and (
            ends[index] > end or (ends[index] == end and nodes[index] != top
                                  and _outside(nodes[index], top))):
            index += 1  # a captured ancestor of ``top`` that starts where it starts
        open_: list[tuple[int, int]] = [(end, scope)]  # (end byte, scope inside) of ancestors
        while index < count:
            node_start, node_end = starts[index], ends[index]
            if node_start > end or (node_start == end and start < end):
                break
            while len(open_) > 1 and not (node_end <= open_[-1][0] and node_start < open_[-1][0]):
                open_.pop()
            self._seen += 1
            if self._seen > MAX_NODES:
                return
            inner = self.visit(nodes[index], open_[-1][1])
            index += 1
            if inner is None or inner < 0:
                index = after[index - 1]
                continue
            open_.append((node_end, inner))

    def expr(self, node: Node | None, scope: int) -> Expr:
        """The Expr of ``node`` (converted once; beyond the depth bound an Opaque)."""
        if node is None:
            return Opaque(0, 0, scope)
        key = (node.start_byte, node.end_byte, node.type)
        found = self._memo.get(key)
        if found is not None:
            return found
        if self._depth > MAX_EXPR_DEPTH:
            return Opaque(node.start_byte, node.end_byte, scope)
        self._depth += 1
        try:
            found = self.convert(node, scope)
        finally:
            self._depth -= 1
        self._memo[key] = found
        if id(found) in self._registered:
            return found
        self._registered.add(id(found))
        if isinstance(found, Call):
            self.module.calls.append(found)
        elif isinstance(found, (Str, Concat)) and (
            not isinstance(found, Concat) or any(isinstance(i, Str) for i in found.items)
        ):
            self.module.strings.append(found)
        return found

    def converted(self, node: Node) -> bool:
        return (node.start_byte, node.end_byte, node.type) in self._memo

    def concat(self, node: Node, scope: int, operands: list[Node]) -> Expr:
        """``a + b + c`` as one Concat; the inner ``+`` nodes count as converted (a walk that
        meets them later must not read the chain again: that would be quadratic)."""
        found = Concat(node.start_byte, node.end_byte, scope,
                       tuple(self.expr(item, scope) for item in operands))
        current: Node | None = node.child_by_field_name("left")
        while current is not None and current.type == node.type:
            self._memo[(current.start_byte, current.end_byte, current.type)] = found
            current = current.child_by_field_name("left")
        return found


def _outside(node: Node, top: Node) -> bool:
    """Of two nodes spanning the same bytes, is ``node`` around ``top`` (not inside it)?"""
    return treesitter.same_span_depth(node) > treesitter.same_span_depth(top)


def flatten(node: Node, kind: str, operator: str, left: str = "left",
            right: str = "right") -> list[Node]:
    """The operands of a left-deep chain ``a + b + c`` (iteratively)."""
    operands: list[Node] = []
    current: Node | None = node
    while current is not None and current.type == kind:
        op = current.child_by_field_name("operator")
        if op is None or op.type != operator:
            break
        right_node = current.child_by_field_name(right)
        if right_node is not None:
            operands.append(right_node)
        current = current.child_by_field_name(left)
    if current is not None:
        operands.append(current)
    operands.reverse()
    return operands


def extract_file(
    source: SourceFile,
    grammar: str,
    front_end: Callable[[bytes], FrontEnd],
    extractor: str,
    label: str,
    environment: Environment | None = None,
    sdk: Callable[[Module, object], SdkHook | None] | None = None,
    summarise: Summariser | None = None,
    force: bool = False,
) -> FileScan:
    """Parse ``source`` with ``grammar``, build its model, recognise its requests, emit.

    ``summarise`` (a language that links across files): without ``environment``, the scan
    carries the file's summary, given the names its calls asked of other files; ``force``
    parses the file whatever it holds (the linker reading a module on demand)."""
    from scopelint.scanning.core.environment import RecordingEnvironment
    from scopelint.scanning.core.knowledge import table
    from scopelint.scanning.core.recognise import Recogniser, emit
    from scopelint.scanning.core.values import Evaluator

    scan = FileScan(path=source.display)
    data = source.text.encode("utf-8", errors="surrogatepass")
    recorder = RecordingEnvironment(answer=False) if summarise is not None and environment is None \
        else None
    worth = force or environment is not None or any(marker in data for marker in PREFILTER)
    if not worth and sdk is None:
        return scan
    try:
        tree = treesitter.parse(grammar, data)
    except Exception as error:  # a grammar that fails to load or parse costs only this file
        scan.warnings.append(f"{source.display}: could not parse {label} ({type(error).__name__})")
        return scan
    root = tree.root_node
    if treesitter.deeper_than(root, MAX_QUERY_DEPTH):
        from scopelint.scanning.source import refuse_too_deep

        refuse_too_deep(scan)
        return scan
    try:
        module = front_end(data).build(root)
        knowledge = table(extractor)
        values = Evaluator(module, knowledge, environment if recorder is None else recorder)
        hook = sdk(module, values) if sdk is not None else None
        if hook is None and not worth:
            return scan
        recogniser = Recogniser(module, knowledge, values, hook)
        scan.calls = emit(source, module, extractor, recogniser.run(), recogniser)
        if summarise is not None and recorder is not None:
            scan.summary = summarise(source, module, knowledge, list(recorder.asked)).to_json()
    except RecursionError:
        from scopelint.scanning.source import refuse_too_deep

        refuse_too_deep(scan)
        return scan
    if root.has_error:
        scan.warnings.append(f"{source.display}: {label} syntax errors; results may be incomplete")
    return scan
