"""Extractor for configuration files: .env, YAML, JSON, TOML, INI/CFG and .properties.

Every string value that *is* an Atlassian URL becomes a call site: kind "base-url" when it is
a bare site/gateway base, kind "call" (method unknown) when it carries a REST path.  Web links
(``/browse/``, ``/wiki/spaces/``) and values that merely mention a URL inside prose are
ignored.  Files that a more specific extractor owns (Postman collections, CI files, Forge
manifests, Connect descriptors, scopelint's own config, lock files) yield nothing here.

The YAML helpers (loading with line information, a walk that is safe against alias bombs and
deep nesting) are shared with the CI extractor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from scopelint.kb.hosts import mentions_atlassian_host
from scopelint.model import CallSite, FileScan
from scopelint.scanning.extractors.shell_commands import (
    call_site,
    clean_url,
    config_value_kind,
)
from scopelint.scanning.source import SourceFile, line_starts

NAME = "config"
MAX_NODES = 200_000  # mapping/sequence entries walked per file
MAX_DEPTH = 200

_SKIP_NAMES = frozenset({
    "package-lock.json", "npm-shrinkwrap.json", "manifest.yml", "manifest.yaml",
    "atlassian-connect.json", "composer.lock",
})


class TooComplex(Exception):
    """The document nests or repeats (aliases) far more than any real config does."""


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    name = source.path.name
    lower = name.lower()
    if _skipped(source, lower):
        return scan
    if not mentions_atlassian_host(source.text):  # every value reported names one
        return scan  # only values that are Atlassian URLs count: nothing to parse for
    try:
        if lower == ".env" or lower.startswith(".env.") or lower.endswith(".env"):
            scan.calls = _env_calls(source)
        elif lower.endswith(".properties"):
            scan.calls = _properties_calls(source)
        elif lower.endswith((".yml", ".yaml")):
            scan.calls = _yaml_calls(source, scan)
        elif lower.endswith(".json"):
            scan.calls = _json_calls(source, scan)
        elif lower.endswith(".toml"):
            scan.calls = _toml_calls(source, scan)
        elif lower.endswith((".ini", ".cfg")):
            scan.calls = _ini_calls(source, scan)
    except (RecursionError, TooComplex):
        scan.calls = []
        scan.warnings.append(
            f"{source.display}: too deeply nested or too large to read; "
            "only text-level checks ran"
        )
    return scan


def _skipped(source: SourceFile, lower: str) -> bool:
    if lower in _SKIP_NAMES or lower.endswith(".lock") or lower.startswith(".scopelint."):
        return True
    if lower.endswith(".postman_collection.json"):
        return True
    from scopelint.scanning.extractors import EXTRACTORS

    candidates = {PurePosixPath(source.display.replace("\\", "/")), PurePosixPath(source.path)}
    return any(
        spec.name == "ci" and spec.handles(path) for spec in EXTRACTORS for path in candidates
    )


def _site(source: SourceFile, offset: int, value: str) -> CallSite | None:
    url = clean_url(value.strip())
    kind = config_value_kind(url)
    if kind is None:
        return None
    lead = len(value) - len(value.lstrip())
    return call_site(source, offset + lead, url, None, kind, NAME)


# --------------------------------------------------------------------------- line formats

_ENV_LINE_RE = re.compile(r"^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=\s*")
_PROPERTIES_LINE_RE = re.compile(r"^\s*(?:[^\s=:\\]|\\.)+\s*(?:[=:]\s*|\s+)")


def _unquoted(line: str, start: int) -> tuple[str, int]:
    """The value starting at ``line[start]``: quotes removed, trailing comment dropped."""
    rest = line[start:].rstrip("\r")
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        return (rest[1:end] if end != -1 else rest[1:]), start + 1
    comment = re.search(r"\s#", rest)
    if comment:
        rest = rest[:comment.start()]
    return rest.rstrip(), start


def _env_calls(source: SourceFile) -> list[CallSite]:
    calls = []
    offset = 0
    for line in source.text.split("\n"):
        match = _ENV_LINE_RE.match(line)
        if match and not line.lstrip().startswith("#"):
            value, start = _unquoted(line, match.end())
            call = _site(source, offset + start, value)
            if call is not None:
                calls.append(call)
        offset += len(line) + 1
    return calls


def _properties_calls(source: SourceFile) -> list[CallSite]:
    calls = []
    offset = 0
    for line in source.text.split("\n"):
        stripped = line.lstrip()
        match = _PROPERTIES_LINE_RE.match(line)
        if match and stripped[:1] not in ("#", "!"):
            raw = line[match.end():].rstrip("\r").rstrip()
            value = re.sub(r"\\(.)", r"\1", raw)  # https\://host -> https://host
            call = _site(source, offset + match.end(), value)
            if call is not None:
                calls.append(call)
        offset += len(line) + 1
    return calls


def _ini_calls(source: SourceFile, scan: FileScan) -> list[CallSite]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(source.text, source=source.display)
    except configparser.Error as exc:
        reason = str(exc).splitlines()[0][:120]
        scan.warnings.append(
            f"{source.display}: invalid INI ({reason}); only text-level checks ran"
        )
        return []
    values = [
        value
        for section in parser.sections()
        for _key, value in parser.items(section, raw=True)
        if value
    ]
    locator = TextLocator(source.text)
    calls = []
    for value in values:
        for part in value.split("\n"):
            if config_value_kind(clean_url(part)) is None:
                continue
            offset = locator.find(part.strip())
            call = _site(source, offset if offset is not None else 0, part.strip())
            if call is not None:
                calls.append(call)
    return calls


# --------------------------------------------------------------------------- JSON / TOML


class TextLocator:
    """Finds the n-th occurrence of the n-th lookup of the same string, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._after: dict[str, int] = {}

    def find(self, *needles: str) -> int | None:
        for needle in needles:
            if not needle:
                continue
            start = self._after.get(needle, 0)
            pos = self.text.find(needle, start)
            if pos == -1 and start:
                pos = self.text.find(needle)
            if pos != -1:
                self._after[needle] = pos + len(needle)
                return pos
        return None


