"""tree-sitter for every language package: grammars, parsers, iterative walks, queries.

One threading rule for all: a ``Language`` (and a compiled ``Query``) is immutable and shared
by the whole process; a ``Parser`` is not safe to use from two threads at once, so each
thread gets its own, per grammar.  All are created on first use, and a grammar's Python
package is imported only then, so scanning a Python file never imports tree-sitter.

A language package registers its grammar once (``register_grammar("go", "tree_sitter_go",
"language")``) and then calls :func:`parse`.  Walks are iterative, so deep trees cannot
exhaust Python's stack.
"""

from __future__ import annotations

import bisect
import importlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Parser, Query, Tree

    from scopelint.model import FileScan

# grammar name -> (module, function returning the language pointer)
_GRAMMARS: dict[str, tuple[str, str]] = {
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "bash": ("tree_sitter_bash", "language"),
}
_languages: dict[str, Language] = {}
_queries: dict[tuple[str, str], Query] = {}
_lock = threading.Lock()
_local = threading.local()


def register_grammar(name: str, module: str, function: str = "language") -> None:
    """Make grammar ``name`` available: ``module.function()`` gives its language pointer."""
    _GRAMMARS[name] = (module, function)


def language(name: str) -> Language:
    """The process-wide ``Language`` of grammar ``name`` (imports its package on first use).

    Raises KeyError for an unregistered grammar, ImportError when its package is missing.
    """
    found = _languages.get(name)
    if found is not None:
        return found
    module_name, function = _GRAMMARS[name]
    from tree_sitter import Language

    with _lock:
        found = _languages.get(name)
        if found is None:
            pointer = getattr(importlib.import_module(module_name), function)()
            found = _languages[name] = Language(pointer)
    return found


def parser(name: str) -> Parser:
    """This thread's parser for grammar ``name``."""
    parsers: dict[str, Parser] | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    found = parsers.get(name)
    if found is None:
        from tree_sitter import Parser

        found = parsers[name] = Parser(language(name))
    return found


def parse(name: str, data: bytes) -> Tree:
    """Parse UTF-8 ``data`` with grammar ``name``."""
    return parser(name).parse(data)


