"""YAML for the formats that read it (configuration files, CI definitions).

``load_yaml`` parses with ruamel's round-trip loader (line information, duplicate keys
allowed, far-too-deep input refused before parsing); ``walk_yaml`` yields every string scalar
with its offset, walking each mapping or sequence once however many aliases point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scopelint.scanning.formats.documents import MAX_DEPTH, MAX_NODES, TooComplex
from scopelint.scanning.source import SourceFile, line_starts

__all__ = ["TooComplex", "YamlEntry", "load_yaml", "scalar_value_offset", "walk_yaml"]


@dataclass(slots=True)
class YamlEntry:
    """A string scalar in a YAML document, with where it sits."""

    key: str | None  # the mapping key it is the value of (list items: the list's key)
    value: str
    offset: int  # character offset of the scalar's first character (quote/indicator included)
    parent: Any  # the mapping or sequence holding it


def yaml_problem(exc: Exception) -> str:
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if problem and mark is not None:
        return f"{problem} at line {mark.line + 1}"
    first = str(exc).strip().splitlines()
    return first[0][:120] if first else type(exc).__name__


_BRACKETS_RE = re.compile(r"[\[\]{}]")
_DEEP_INDENT_RE = re.compile(rf"^[ \t-]{{{4 * MAX_DEPTH},}}\S", re.MULTILINE)


def too_deep_for_yaml(text: str) -> bool:
    """Cheap guard before parsing: flow nesting or indentation far beyond any real file.

    (The YAML parser recurses per level and slows down badly long before it fails.)
    """
    if _DEEP_INDENT_RE.search(text):
        return True
    depth = 0
    for bracket in _BRACKETS_RE.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH // 2:
            return True
    return False


def load_yaml(source: SourceFile) -> tuple[list[Any], str | None]:
    """(documents, None), or ([], warning) when the text is not valid YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if too_deep_for_yaml(source.text):
        return [], (
            f"{source.display}: too deeply nested or too large to read; "
            "only text-level checks ran"
        )
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        documents = list(yaml.load_all(source.text))
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        return [], (
            f"{source.display}: invalid YAML ({yaml_problem(exc)}); only text-level checks ran"
        )
    return documents, None


def walk_yaml(documents: list[Any], text: str) -> Iterator[YamlEntry]:
    """Every string scalar of ruamel round-trip ``documents``, in document order.

    Each mapping/sequence is walked once however many aliases point at it, and the walk gives
    up (``TooComplex``) past ``MAX_NODES`` entries or ``MAX_DEPTH`` levels.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    starts = line_starts(text)

    def offset(position: Any, node: Any) -> int:
        try:
            line, column = int(position[0]), int(position[1])
        except (TypeError, IndexError, ValueError):
            # a tagged node (`!!python/object/apply:f [x]`) has no item positions: its own
            line, column = int(node.lc.line or 0), int(node.lc.col or 0)
        if 0 <= line < len(starts):
            return min(starts[line] + column, len(text))
        return 0

    seen: set[int] = set()
    visits = 0
    stack: list[tuple[Any, str | None, int]] = [(doc, None, 0) for doc in reversed(documents)]
    while stack:
        node, key, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise TooComplex
        children: list[tuple[Any, str | None]] = []
        if isinstance(node, CommentedMap):
            for child_key, value in node.items():
                visits += 1
                name = str(child_key)
                if isinstance(value, str):
                    try:
                        position = node.lc.value(child_key)
                    except (KeyError, TypeError, AttributeError):
                        position = (node.lc.line, node.lc.col)
                    yield YamlEntry(name, str(value), offset(position, node), node)
                elif isinstance(value, (CommentedMap, CommentedSeq)):
                    children.append((value, name))
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                visits += 1
                if isinstance(value, str):
                    try:
                        position = node.lc.item(index)
                    except (KeyError, TypeError, AttributeError, IndexError):
                        position = (node.lc.line, node.lc.col)
                    yield YamlEntry(key, str(value), offset(position, node), node)
                elif isinstance(value, (CommentedMap, CommentedSeq)):
                    children.append((value, key))
        if visits > MAX_NODES:
            raise TooComplex
        stack.extend((child, name, depth + 1) for child, name in reversed(children))


def scalar_value_offset(text: str, offset: int) -> int:
    """Offset of a one-line scalar's first content character (past an opening quote)."""
    return offset + 1 if text[offset:offset + 1] in ("'", '"') else offset
