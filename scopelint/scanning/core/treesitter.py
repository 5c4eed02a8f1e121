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

import importlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Parser, Query, Tree

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
