"""Extractor for configuration files: .env, YAML, JSON, TOML, INI/CFG, .properties and XML.

Every string value that *is* an Atlassian URL becomes a call site: kind "base-url" when it is
a bare site/gateway base, kind "call" (method unknown) when it carries a REST path.  Web links
(``/browse/``, ``/wiki/spaces/``) and values that merely mention a URL inside prose are
ignored.  Files that a more specific extractor owns (Postman collections, CI files, Forge
manifests, Connect descriptors, scopelint's own config, lock files) yield nothing here.

Each value becomes a candidate of the call-site core, emitted by its one emit step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from scopelint.kb.hosts import mentions_atlassian_host
from scopelint.kb.scope_names import has_scope_marker
from scopelint.model import FileScan
from scopelint.scanning.core.candidate import Candidate, Emitter, config_value_kind, value_candidate
from scopelint.scanning.core.snippets import clean_url
from scopelint.scanning.formats.data_files import data_document_kind
from scopelint.scanning.formats.documents import TextLocator, TooComplex, iter_strings
from scopelint.scanning.formats.yaml_values import (
    YamlEntry,
    load_yaml,
    scalar_value_offset,
    walk_yaml,
)
from scopelint.scanning.source import SourceFile

NAME = "config"

# Data files that are not configuration (lock files); files another extractor owns are
# skipped by asking the registry.
_SKIP_NAMES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "composer.lock"})




def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    name = source.path.name
    lower = name.lower()
    if _skipped(source, lower):
        return scan
    if has_scope_marker(source.text):
        _read_declarations(source, lower, scan)
    if not mentions_atlassian_host(source.text):  # every value reported names one
        return scan  # only values that are Atlassian URLs count: nothing to parse for
    candidates: list[Candidate] = []
    try:
        if lower == ".env" or lower.startswith(".env.") or lower.endswith(".env"):
            candidates = _env_calls(source)
        elif lower.endswith(".properties"):
            candidates = _properties_calls(source)
        elif lower.endswith((".yml", ".yaml")):
            candidates = _yaml_calls(source, scan)
        elif lower.endswith(".json"):
            candidates = _json_calls(source, scan)
        elif lower.endswith(".toml"):
            candidates = _toml_calls(source, scan)
        elif lower.endswith((".ini", ".cfg")):
            candidates = _ini_calls(source, scan)
        elif lower.endswith(".xml"):
            candidates = _xml_calls(source, scan)
    except (RecursionError, TooComplex):
        scan.calls = []
        scan.warnings.append(
            f"{source.display}: too deeply nested or too large to read; "
            "only text-level checks ran"
        )
        return scan
    emitter = Emitter(source, NAME)
    for candidate in candidates:
        emitter.emit(candidate)
    scan.calls = emitter.calls
    return scan


def _read_declarations(source: SourceFile, lower: str, scan: FileScan) -> None:
    """Scope declarations (``scope_settings``, ``core.scope_env``); a file that cannot be
    parsed is warned about by the URL reading below, so nothing is said here."""
    from scopelint.scanning.core.scope_env import env_declarations
    from scopelint.scanning.formats import scope_settings

    try:
        if lower == ".env" or lower.startswith(".env.") or lower.endswith(".env"):
            scan.declarations = env_declarations(source, "dotenv")
        elif lower.endswith((".yml", ".yaml")):
            documents, warning = load_yaml(source)
            if warning is None:
                scan.declarations = scope_settings.yaml_declarations(source, documents)
        elif lower.endswith(".json"):
            scan.declarations = scope_settings.json_declarations(source, json.loads(source.text))
        elif lower.endswith(".toml"):
            import tomllib

            scan.declarations = scope_settings.toml_declarations(source, tomllib.loads(source.text))
    except (ValueError, RecursionError, TooComplex):  # JSONDecodeError, TOMLDecodeError
        scan.declarations = []


def _skipped(source: SourceFile, lower: str) -> bool:
    if lower in _SKIP_NAMES or lower.endswith(".lock") or lower.startswith(".scopelint."):
        return True
    from scopelint.scanning.registry import owned_by_specific

    candidates = {PurePosixPath(source.display.replace("\\", "/")), PurePosixPath(source.path)}
    return any(owned_by_specific(path) for path in candidates)


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


def _env_calls(source: SourceFile) -> list[Candidate]:
    calls = []
    offset = 0
    for line in source.text.split("\n"):
        match = _ENV_LINE_RE.match(line)
        if match and not line.lstrip().startswith("#"):
            value, start = _unquoted(line, match.end())
            call = value_candidate(value, offset + start)
            if call is not None:
                calls.append(call)
        offset += len(line) + 1
    return calls


def _properties_calls(source: SourceFile) -> list[Candidate]:
    calls = []
    offset = 0
    for line in source.text.split("\n"):
        stripped = line.lstrip()
        match = _PROPERTIES_LINE_RE.match(line)
        if match and stripped[:1] not in ("#", "!"):
            raw = line[match.end():].rstrip("\r").rstrip()
            value = re.sub(r"\\(.)", r"\1", raw)  # https\://host -> https://host
            call = value_candidate(value, offset + match.end())
            if call is not None:
                calls.append(call)
        offset += len(line) + 1
    return calls


def _ini_calls(source: SourceFile, scan: FileScan) -> list[Candidate]:
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
            call = value_candidate(part.strip(), offset if offset is not None else 0)
            if call is not None:
                calls.append(call)
    return calls


# --------------------------------------------------------------------------- JSON / TOML


def _json_needles(value: str) -> tuple[str, ...]:
    plain = json.dumps(value, ensure_ascii=False)[1:-1]
    ascii_form = json.dumps(value)[1:-1]
    return (plain, ascii_form, plain.replace("/", "\\/"))


def _json_calls(source: SourceFile, scan: FileScan) -> list[Candidate]:
    try:
        data = json.loads(source.text)
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        line = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        scan.warnings.append(
            f"{source.display}: invalid JSON ({reason}{line}); only text-level checks ran"
        )
        return []
    if data_document_kind(data) is not None:
        return []  # a saved response, a report, a recording: its URLs are records, not settings
    return _located_calls(source, data, _json_needles)


def _located_calls(
    source: SourceFile, data: Any, needles: Callable[[str], tuple[str, ...]]
) -> list[Candidate]:
    """Call sites for the Atlassian URL values in parsed ``data``, each located in the raw
    text by the first of its ``needles`` (how the format may have written it) found next."""
    locator = TextLocator(source.text)
    calls = []
    for value in iter_strings(data):
        if config_value_kind(clean_url(value)) is None:
            continue
        found = locator.find(*needles(value))
        call = value_candidate(value, found if found is not None else 0)
        if call is not None:
            calls.append(call)
    return calls


def _toml_calls(source: SourceFile, scan: FileScan) -> list[Candidate]:
    import tomllib

    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc).splitlines()[0][:120]
        scan.warnings.append(
            f"{source.display}: invalid TOML ({reason}); only text-level checks ran"
        )
        return []
    if data_document_kind(data) is not None:
        return []
    return _located_calls(source, data, lambda value: (value, _json_needles(value)[1]))


# --------------------------------------------------------------------------- XML

# An attribute, element or ``key``/``name`` attribute named like one of these holds a setting
# (``<add key="JiraUrl" value="..."/>``, ``<jira.baseUrl>...</jira.baseUrl>``, ``host="..."``).
_XML_SETTING_RE = re.compile(r"(?i)url|uri|host|server|base|endpoint|site|instance|address")


def _xml_calls(source: SourceFile, scan: FileScan) -> list[Candidate]:
    """Settings in an XML file (Maven, .NET app.config, Spring): values named like a URL or
    host setting that are themselves Atlassian URLs.  Text inside documents (a page body in
    a Confluence export, a CDATA section) is prose, never a setting."""
    import xml.etree.ElementTree as ElementTree
    from xml.sax.saxutils import escape

    if "<!ENTITY" in source.text:
        scan.warnings.append(f"{source.display}: XML entity declarations; not read")
        return []
    try:
        root = ElementTree.fromstring(source.text)
    except ElementTree.ParseError as exc:
        scan.warnings.append(f"{source.display}: invalid XML ({exc}); only text-level checks ran")
        return []
    locator = TextLocator(source.text)
    calls: list[Candidate] = []
    for index, element in enumerate(root.iter()):
        if index > MAX_XML_ELEMENTS:
            raise TooComplex
        named = _xml_setting_name(element.get("key") or element.get("name") or "")
        values = [value for attribute, value in element.attrib.items()
                  if _xml_setting_name(attribute) or (named and attribute == "value")]
        if len(element) == 0 and element.text and (named or _xml_setting_name(element.tag)):
            values.append(element.text.strip())
        for value in values:
            if config_value_kind(clean_url(value)) is None:
                continue
            written = escape(value, {'"': "&quot;"})
            found = locator.find(f'"{written}"', f"'{written}'", f">{written}<", f"> {written}")
            call = value_candidate(value, found + 1 if found is not None else 0)
            if call is not None:
                calls.append(call)
    return calls


MAX_XML_ELEMENTS = 200_000


def _xml_setting_name(name: str) -> bool:
    local = name.rsplit("}", 1)[-1]  # {namespace}tag
    return bool(local) and _XML_SETTING_RE.search(local) is not None


# --------------------------------------------------------------------------- YAML


def _yaml_calls(source: SourceFile, scan: FileScan) -> list[Candidate]:
    documents, warning = load_yaml(source)
    if warning is not None:
        scan.warnings.append(warning)
        return []
    if any(data_document_kind(document) is not None for document in documents):
        return []  # an OpenAPI document, a saved response: not configuration
    calls = []
    for entry in walk_yaml(documents, source.text):
        call = yaml_value_candidate(source.text, entry)
        if call is not None:
            calls.append(call)
    return calls


def yaml_value_candidate(text: str, entry: YamlEntry) -> Candidate | None:
    """A one-line YAML string value that is an Atlassian URL, at its first character."""
    value = entry.value.strip()
    if "\n" in value:
        return None
    return value_candidate(value, scalar_value_offset(text, entry.offset))