def walk(root: Node) -> Iterator[Node]:
    """Every node under ``root`` (itself included), in document order (pre-order)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def query(name: str, source: str) -> Query:
    """The compiled query ``source`` for grammar ``name`` (compiled once per process)."""
    key = (name, source)
    found = _queries.get(key)
    if found is None:
        from tree_sitter import Query

        found = Query(language(name), source)
        with _lock:
            found = _queries.setdefault(key, found)
    return found


def captures(compiled: Query, node: Node) -> list[tuple[str, Node]]:
    """(capture name, node) of every capture under ``node``, in document order (an outer
    node before the nodes inside it)."""
    try:
        from tree_sitter import QueryCursor
    except ImportError:  # tree-sitter < 0.25: the query captures by itself
        found = compiled.captures(node)  # type: ignore[attr-defined,unused-ignore]
    else:
        found = QueryCursor(compiled).captures(node)
    pairs = [(capture, hit) for capture, hits in found.items() for hit in hits]
    pairs.sort(key=lambda pair: (pair[1].start_byte, -pair[1].end_byte))
    return pairs


def same_span_depth(node: Node) -> int:
    """How many descendants of ``node`` share its exact byte range (a chain: tree-sitter's
    nodes of one range nest one inside the next), to order such nodes outer first."""
    depth = 0
    start, end = node.start_byte, node.end_byte
    current: Node | None = node
    while current is not None and start < end:
        current = next((child for child in current.children
                        if child.start_byte == start and child.end_byte == end), None)
        depth += current is not None
    return depth


_TYPE_QUERIES: dict[tuple[str, frozenset[str]], str] = {}


def preorder(name: str, types: frozenset[str], root: Node) -> list[Node]:
    """The nodes under ``root`` (itself included) whose type is in ``types``, in document order
    (pre-order: an outer node before the nodes inside it, also when they span the same bytes),
    from one compiled query, so Python gets an object only for those nodes.  Types the grammar
    does not know are left out of the query; a keyword token named like a type is captured
    with it."""
    key = (name, types)
    source = _TYPE_QUERIES.get(key)
    if source is None:
        known = language(name)
        patterns = [f"({kind})" for kind in sorted(types) if known.id_for_node_kind(kind, True)]
        # a keyword token of the same name too (PHP's ``string`` type): a walk over every node
        # met it as well
        patterns += [f'"{kind}"' for kind in sorted(types) if known.id_for_node_kind(kind, False)]
        source = _TYPE_QUERIES[key] = "[" + " ".join(patterns) + "] @node"
    try:
        from tree_sitter import QueryCursor
    except ImportError:  # tree-sitter < 0.25: the query captures by itself
        found = query(name, source).captures(root)  # type: ignore[attr-defined,unused-ignore]
    else:
        found = QueryCursor(query(name, source)).captures(root)
    nodes: list[Node] = list(found.get("node", ()))
    nodes.sort(key=lambda node: (node.start_byte, -node.end_byte))
    index = 1
    while index < len(nodes):  # nodes of one range: outermost first
        first = nodes[index - 1]
        if (nodes[index].start_byte, nodes[index].end_byte) != (first.start_byte, first.end_byte):
            index += 1
            continue
        last = index
        while last + 1 < len(nodes) and (nodes[last + 1].start_byte, nodes[last + 1].end_byte) \
                == (first.start_byte, first.end_byte):
            last += 1
        nodes[index - 1:last + 1] = sorted(nodes[index - 1:last + 1], key=same_span_depth,
                                           reverse=True)
        index = last + 2
    return nodes


# Trees deeper than this are refused before they are queried: tree-sitter's query cursor
# slows down steeply with depth (a C# file of 50,000 nested lambdas: minutes) and then stops
# capturing silently (8,192 captures of 10,000 nested PowerShell script blocks), and the
# analysis after it asks "what is around this node" of every capture.  Real code is a few
# hundred levels deep; the hostile-input tests nest 2,000 lambdas (about 12,000 levels).
MAX_TREE_DEPTH = 20_000


def deeper_than(root: Node, limit: int = MAX_TREE_DEPTH) -> bool:
    """Does the tree under ``root`` nest more than ``limit`` nodes deep?  A walk that enters
    only subtrees with enough descendants to go deeper (``descendant_count`` is stored in
    the tree), so an ordinary file costs a few dozen node visits and a deep one stops at the
    limit."""
    if root.descendant_count <= limit:
        return False
    cursor = root.walk()
    depth = 0
    while True:
        if depth > limit:
            return True
        node = cursor.node
        if node is not None and depth + node.descendant_count - 1 > limit and cursor.goto_first_child():
            depth += 1
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return False
            depth -= 1


def parse_captures(
    name: str, query_source: str, data: bytes, label: str, scan: FileScan
) -> tuple[Node, list[tuple[str, Node]]] | None:
    """The root of ``data`` parsed with grammar ``name`` and the captures of ``query_source``
    under it; ``None`` after one warning naming the file of ``scan`` when the grammar cannot
    load or parse (a missing or mismatched grammar costs only this file), or when the
    tree nests deeper than :data:`MAX_TREE_DEPTH` (``scan`` is then marked not checked:
    :func:`scopelint.scanning.source.refuse_too_deep`)."""
    try:
        root = parse(name, data).root_node
        if deeper_than(root):
            from scopelint.scanning.source import refuse_too_deep

            refuse_too_deep(scan)
            return None
        return root, captures(query(name, query_source), root)
    except (ImportError, OSError, ValueError, RuntimeError) as error:
        reason = " ".join(str(error).split())[:100] or type(error).__name__
        scan.warnings.append(f"{scan.path}: cannot parse {label} ({reason}); only text-level checks ran")
        return None


def chain_tops(
    root: Node, leaves: frozenset[str], links: Callable[[Node], bool], max_depth: int = 2000
) -> list[tuple[Node, Node, str]]:
    """(leaf, top, parent type) for every node whose type is in ``leaves``, in document order.

    ``top`` is the outermost ancestor reached from the leaf through nodes for which ``links``
    is true (``"a" + b + "c"``: the whole sum), or the leaf itself when its parent is not a
    link.  One iterative walk and no ``Node.parent`` (tree-sitter computes a parent by
    descending from the root, so climbing from every leaf of a long chain is quadratic).
    Nodes deeper than ``max_depth`` are not visited (hostile input; memory stays bounded).
    """
    found: list[tuple[Node, Node, str]] = []
    stack: list[tuple[Node, Node | None, str, int]] = [(root, None, "", 0)]
    while stack:
        node, parent_top, parent_type, depth = stack.pop()
        if node.type in leaves:
            found.append((node, parent_top or node, parent_type))
        if depth >= max_depth:
            continue
        top = (parent_top or node) if links(node) else None
        stack.extend((child, top, node.type, depth + 1) for child in reversed(node.children))
    return found


class Nesting:
    """Nodes of some kinds (functions, classes, blocks), to ask which of them is the innermost
    one around a node, by byte ranges: O(log n + nesting) per question and no ``Node.parent``
    (whose cost grows with the depth of the node, so climbing from many deep nodes is
    quadratic in the depth)."""

    __slots__ = ("_ends", "_nodes", "_parents", "_starts", "_types")

    def __init__(self, nodes: list[Node]) -> None:
        spans = sorted(((n.start_byte, -n.end_byte, n.type, n) for n in nodes), key=lambda x: x[:2])
        self._nodes = [span[3] for span in spans]
        self._starts = [span[0] for span in spans]
        self._ends = [-span[1] for span in spans]
        self._types = [span[2] for span in spans]
        self._parents: list[int] = []
        open_: list[int] = []
        for index, end in enumerate(self._ends):
            while open_ and self._ends[open_[-1]] < end:
                open_.pop()
            self._parents.append(open_[-1] if open_ else -1)
            open_.append(index)

    def around(self, node: Node, types: frozenset[str] | None = None) -> Node | None:
        """The innermost node of this nesting (of one of ``types``, if given) that contains
        ``node`` and is not ``node`` itself."""
        start, end, kind = node.start_byte, node.end_byte, node.type
        starts, ends, kinds, parents = self._starts, self._ends, self._types, self._parents
        index = bisect.bisect_right(starts, start) - 1
        while index >= 0:
            if starts[index] <= start and end <= ends[index] and not (
                starts[index] == start and ends[index] == end and kinds[index] == kind
            ) and (types is None or kinds[index] in types):
                return self._nodes[index]
            index = parents[index]
        return None
