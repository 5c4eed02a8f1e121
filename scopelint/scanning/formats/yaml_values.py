"""YAML for the formats that read it (configuration files, CI definitions).

``load_yaml`` parses with ruamel's round-trip loader (line information, duplicate keys
allowed, far-too-deep input refused before parsing); ``walk_yaml`` yields every string scalar
with its offset, walking each mapping or sequence once however many aliases point at it.

The loader reads with libyaml's C parser (``ruamel.yaml.clib``) and builds the documents with
ruamel's own round-trip constructor and YAML 1.2 resolver, so the documents are those of the
pure-Python loader (same classes, values and ``.lc`` positions of every string; nothing
scanning reads keeps comments) at ~5x less CPU.  Where the two parsers were seen to differ,
the pure-Python loader reads the file, as it does everywhere the C extension is not installed
(PyPy); see ``_c_parser_may_differ`` for the list and ``tests/scanning/test_yaml_c_parser.py``
for the cases.
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
    return _flow_depth(text, MAX_DEPTH // 2) > MAX_DEPTH // 2


def load_yaml(source: SourceFile) -> tuple[list[Any], str | None]:
    """(documents, None), or ([], warning) when the text is not valid YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if too_deep_for_yaml(source.text):
        return [], (
            f"{source.display}: too deeply nested or too large to read; "
            "only text-level checks ran"
        )
    documents = _load_with_c_parser(source.text)
    if documents is not None:
        return documents, None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    try:
        documents = list(yaml.load_all(source.text))
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        return [], (
            f"{source.display}: invalid YAML ({yaml_problem(exc)}); only text-level checks ran"
        )
    return documents, None


_C_LOADER: list[Any] = []  # [the loader class] or [None] once looked up
# Text the C parser reads differently from ruamel's pure-Python one, or may: a directive
# (%YAML 1.1 changes how plain scalars resolve); a tab, NEL, LS, PS or a CR alone (ruamel
# refuses a tab after a value or indicator where libyaml reads on; libyaml breaks lines at
# NEL; a CR alone moves where a block scalar's lines start; a BOM past the start: libyaml
# drops it); a `!!`
# tag (ruamel keeps `!!str x` a tagged scalar, not a string); an anchor (libyaml ends its
# name at `:`, ruamel at a blank, and ruamel keeps anchored scalars as ScalarInt/... types);
# a block scalar whose header has a comment without a blank (`|-#`) or whose first lines are
# blanks with spaces (ruamel refuses both, libyaml reads them).
_C_UNSAFE_RE = re.compile(
    r"^%|[\t\x85\u2028\u2029]|[\s\S]\ufeff|\r(?!\n)|!!|(?:^|[\s\[{,])&"
    r"|[|>][-+0-9]*(?:#|[ \r]*(?:#[^\n]*)?\n(?:[ \r]*\n)*?[ ]+\r?\n)",
    re.MULTILINE,
)
# Nesting: libyaml's composer recurses in C, where no RecursionError stops it.  A document
# nests at most ~2 levels per column of a line's leading blanks and block indicators plus 2
# per open flow bracket; past 50 / 20 (~150 levels) the pure loader reads it, as before.
_C_LEADING_RE = re.compile(r"^[ \t?:-]{51}", re.MULTILINE)
_C_MAX_FLOW_DEPTH = 20


def _c_parser_may_differ(text: str) -> bool:
    """True when the pure-Python loader must read ``text`` (see the patterns above)."""
    if _C_UNSAFE_RE.search(text) or _C_LEADING_RE.search(text):
        return True
    return _flow_depth(text, _C_MAX_FLOW_DEPTH) > _C_MAX_FLOW_DEPTH


def _flow_depth(text: str, limit: int) -> int:
    """The deepest nesting of flow brackets in ``text`` (quoted or not), counted up to just
    past ``limit``."""
    if "[" not in text and "{" not in text:
        return 0
    depth = deepest = 0
    for bracket in _BRACKETS_RE.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _c_loader() -> Any:
    """A round-trip loader on libyaml's parser, or None without ``ruamel.yaml.clib``."""
    if not _C_LOADER:
        try:
            from _ruamel_yaml import CParser  # type: ignore[import-not-found]
        except ImportError:
            _C_LOADER.append(None)
            return None
        from ruamel.yaml.constructor import RoundTripConstructor
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        class CRoundTripLoader(CParser, RoundTripConstructor, VersionedResolver):  # type: ignore[misc]
            """libyaml's parser and composer, ruamel's round-trip constructor and resolver."""

            comment_handling = None  # the C parser keeps no comments
            yaml_version = None  # no %YAML directive (those files take the pure loader)

            def __init__(self, text: str) -> None:
                CParser.__init__(self, text)
                self._parser = self._composer = self._scanner = self
                RoundTripConstructor.__init__(self, loader=self)
                self.allow_duplicate_keys = True
                VersionedResolver.__init__(self, version=None, loadumper=self)

            def construct_unknown(self, node: Any) -> Any:
                """A locally tagged node (``!Sub x``); libyaml writes a plain scalar's style
                "" where ruamel writes None, which a TaggedScalar keeps."""
                if isinstance(node, ScalarNode) and node.style == "":
                    node.style = None
                return RoundTripConstructor.construct_unknown(self, node)

        CRoundTripLoader.add_constructor(None, CRoundTripLoader.construct_unknown)
        _C_LOADER.append(CRoundTripLoader)
    return _C_LOADER[0]


def _load_with_c_parser(text: str) -> list[Any] | None:
    """The documents of ``text`` read through libyaml; None when the pure loader must read
    it (see the module's docstring)."""
    loader_class = _c_loader()
    if loader_class is None or _c_parser_may_differ(text):
        return None
    loader = None
    try:
        loader = loader_class(text)
        documents = []
        while loader.check_data():
            documents.append(loader.get_data())
        return documents
    except Exception:  # any refusal: the pure loader reads it and says why
        return None
    finally:
        if loader is not None:
            loader.dispose()


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
