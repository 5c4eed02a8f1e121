"""Scope declarations as code writes them: values built from literals, read into scope words.

A language package evaluates the expression that holds an OAuth 2.0 app's scopes (a list
bound to ``SCOPES``, the value of a ``scope`` key, an authorization URL however it is built)
into a :class:`ScopeValue`: a string made of :class:`Piece` s (each one the text of a literal
and the lines it is written on), or a list of such strings.  What cannot be read becomes an
unknown piece, and the value is then *partial*.  This module turns a value into scope words,
each with the line it is written on (:func:`words_of`, :func:`authorization_words`: the
``scope`` parameter of an authorization URL, percent-decoded), and words into a
:class:`~scopelint.model.ScopeDeclaration` when they declare Atlassian scopes
(:func:`declaration`; :mod:`scopelint.kb.scope_names` decides what looks Atlassian).

Everything here is language-neutral, so every language package (and the configuration
formats) reads declarations the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from urllib.parse import unquote

from scopelint.kb.hosts import GATEWAY_HOST, OAUTH_AUTHORIZE_HOST
from scopelint.kb.scope_names import is_atlassian_declaration, is_scope_word
from scopelint.model import DeclarationSource, Location, ScopeDeclaration
from scopelint.scanning.source import SourceFile

UNKNOWN = "\x00"  # the text of a piece that could not be read
_SPLIT_RE = re.compile(r"(?:\s|,|\+|%20|%2[cC]|%2[bB])+")
_SCOPE_PARAM_RE = re.compile(r"[?&](?:amp;)?scope=([^&#]*)")
MAX_WORDS = 500  # more than any real scope list; keeps hostile input linear


class Piece:
    """Text written at lines ``first_line``..``last_line`` (0: not written anywhere known)."""

    __slots__ = ("first_line", "last_line", "text")

    def __init__(self, text: str, first_line: int = 0, last_line: int = 0) -> None:
        self.text = text
        self.first_line = first_line
        self.last_line = last_line or first_line

    def __repr__(self) -> str:
        return f"Piece({self.text!r}, {self.first_line}, {self.last_line})"


class ScopeValue:
    """A string (``pieces``) or a list of strings (``items``) evaluated from code or config."""

    __slots__ = ("items", "partial", "pieces")

    def __init__(self, pieces: list[Piece] | None = None, items: list[list[Piece]] | None = None,
                 partial: bool = False) -> None:
        self.pieces = pieces
        self.items = items
        self.partial = partial

    @property
    def is_list(self) -> bool:
        return self.items is not None

    def text_pieces(self, separator: str = " ") -> list[Piece]:
        """The value as one string (a list joined with ``separator``)."""
        if self.items is None:
            return list(self.pieces or ())
        joined: list[Piece] = []
        for index, item in enumerate(self.items):
            if index:
                joined.append(Piece(separator))
            joined.extend(item)
        return joined

    def __repr__(self) -> str:
        return f"ScopeValue(pieces={self.pieces!r}, items={self.items!r}, partial={self.partial})"


def string(text: str, first_line: int, last_line: int = 0) -> ScopeValue:
    return ScopeValue([Piece(text, first_line, last_line)])


def unknown() -> ScopeValue:
    return ScopeValue([Piece(UNKNOWN)], partial=True)


def elsewhere() -> ScopeValue:
    """A value the file imports under a name containing ``scope`` (``import { SCOPES }``): the
    module that defines it declares those scopes itself (its list is read there), so here it
    adds no word and leaves nothing unknown."""
    return ScopeValue([])


def concat(values: Sequence[ScopeValue]) -> ScopeValue:
    """``a + b + ...``: strings concatenate, lists append (a list and a string: unknown)."""
    partial = any(v.partial for v in values)
    if values and all(v.is_list or _is_unknown(v) for v in values) and any(v.is_list for v in values):
        # a list and what could not be read (``SCOPES + MORE``): the list's items, partial
        items = [item for v in values for item in (v.items or ())]
        return ScopeValue(items=items, partial=partial or any(_is_unknown(v) for v in values))
    if any(v.is_list for v in values):
        return unknown()
    return ScopeValue([piece for v in values for piece in (v.pieces or ())], partial=partial)


def _is_unknown(value: ScopeValue) -> bool:
    return not value.is_list and all(piece.text == UNKNOWN for piece in value.pieces or ())


def join(value: ScopeValue, separator: str) -> ScopeValue:
    """``separator.join(value)`` / ``value.join(separator)``."""
    return ScopeValue(value.text_pieces(separator), partial=value.partial)


def items_of(values: Iterable[ScopeValue]) -> ScopeValue:
    """A list literal of ``values`` (a nested list is spread: ``[*BASE, 'x']``)."""
    items: list[list[Piece]] = []
    partial = False
    for value in values:
        partial = partial or value.partial
        if value.is_list:
            items.extend(value.items or ())
        else:
            items.append(list(value.pieces or ()))
    return ScopeValue(items=items, partial=partial)


def query(pairs: Sequence[tuple[str | None, ScopeValue]]) -> ScopeValue:
    """The query string ``URLSearchParams(...)`` / ``urlencode(...)`` make of ``pairs`` (a key
    None: not read), ``key=value&...``; a list value is written space-separated."""
    pieces: list[Piece] = []
    partial = False
    for index, (key, value) in enumerate(pairs):
        if index:
            pieces.append(Piece("&"))
        pieces.append(Piece(UNKNOWN if key is None else f"{key}="))
        if key is None:
            partial = True
            continue
        partial = partial or value.partial
        pieces.extend(value.text_pieces(" "))
    return ScopeValue(pieces, partial=partial)


# --------------------------------------------------------------------------- words


class _Flat:
    """A value's text with the piece each character came from."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        chunks: list[str] = []
        self.owner: list[int] = []
        for index, piece in enumerate(pieces):
            chunks.append(piece.text)
            self.owner.extend([index] * len(piece.text))
        self.text = "".join(chunks)
        self.pieces = pieces