def iter_strings(data: Any) -> Iterator[str]:
    """Every string value (not key) in parsed JSON/TOML data, in document order."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES or depth > MAX_DEPTH:
            raise TooComplex
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            stack.extend((value, depth + 1) for value in reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in reversed(node))


def _json_needles(value: str) -> tuple[str, ...]:
    plain = json.dumps(value, ensure_ascii=False)[1:-1]
    ascii_form = json.dumps(value)[1:-1]
    return (plain, ascii_form, plain.replace("/", "\\/"))


def _json_calls(source: SourceFile, scan: FileScan) -> list[CallSite]:
    try:
        data = json.loads(source.text)
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        line = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        scan.warnings.append(
            f"{source.display}: invalid JSON ({reason}{line}); only text-level checks ran"
        )
        return []
    return _located_calls(source, data, _json_needles)


def _located_calls(
    source: SourceFile, data: Any, needles: Callable[[str], tuple[str, ...]]
) -> list[CallSite]:
    """Call sites for the Atlassian URL values in parsed ``data``, each located in the raw
    text by the first of its ``needles`` (how the format may have written it) found next."""
    locator = TextLocator(source.text)
    calls = []
    for value in iter_strings(data):
        if config_value_kind(clean_url(value)) is None:
            continue
        found = locator.find(*needles(value))
        call = _site(source, found if found is not None else 0, value)
        if call is not None:
            calls.append(call)
    return calls


def _toml_calls(source: SourceFile, scan: FileScan) -> list[CallSite]:
    import tomllib

    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc).splitlines()[0][:120]
        scan.warnings.append(
            f"{source.display}: invalid TOML ({reason}); only text-level checks ran"
        )
        return []
    return _located_calls(source, data, lambda value: (value, _json_needles(value)[1]))


# --------------------------------------------------------------------------- YAML


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


def yaml_value_call(source: SourceFile, entry: YamlEntry, extractor: str) -> CallSite | None:
    value = entry.value.strip()
    if "\n" in value or config_value_kind(clean_url(value)) is None:
        return None
    call = _site(source, scalar_value_offset(source.text, entry.offset), value)
    if call is None:
        return None
    return CallSite(call.location, call.url, None, call.kind, extractor=extractor)


def _yaml_calls(source: SourceFile, scan: FileScan) -> list[CallSite]:
    documents, warning = load_yaml(source)
    if warning is not None:
        scan.warnings.append(warning)
        return []
    calls = []
    for entry in walk_yaml(documents, source.text):
        call = yaml_value_call(source, entry, NAME)
        if call is not None:
            calls.append(call)
    return calls
