"""Scope declarations in configuration files: YAML, JSON and TOML app settings, CI ``env:``.

* a ``scope``/``scopes`` key (any key ending in it: ``oauth_scopes``, ``additionalScopes``)
  whose value is a scope string (space- or comma-separated) or a list of scope strings, at a
  place reached through mappings only: a key inside a list of records (an exported API
  response, ``accessible-resources``) is data, not a setting;
* an environment variable whose name ends in SCOPE or SCOPES, anywhere: a mapping entry
  (GitHub Actions / GitLab ``env:``, ``variables:``), a docker-compose ``environment:`` item
  ``NAME=value``, a Kubernetes ``env:`` entry ``{name: NAME, value: ...}``.

A value counts only when it looks like Atlassian scopes (``scanning.core.scope_text``); a
saved OAuth token response (``access_token`` beside ``scope``) is data and yields nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from scopelint.model import Location, ScopeDeclaration
from scopelint.scanning.core import scope_text as st
from scopelint.scanning.core.scope_env import assignment, is_env_scope_name, split_assignment
from scopelint.scanning.formats.documents import MAX_DEPTH, MAX_NODES, TooComplex
from scopelint.scanning.source import SourceFile, line_starts

_ENV_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_TOKEN_KEYS = ("access_token", "token_type", "refresh_token")


def is_scope_key(name: str) -> bool:
    return name.lower().endswith(("scope", "scopes"))


def _env_name(name: str) -> bool:
    return _ENV_NAME_RE.match(name) is not None and is_env_scope_name(name)


def _is_token_response(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in _TOKEN_KEYS)


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return list(value)
    return None


# --------------------------------------------------------------------------- YAML


def yaml_declarations(source: SourceFile, documents: list[Any]) -> list[ScopeDeclaration]:
    """The declarations in ruamel round-trip ``documents`` of ``source``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    starts = line_starts(source.text)
    found: list[ScopeDeclaration] = []

    def line_of(position: Any) -> int:
        try:
            return int(position[0]) + 1
        except (TypeError, IndexError, ValueError):
            return 0

    def location(position: Any) -> Location:
        try:
            line, column = int(position[0]), int(position[1])
        except (TypeError, IndexError, ValueError):
            return Location(source.display, 1, 1)
        offset = starts[line] + column if 0 <= line < len(starts) else 0
        return source.location(min(offset, len(source.text)))

    def value_words(mapping: Any, key: Any, value: Any) -> tuple[list[tuple[str, int]], bool]:
        if isinstance(value, str):
            first = line_of(_lc(mapping, "value", key))
            last = _block_end(source, first) if first else 0
            return st.words_of(st.string(value, first, max(first, last)), source)
        pieces = [[st.Piece(item, line_of(_lc(value, "item", index)))]
                  for index, item in enumerate(value)]
        return st.words_of(st.ScopeValue(items=pieces), source)

    visits = 0
    stack: list[tuple[Any, bool, int]] = [(doc, False, 0) for doc in reversed(documents)]
    seen: set[int] = set()
    while stack:
        node, in_list, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise TooComplex
        if isinstance(node, CommentedMap):
            if depth == 0 and _is_token_response(node):
                continue
            name, value = node.get("name"), node.get("value")
            if isinstance(name, str) and isinstance(value, str) and _env_name(name):
                words, partial = st.words_of(
                    st.string(value, line_of(_lc(node, "value", "value"))), source)
                found.extend(_made(source, location(_lc(node, "value", "name")), words, partial,
                                   "env"))
            for key, child in node.items():
                visits += 1
                text = str(key)
                strings = _strings(child)
                if strings is not None and is_scope_key(text) and (not in_list or _env_name(text)):
                    words, partial = value_words(node, key, child)
                    kind = "env" if _env_name(text) else "scope-key"
                    found.extend(_made(source, location(_lc(node, "key", key)), words, partial,
                                       kind))
                elif isinstance(child, (CommentedMap, CommentedSeq)):
                    stack.append((child, in_list, depth + 1))
        elif isinstance(node, CommentedSeq):
            for index, item in enumerate(node):
                visits += 1
                if isinstance(item, str):
                    parsed = split_assignment(item)
                    if parsed is not None:
                        line = line_of(_lc(node, "item", index))
                        offset = location(_lc(node, "item", index))
                        start = _offset_of(source, offset)
                        value_at = source.text.find(parsed[1], start) if parsed[1] else -1
                        declaration = assignment(source, parsed[1],
                                                 value_at if value_at != -1 else start, start)
                        if declaration is not None and line:
                            found.append(declaration)
                elif isinstance(item, (CommentedMap, CommentedSeq)):
                    stack.append((item, True, depth + 1))
        if visits > MAX_NODES:
            raise TooComplex
    return st.unique(found)


