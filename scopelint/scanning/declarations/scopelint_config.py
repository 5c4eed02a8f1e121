"""scopelint's own configuration as scope declarations.

``.scopelint.yaml`` / ``.scopelint.yml`` / ``.scopelint.toml`` (keys at the top level) and
``pyproject.toml`` (``[tool.scopelint]``; without that table the file yields nothing):

* top-level ``scopes = [...]``: the scopes of the token used under the config's directory;
* ``tokens``: entries ``{name, paths, scopes}``; each governs only files matching ``paths``
  (globs relative to the config's directory).

Only the keys that make declarations are checked here, leniently (a bad entry becomes a
warning and is skipped); the CLI validates the whole file strictly through
:mod:`scopelint.config`.  TOML has no positions in :mod:`tomllib`, so lines come from finding
the keys and scope strings in the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.records import dataclass
from scopelint.config import (
    PYPROJECT,
    YamlTooComplex,
    describe_yaml_error,
    load_yaml_text,
    parse_config_text,
)
from scopelint.errors import ConfigError
from scopelint.model import FileScan, Location, ScopeDeclaration
from scopelint.scanning.declarations import unreadable
from scopelint.scanning.declarations.forge_manifest import (
    directory_of,
    yaml_location,  # (CR line ends)
)
from scopelint.scanning.declarations.unreadable import SCOPELINT_CONFIG
from scopelint.scanning.source import SourceFile

SOURCE: Final = "config"


@dataclass(frozen=True, slots=True)
class _Entry:
    """One set of scopes found in the file, with where it is written."""

    scopes: tuple[str, ...]
    scope_lines: dict[str, int]
    location: Location
    paths: tuple[str, ...] = ()


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    name = source.path.name
    if name == PYPROJECT and not _PYPROJECT_TABLE.search(source.text):
        scan.declarations = _app_settings(source)
        return scan
    if name.endswith(".toml"):
        loaded = _load_toml(source, scan)
        if loaded is None:
            return scan
        data, locator = loaded
    else:
        yaml_data = _load_yaml(source, scan)
        if yaml_data is None:
            return scan
        data, locator = yaml_data, _YamlLocator(source, yaml_data)

    root = directory_of(source.display)
    for entry in _entries(data, locator, source, scan):
        scan.declarations.append(
            ScopeDeclaration(
                SOURCE,
                entry.location,
                root,
                entry.scopes,
                scope_lines=entry.scope_lines,
                paths=entry.paths,
            )
        )
    return scan


def _app_settings(source: SourceFile) -> list[ScopeDeclaration]:
    """An OAuth 2.0 app's scopes in a ``pyproject.toml`` without ``[tool.scopelint]``: a
    ``scopes`` key of its own tool table (``[tool.myapp.atlassian] scopes = [...]``), read as
    any TOML app setting (:mod:`scopelint.scanning.formats.scope_settings`)."""
    from scopelint.kb.scope_names import has_scope_marker

    if not has_scope_marker(source.text):
        return []
    import tomllib

    from scopelint.scanning.formats.documents import TooComplex
    from scopelint.scanning.formats.scope_settings import toml_declarations

    try:
        return toml_declarations(source, tomllib.loads(source.text))
    except (ValueError, RecursionError, TooComplex):  # a broken pyproject.toml: not ours
        return []


# --------------------------------------------------------------------------- loading


def _load_toml(source: SourceFile, scan: FileScan) -> tuple[Mapping[str, Any], _Locator] | None:
    try:
        raw = parse_config_text(source.text, source.path.name, source.display)
    except ConfigError as exc:
        if source.path.name == PYPROJECT and not _PYPROJECT_TABLE.search(source.text):
            return None  # a broken pyproject.toml that is not about scopelint: not ours
        reason = str(exc).removeprefix(f"{source.display}: ")
        line, column = unreadable.message_position(reason)
        unreadable.record(scan, source, SCOPELINT_CONFIG, reason, line, column)
        return None
    if raw is None:
        return None
    return raw.data, _TomlLocator(source, raw.key_prefix)


def _load_yaml(source: SourceFile, scan: FileScan) -> Mapping[str, Any] | None:
    try:
        document = load_yaml_text(source.text, round_trip=True)
    except YamlTooComplex as exc:
        unreadable.record(scan, source, SCOPELINT_CONFIG, str(exc))
        return None
    except Exception as exc:  # ruamel's YAMLError family
        line, column = unreadable.yaml_position(exc)
        unreadable.record(scan, source, SCOPELINT_CONFIG,
                          f"invalid YAML ({describe_yaml_error(exc)})", line, column)
        return None
    if document is None:
        return None
    if not isinstance(document, Mapping):
        unreadable.record(scan, source, SCOPELINT_CONFIG,
                          "expected a mapping of settings at the top level")
        return None
    return document


# --------------------------------------------------------------------------- entries


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _unique(values: Sequence[str], lines: Sequence[int]) -> dict[str, int]:
    scope_lines: dict[str, int] = {}
    for value, line in zip(values, lines, strict=True):
        scope = value.strip()
        if scope and scope not in scope_lines:
            scope_lines[scope] = line
    return scope_lines


def _entries(
    data: Mapping[str, Any], locator: _Locator, source: SourceFile, scan: FileScan
) -> list[_Entry]:
    entries: list[_Entry] = []

    def problem(key: str, reason: str) -> None:
        line, column = unreadable.key_position(source, key)
        unreadable.record(scan, source, SCOPELINT_CONFIG, reason, line, column)

    if "scopes" in data:
        scopes = data["scopes"]
        if scopes is None:
            scopes = []
        if _is_string_list(scopes):
            location, lines = locator.top_level(scopes)
            scope_lines = _unique(scopes, lines)
            entries.append(_Entry(tuple(scope_lines), scope_lines, location))
        else:
            problem("scopes", "scopes is not a list of strings")

    tokens = data.get("tokens")
    if tokens is None:
        return entries
    if not isinstance(tokens, list):
        problem("tokens", "tokens is not a list of tables")
        return entries
    for index, token in enumerate(tokens):
        trouble = _token_problem(token)
        if trouble:
            problem("tokens", f"tokens[{index}] {trouble}")
            continue
        location, lines = locator.token(index, token)
        scope_lines = _unique(token["scopes"], lines)
        paths = tuple(path for path in token["paths"] if path.strip())
        entries.append(_Entry(tuple(scope_lines), scope_lines, location, paths))
    return entries


def _token_problem(token: object) -> str | None:
    if not isinstance(token, Mapping):
        return "is not a table"
    if not _is_string_list(token.get("paths")) or not token["paths"]:
        return "needs paths = a non-empty list of strings"
    if not _is_string_list(token.get("scopes")):
        return "needs scopes = a list of strings"
    return None


# --------------------------------------------------------------------------- locators


class _Locator:
    """Where the scopes of the top level and of each token are written."""

    def top_level(self, scopes: Sequence[str]) -> tuple[Location, list[int]]:
        raise NotImplementedError

    def token(self, index: int, token: Mapping[str, Any]) -> tuple[Location, list[int]]:
        raise NotImplementedError


class _YamlLocator(_Locator):
    def __init__(self, source: SourceFile, document: Mapping[str, Any]) -> None:
        self._source = source
        self._document = document

    def top_level(self, scopes: Sequence[str]) -> tuple[Location, list[int]]:
        return self._scopes_of(self._document)

    def token(self, index: int, token: Mapping[str, Any]) -> tuple[Location, list[int]]:
        return self._scopes_of(token)

    def _scopes_of(self, mapping: Mapping[str, Any]) -> tuple[Location, list[int]]:
        display = self._source.display
        try:
            line, column = mapping.lc.key("scopes")  # type: ignore[attr-defined]
            location = yaml_location(self._source, int(line), int(column))
        except (AttributeError, KeyError, TypeError):
            location = Location(display, 1, 1)
        sequence: Any = mapping.get("scopes") or []
        lines: list[int] = []
        for index in range(len(sequence)):
            try:
                line, column = sequence.lc.item(index)
                lines.append(yaml_location(self._source, int(line), int(column)).line)
            except (AttributeError, KeyError, TypeError):
                lines.append(location.line)
        return location, lines


# A table header line: [a.b] or [[a.b]] (keys may be quoted; no commas, unlike array lines).
_HEADER = lazy_compile(r"""^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-"' \t]+?)[ \t]*\]\]?""",
                     re.MULTILINE)
