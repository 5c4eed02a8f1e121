"""Extractor for ``.http``/``.rest`` request files (JetBrains HTTP Client, VS Code REST Client).

A request block (blocks are separated by ``###``) starts with ``METHOD URL [HTTP/x]`` or a
bare URL (GET), optionally continued by indented ``?``/``&`` query lines; a ``curl`` command
in place of a request line goes to the shell engine.  ``@name = value`` defines a file
variable; ``{{name}}`` is replaced by its value when that value is a base URL or host,
otherwise it becomes the placeholder ``{name}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from scopelint.model import HTTP_METHODS, CallSite, FileScan
from scopelint.scanning.languages.shell.commands import (
    SnippetBuilder,
    call_site,
    clean_url,
    snippet_call_sites,
)
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import url_kind

NAME = "http-file"
_METHODS = "|".join((*HTTP_METHODS, "TRACE", "CONNECT"))
_TEMPLATE_OR_CHAR = r"(?:\{\{[^}\n]*\}\}|\S)"  # {{ name }} may hold blanks
_REQUEST_RE = re.compile(
    rf"^(?:(?P<method>{_METHODS})[ \t]+)?(?P<url>{_TEMPLATE_OR_CHAR}++)"
    r"(?:[ \t]+HTTP/[\d.]+)?[ \t]*$",
    re.IGNORECASE,
)
_VARIABLE_RE = re.compile(r"^\s*@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$")
_TEMPLATE_RE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_BASE_VALUE_RE = re.compile(
    r"^(?:https?://\S+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?::\d+)?(?:/\S*)?)$"
)
_IDENT_RE = re.compile(r"^[A-Za-z_][\w-]*$")
_ENV_FUNCTION_RE = re.compile(r"^\$(?:dotenv|processEnv)\s+%?([A-Za-z_]\w*)")


def resolve_templates(text: str, variables: Mapping[str, str], depth: int = 0) -> str:
    """Replace ``{{name}}``: a known base URL/host value is inlined, anything else -> ``{name}``."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = variables.get(name)
        if value is not None and depth < 5:
            resolved = resolve_templates(value, variables, depth + 1)
            if _BASE_VALUE_RE.match(resolved):
                return resolved.rstrip("/") if resolved.endswith("/") else resolved
        env = _ENV_FUNCTION_RE.match(name)
        if env:
            return "{" + env.group(1) + "}"
        return "{" + name + "}" if _IDENT_RE.match(name) else "{}"

    return _TEMPLATE_RE.sub(replace, text)


def _is_comment(stripped: str) -> bool:
    return stripped.startswith("#") or stripped.startswith("//")


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    lines = source.text.split("\n")
    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    variables: dict[str, str] = {}
    for line in lines:
        match = _VARIABLE_RE.match(line)
        if match:
            variables[match.group(1)] = match.group(2)
    waiting = True  # no request line seen yet in this block
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        stripped = line.strip()
        index += 1
        if stripped.startswith("###"):
            waiting = True
            continue
        if not waiting or not stripped or _is_comment(stripped) or _VARIABLE_RE.match(line):
            continue
        waiting = False
        start = offsets[index - 1] + len(line) - len(line.lstrip())
        if stripped.startswith("curl ") or stripped == "curl":
            index = _curl_block(source, lines, offsets, index - 1, scan)
            continue
        match = _REQUEST_RE.match(stripped)
        if not match:
            continue
        url = match.group("url")
        while index < len(lines) and lines[index].strip()[:1] in ("?", "&") and lines[
            index
        ][:1].isspace():
            url += lines[index].strip()
            index += 1
        call = _request_call(source, start + match.start("url"), match.group("method"), url,
                             variables)
        if call is not None:
            scan.calls.append(call)
    return scan


def _request_call(
    source: SourceFile, offset: int, method: str | None, url: str, variables: Mapping[str, str]
) -> CallSite | None:
    resolved = clean_url(resolve_templates(url, variables))
    kind = url_kind(resolved)
    if kind is None:
        return None
    return call_site(source, offset, resolved, (method or "GET").upper(), kind, NAME)


def _curl_block(
    source: SourceFile, lines: list[str], offsets: list[int], first: int, scan: FileScan
) -> int:
    """Feed the curl command starting at ``lines[first]`` (up to a blank line) to the shell
    engine; returns the index of the line after it."""
    builder = SnippetBuilder()
    index = first
    while index < len(lines) and lines[index].strip() and not lines[index].startswith("###"):
        builder.add(lines[index] + "\n", offsets[index])
        index += 1
    scan.calls.extend(snippet_call_sites(builder.build(), source, NAME))
    return index