def _line_of(source: SourceFile | None, piece: Piece, raw: str) -> int:
    if piece.first_line == piece.last_line or source is None:
        return piece.first_line
    for line in range(piece.first_line, piece.last_line + 1):
        if raw in source.line_text(line):
            return line
    return piece.first_line


def _words(flat: _Flat, start: int, end: int, source: SourceFile | None,
           partial: list[bool]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    position = start
    for match in _SPLIT_RE.finditer(flat.text, start, end):
        _add_word(flat, position, match.start(), source, partial, found)
        position = match.end()
    _add_word(flat, position, end, source, partial, found)
    return found[:MAX_WORDS]


def _add_word(flat: _Flat, start: int, end: int, source: SourceFile | None,
              partial: list[bool], found: list[tuple[str, int]]) -> None:
    raw = flat.text[start:end]
    if not raw:
        return
    if UNKNOWN in raw:
        partial[0] = True
        return
    word = unquote(raw) if "%" in raw else raw
    piece = flat.pieces[flat.owner[start]]
    found.append((word, _line_of(source, piece, raw)))


def words_of(value: ScopeValue, source: SourceFile | None = None) -> tuple[list[tuple[str, int]], bool]:
    """The scope words of a value (space-, comma- or ``+``-separated; percent-decoded) with the
    line each one is written on, and whether the value was partial."""
    partial = [value.partial]
    found: list[tuple[str, int]] = []
    groups = value.items if value.items is not None else [value.pieces or []]
    for group in groups:
        flat = _Flat(group)
        found.extend(_words(flat, 0, len(flat.text), source, partial))
    return found[:MAX_WORDS], partial[0]


def is_authorization_url(text: str) -> bool:
    """An OAuth 2.0 authorization URL of Atlassian (``auth.atlassian.com/authorize?``, or any
    ``/authorize?`` asking for the audience ``api.atlassian.com``)."""
    if "/authorize" not in text:
        return False
    return f"{OAUTH_AUTHORIZE_HOST}/authorize" in text or f"audience={GATEWAY_HOST}" in text


def authorization_words(
    value: ScopeValue, source: SourceFile | None = None
) -> tuple[list[tuple[str, int]], bool] | None:
    """The words of the ``scope`` parameter of an authorization URL value, or None when the
    value is no authorization URL with a ``scope`` parameter.

    Partial when the ``scope`` parameter holds a part that could not be read; a part of
    another parameter (``client_id=${id}``) does not count.  A value marked partial with no
    unread part at all (``process.env.SCOPES ?? '...'``) stays partial."""
    flat = _Flat(value.text_pieces())
    if not is_authorization_url(flat.text):
        return None
    match = _SCOPE_PARAM_RE.search(flat.text)
    if match is None:
        return None
    partial = [value.partial and UNKNOWN not in flat.text]
    return _words(flat, match.start(1), match.end(1), source, partial), partial[0]


# --------------------------------------------------------------------------- declarations


def directory_of(display: str) -> str:
    """The directory of a displayed file path, as a POSIX path ("." for the top)."""
    parent = PurePosixPath(display.replace("\\", "/")).parent.as_posix()
    return parent if parent not in ("", ".") else "."


def declaration(
    source: SourceFile,
    location: Location,
    words: Sequence[tuple[str, int]],
    *,
    kind: str,
    partial: bool = False,
    via: str | None = None,
) -> ScopeDeclaration | None:
    """The declaration ``words`` make, or None when they declare no Atlassian scope.

    Only words that can be scope names count (URLs and punctuation are dropped); at least one
    must look Atlassian (:func:`scopelint.kb.scope_names.is_atlassian_declaration`), except in
    an Atlassian authorization URL whose ``scope`` could not be read whole (``scope:
    IMPORTED.join(' ')``): that is a partial declaration even with no word read, so the app's
    calls are not judged against the scopes written elsewhere alone.
    """
    kept = [(word, line) for word, line in words if is_scope_word(word)]
    if not is_atlassian_declaration(word for word, _line in kept) and not (
        kind == "authorization-url" and partial
    ):
        return None
    scope_lines: dict[str, int] = {}
    for word, line in kept:
        scope_lines.setdefault(word, line or location.line)
    source_kind: DeclarationSource = "oauth-url" if kind == "authorization-url" else "oauth-scopes"
    return ScopeDeclaration(
        source_kind,
        location,
        directory_of(source.display),
        tuple(scope_lines),
        scope_lines=scope_lines,
        kind=kind,
        via=via,
        partial=partial,
    )


def unique(declarations: Iterable[ScopeDeclaration]) -> list[ScopeDeclaration]:
    """``declarations`` without repeats: the same scopes written at the same lines (a list and
    the authorization URL built from it) count once, the first one found."""
    seen: set[tuple[tuple[str, int], ...]] = set()
    kept: list[ScopeDeclaration] = []
    for found in declarations:
        key = tuple(sorted(found.scope_lines.items()))
        if key in seen:
            continue
        seen.add(key)
        kept.append(found)
    return kept
