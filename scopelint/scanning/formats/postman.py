"""Extractor for Postman collections (schema v2.0 / v2.1).

Walks ``item`` folders in order; each request's method (default GET) and URL (a string, or
an object with ``raw`` or ``protocol``/``host``/``path``/``query``) becomes a call site.
``{{name}}`` is resolved from the collection's (and enclosing folders') ``variable`` list when
it holds a base URL or host, else it becomes ``{name}``.  JSON carries no positions, so each
request is located by finding its URL text in the file, in order; line 1 when not found.
A JSON file that is not a v2 collection yields nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scopelint.model import CallSite, FileScan
from scopelint.scanning.core.candidate import Candidate, Emitter
from scopelint.scanning.core.methods import method_token
from scopelint.scanning.core.snippets import clean_url
from scopelint.scanning.formats.documents import (
    MAX_DEPTH,
    MAX_NODES,
    TextLocator,
    origins_of,
    resolve_templates,
)
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import url_kind

NAME = "postman"


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        data = json.loads(source.text)
    except RecursionError:
        scan.warnings.append(
            f"{source.display}: too deeply nested to read; only text-level checks ran"
        )
        return scan
    except ValueError as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        scan.warnings.append(
            f"{source.display}: invalid JSON ({reason}{where}); only text-level checks ran"
        )
        return scan
    if not _is_collection(data):
        return scan
    scan.calls = _calls(source, data)
    return scan


def _is_collection(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    info = data.get("info")
    schema = info.get("schema") if isinstance(info, dict) else None
    return isinstance(schema, str) and "collection/v2" in schema


def _variables(node: dict[str, Any], inherited: dict[str, str]) -> dict[str, str]:
    entries = node.get("variable")
    if not isinstance(entries, list):
        return inherited
    merged = dict(inherited)
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        name = entry.get("key", entry.get("id"))
        value = entry.get("value")
        if isinstance(name, str) and isinstance(value, str):
            merged[name] = value
    return merged


# A variable entry as collections write it: {"key": "baseUrl", "value": "https://..."}.
_VARIABLE_ENTRY_RE = re.compile(r'"key"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,\s*"value"\s*:\s*"')


def _written_at(text: str) -> dict[str, int]:
    """Where the value of each variable entry is written (its first character); the last
    entry of a name wins, as the innermost folder's does when resolving."""
    return {match.group(1): match.end() for match in _VARIABLE_ENTRY_RE.finditer(text)}


def _calls(source: SourceFile, data: dict[str, Any]) -> list[CallSite]:
    locator = TextLocator(source.text)
    written_at = _written_at(source.text)
    emitter = Emitter(source, NAME, base_of_call="keep-method", opaque_calls=True)
    stack: list[tuple[Any, dict[str, str], int]] = [(data, _variables(data, {}), 0)]
    visits = 0
    while stack:
        node, variables, depth = stack.pop()
        visits += 1
        if visits > MAX_NODES or depth > MAX_DEPTH or not isinstance(node, dict):
            continue
        request = node.get("request")
        if request is not None and node is not data:
            call = _request_call(source, locator, request, variables)
            if call is not None:
                written, _needle = _url_text(request.get("url")) if isinstance(request, dict) \
                    else (str(request), "")
                call.related = origins_of(written, variables, written_at)
                emitter.emit(call)
        children = node.get("item")
        if isinstance(children, list):
            stack.extend(
                (child, _variables(child, variables) if isinstance(child, dict) else variables,
                 depth + 1)
                for child in reversed(children)
            )
    return emitter.calls


def _as_text(part: Any, joiner: str) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, list):
        return joiner.join(
            item if isinstance(item, str) else str(item.get("value", ""))
            for item in part
            if isinstance(item, (str, dict))
        )
    return ""


def _url_text(url: Any) -> tuple[str, str]:
    """(URL as written, a text to look for in the file to locate it)."""
    if isinstance(url, str):
        return url, url
    if not isinstance(url, dict):
        return "", ""
    raw = url.get("raw")
    if isinstance(raw, str) and raw:
        return raw, raw
    host = _as_text(url.get("host"), ".")
    path = _as_text(url.get("path"), "/")
    protocol = url.get("protocol")
    text = f"{protocol}://{host}" if isinstance(protocol, str) and protocol else host
    if path:
        text += "/" + path.lstrip("/")
    query = url.get("query")
    if isinstance(query, list):
        pairs = [
            f"{item.get('key', '')}={item.get('value', '')}"
            for item in query
            if isinstance(item, dict) and not item.get("disabled")
        ]
        if pairs:
            text += "?" + "&".join(pairs)
    host_value = url.get("host")
    first = host_value[0] if isinstance(host_value, list) and host_value else host_value
    return text, first if isinstance(first, str) else ""


def _needles(text: str) -> tuple[str, ...]:
    """The JSON string literal (quotes included) in the ways a file may escape it."""
    plain = json.dumps(text, ensure_ascii=False)
    return (plain, json.dumps(text), plain.replace("/", "\\/"))


def _request_call(
    source: SourceFile, locator: TextLocator, request: Any, variables: dict[str, str]
) -> Candidate | None:
    if isinstance(request, str):
        method: Any = "GET"
        written, needle = request, request
    elif isinstance(request, dict):
        method = request.get("method") or "GET"
        written, needle = _url_text(request.get("url"))
    else:
        return None
    if not written:
        return None
    url = clean_url(resolve_templates(written, variables))
    if url_kind(url) is None:
        return None
    found = locator.find(*_needles(needle)) if needle else None
    offset = 0 if found is None else found + 1  # past the opening quote
    # an HTTP method is one token; anything else ("GET /x", a new line) is not one
    method_text = method_token(method) if isinstance(method, str) and method == method.strip() else None
    return Candidate(url, offset, method=method_text, method_source="literal", via="postman")
