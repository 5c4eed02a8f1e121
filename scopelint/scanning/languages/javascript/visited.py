"""The nodes the JavaScript/TypeScript index visits, in document order: what a tree-sitter
query captures (functions, declarations, assignments, pairs, imports/exports, classes,
calls) and the outermost string expressions around the bytes a URL candidate needs.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from operator import attrgetter

from tree_sitter import Node

from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES

# Node types through which a string expression continues (`'a' + b`, `${...}`, `('x')`).
STRING_EXPRESSION_TYPES = frozenset(
    {"string", "template_string", "binary_expression", "parenthesized_expression",
     "template_substitution"}
)
# Raw bytes at least one of which a URL candidate must contain to be worth evaluating.
CANDIDATE_MARKER_RE = re.compile(rb"atlassian|rest/|/wiki|2\.0/|bitbucket")

# The node kinds the index records or that change what their subtree means: tree-sitter's
# query engine finds them in C, so Python sees only these nodes (a minified bundle has ~20
# times as many nodes in all: the walk over every node was most of a cold scan).
INDEXED_TYPES = (
    *sorted(FUNCTION_TYPES), "variable_declarator", "assignment_expression", "field_definition",
    "public_field_definition", "pair", "import_statement", "export_statement", "class_declaration",
    "call_expression", "new_expression",
)
_MARKER_START_RE = re.compile(b"(?=" + CANDIDATE_MARKER_RE.pattern + b")")  # overlapping starts


@cache
def _index_query(grammar: str) -> str:
    from scopelint.scanning.core.treesitter import language

    known = language(grammar)
    kinds = [kind for kind in INDEXED_TYPES if known.id_for_node_kind(kind, True)]
    return "[" + " ".join(f"({kind})" for kind in kinds) + "] @node"


def visited_nodes(root: Node, data: bytes, grammar: str) -> list[Node]:
    """The captured nodes and the string roots, in document order (an outer node before
    the nodes inside it)."""
    nodes = _indexed_nodes(root, grammar)
    strings = _string_roots(root, data)
    return _merged(nodes, strings) if strings else nodes


def _indexed_nodes(root: Node, grammar: str) -> list[Node]:
    """The nodes of :data:`INDEXED_TYPES` under ``root`` in document order, an outer node
    before a node inside it that starts at the same byte (``treesitter.captures``' order,
    sorted with two C-level keys instead of a Python one: ~2,500 nodes in a bundle)."""
    from scopelint.scanning.core import treesitter

    compiled = treesitter.query(grammar, _index_query(grammar))
    try:
        from tree_sitter import QueryCursor
    except ImportError:  # tree-sitter < 0.25: the query captures by itself
        found = compiled.captures(root)  # type: ignore[attr-defined,unused-ignore]
    else:
        found = QueryCursor(compiled).captures(root)
    nodes = [hit for hits in found.values() for hit in hits]
    nodes.sort(key=attrgetter("end_byte"), reverse=True)  # stable: then by start, ascending
    nodes.sort(key=attrgetter("start_byte"))
    return nodes


def _document_order(node: Node) -> tuple[int, int]:
    return (node.start_byte, -node.end_byte)


def _merged(nodes: list[Node], strings: list[Node]) -> list[Node]:
    """``sorted(nodes + strings, key=_document_order)`` for ``nodes`` already in that order:
    a few string roots are inserted where they belong (after nodes of the same range, as the
    stable sort puts them) instead of sorting every node of a bundle again."""
    if len(strings) > 64:
        return sorted(nodes + strings, key=_document_order)
    merged = list(nodes)
    for string in sorted(strings, key=_document_order):
        merged.insert(bisect.bisect_right(merged, _document_order(string), key=_document_order), string)
    return merged


def _string_roots(root: Node, data: bytes) -> list[Node]:
    """The string expressions a URL candidate may be: each outermost one (its parent is no
    string expression) around a byte where a candidate marker starts, in no particular
    order.  Each marker's ancestors are found going down from the root with a cursor (a
    node's ``parent`` is found the same way, from the root, each time it is asked for)."""
    found: dict[tuple[int, int, str], Node] = {}
    for match in _MARKER_START_RE.finditer(data):
        position = match.start()
        cursor = root.walk()
        parent: Node | None = None
        node = root
        while True:
            if _is_string_expression(node) and node.type != "template_substitution" and (
                parent is None or not _is_string_expression(parent)
            ):
                found.setdefault((node.start_byte, node.end_byte, node.type), node)
            if cursor.goto_first_child_for_byte(position) is None:
                break
            child = cursor.node
            if child is None or child.start_byte > position:
                break  # between children: no node below holds the marker
            parent, node = node, child
    return list(found.values())


def _is_string_expression(node: Node) -> bool:
    kind = node.type
    return kind in STRING_EXPRESSION_TYPES and (kind != "binary_expression" or _is_plus(node))


def _is_plus(node: Node) -> bool:
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "+"