def _lc(node: Any, what: str, key: Any) -> Any:
    try:
        return getattr(node.lc, what)(key)
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def _block_end(source: SourceFile, line: int) -> int:
    """The last line of a scalar starting on ``line``: a block (``|``, ``>``) or a plain or
    quoted scalar continued on lines indented more than its key's."""
    text = source.line_text(line)
    indent = len(text) - len(text.lstrip())
    last = line
    total = source.text.count("\n") + 1
    for number in range(line + 1, min(total, line + 500) + 1):
        following = source.line_text(number)
        if not following.strip():
            continue
        if len(following) - len(following.lstrip()) <= indent:
            break
        last = number
    return last


def _offset_of(source: SourceFile, location: Location) -> int:
    starts = line_starts(source.text)
    line = min(max(location.line, 1), len(starts)) - 1
    return starts[line] + location.column - 1


def _made(source: SourceFile, location: Location, words: list[tuple[str, int]], partial: bool,
          kind: str) -> list[ScopeDeclaration]:
    found = st.declaration(source, location, words, kind=kind, partial=partial)
    return [found] if found is not None else []


# --------------------------------------------------------------------------- JSON and TOML


def _settings(data: Any) -> Iterator[tuple[str, list[str], bool]]:
    """(key, strings, inside a list) for every scope key of parsed JSON/TOML ``data``."""
    if _is_token_response(data):
        return
    stack: list[tuple[Any, bool, int]] = [(data, False, 0)]
    visits = 0
    while stack:
        node, in_list, depth = stack.pop()
        visits += 1
        if visits > MAX_NODES or depth > MAX_DEPTH:
            raise TooComplex
        if isinstance(node, dict):
            for key, value in node.items():
                strings = _strings(value)
                if strings is not None and is_scope_key(str(key)) and (
                        not in_list or _env_name(str(key))):
                    yield str(key), strings, isinstance(value, list)
                elif isinstance(value, (dict, list)):
                    stack.append((value, in_list, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, True, depth + 1) for item in reversed(node))


def json_declarations(source: SourceFile, data: Any) -> list[ScopeDeclaration]:
    """The declarations in parsed JSON ``data`` of ``source``, located in its text."""
    found: list[ScopeDeclaration] = []
    cursor: dict[str, int] = {}
    decoder = json.JSONDecoder()
    text = source.text
    for key, strings, is_list in _settings(data):
        pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:\s*")
        match = None
        for candidate in pattern.finditer(text, cursor.get(key, 0)):
            try:
                value, _end = decoder.raw_decode(text, candidate.end())
            except (json.JSONDecodeError, RecursionError):
                continue
            if value == (strings if is_list else strings[0]):
                match = candidate
                break
        if match is None:
            continue
        cursor[key] = match.end()
        found.extend(_located(source, match.start() + 1, match.end(), strings, is_list,
                              lambda item: (json.dumps(item, ensure_ascii=False), json.dumps(item)),
                              _env_name(key)))
    return st.unique(found)


def toml_declarations(source: SourceFile, data: Any) -> list[ScopeDeclaration]:
    """The declarations in parsed TOML ``data`` of ``source``, located in its text."""
    found: list[ScopeDeclaration] = []
    cursor: dict[str, int] = {}
    text = source.text
    for key, strings, is_list in _settings(data):
        pattern = re.compile(r"(?m)^[ \t]*(?:" + re.escape(key) + "|\"" + re.escape(key) + "\")"
                             r"[ \t]*=[ \t]*")
        match = pattern.search(text, cursor.get(key, 0))
        if match is None:
            continue
        cursor[key] = match.end()
        found.extend(_located(source, match.start() + (len(match.group(0)) -
                                                         len(match.group(0).lstrip())),
                              match.end(), strings, is_list,
                              lambda item: (json.dumps(item), f"'{item}'"), _env_name(key)))
    return st.unique(found)


def _located(source: SourceFile, key_offset: int, value_offset: int, strings: list[str],
             is_list: bool, needles: Any, env: bool) -> list[ScopeDeclaration]:
    text = source.text
    pieces: list[list[st.Piece]] = []
    position = value_offset
    for item in strings:
        at = -1
        for needle in needles(item):
            at = text.find(needle, position)
            if at != -1:
                position = at + len(needle)
                break
        line = source.line_col(at if at != -1 else value_offset)[0]
        pieces.append([st.Piece(item, line)])
    value = st.ScopeValue(items=pieces) if is_list else st.ScopeValue(pieces[0])
    words, partial = st.words_of(value, source)
    return _made(source, source.location(key_offset), words, partial, "env" if env else "scope-key")