_PYPROJECT_TABLE = lazy_compile(r"^\s*(\[{1,2}\s*)?tool\s*\.\s*scopelint\b", re.MULTILINE)
_SCOPES_KEY = lazy_compile(r"""^[ \t]*(scopes|"scopes"|'scopes')[ \t]*=[ \t]*""", re.MULTILINE)
_INLINE_SCOPES_KEY = lazy_compile(r"""(?:^|[{,\s])(scopes|"scopes"|'scopes')[ \t]*=[ \t]*""",
                                re.MULTILINE)
_TOKENS_KEY = lazy_compile(r"""^[ \t]*(tokens|"tokens"|'tokens')[ \t]*=""", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Section:
    name: str  # dotted, unquoted, no spaces ("" for the root table)
    array: bool  # [[...]]
    start: int  # offset of the header ("" root: 0)
    body: int  # offset just after the header
    end: int  # offset of the next header or the end of the text


class _TomlLocator(_Locator):
    def __init__(self, source: SourceFile, prefix: str) -> None:
        self._source = source
        self._prefix = prefix
        self._sections = self._split(source.text)

    @staticmethod
    def _split(text: str) -> list[_Section]:
        headers = [
            (match.start(), match.end(), match.group(1) == "[[",
             re.sub(r"[\s\"']", "", match.group(2)))
            for match in _HEADER.finditer(text)
        ]
        sections = [_Section("", False, 0, 0, headers[0][0] if headers else len(text))]
        for index, (start, body, array, name) in enumerate(headers):
            end = headers[index + 1][0] if index + 1 < len(headers) else len(text)
            sections.append(_Section(name, array, start, body, end))
        return sections

    def _table(self, name: str, *, array: bool = False) -> list[_Section]:
        return [s for s in self._sections if s.name == name and s.array == array]

    def top_level(self, scopes: Sequence[str]) -> tuple[Location, list[int]]:
        for section in self._table(self._prefix):
            match = _SCOPES_KEY.search(self._source.text, section.body, section.end)
            if match:
                return self._strings_after(match, scopes)
        return self._fallback(scopes)

    def token(self, index: int, token: Mapping[str, Any]) -> tuple[Location, list[int]]:
        text = self._source.text
        scopes = token["scopes"]
        tokens_name = f"{self._prefix}.tokens" if self._prefix else "tokens"
        tables = self._table(tokens_name, array=True)
        if tables:
            if index < len(tables):
                section = tables[index]
                match = _SCOPES_KEY.search(text, section.body, section.end)
                if match:
                    return self._strings_after(match, scopes)
                line, column = self._source.line_col(section.start)
                location = Location(self._source.display, line, column)
                return location, [location.line] * len(scopes)
            return self._fallback(scopes)
        # tokens = [{...}, {...}] written inline in the config table
        for section in self._table(self._prefix):
            key = _TOKENS_KEY.search(text, section.body, section.end)
            if not key:
                continue
            position = key.end()
            match = None
            for _ in range(index + 1):
                match = _INLINE_SCOPES_KEY.search(text, position)
                if match is None:
                    break
                position = match.end()
            if match:
                return self._strings_after(match, scopes)
        return self._fallback(scopes)

    def _strings_after(self, key: re.Match[str], scopes: Sequence[str]) -> tuple[Location, list[int]]:
        source = self._source
        line, column = source.line_col(key.start(1))
        location = Location(source.display, line, column)
        lines: list[int] = []
        position = key.end()
        for scope in scopes:
            pattern = re.compile(r"""(["'])""" + re.escape(scope) + r"\1")
            found = pattern.search(source.text, position)
            if found is None:
                lines.append(location.line)
                continue
            lines.append(source.line_col(found.start())[0])
            position = found.end()
        return location, lines

    def _fallback(self, scopes: Sequence[str]) -> tuple[Location, list[int]]:
        sections = self._table(self._prefix)
        offset = sections[0].start if sections else 0
        line, column = self._source.line_col(offset)
        return Location(self._source.display, line, column), [line] * len(scopes)

