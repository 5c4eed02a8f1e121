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

from scopelint.model import HTTP_METHODS, FileScan
from scopelint.scanning.core.candidate import Candidate, Emitter
from scopelint.scanning.core.methods import method_token
from scopelint.scanning.core.snippets import SnippetBuilder, clean_url
from scopelint.scanning.formats.documents import origins_of, resolve_templates
from scopelint.scanning.languages.shell import snippet_candidates
from scopelint.scanning.source import SourceFile

NAME = "http-file"
_METHODS = "|".join((*HTTP_METHODS, "TRACE", "CONNECT"))
_TEMPLATE_OR_CHAR = r"(?:\{\{[^}\n]*\}\}|\S)"  # {{ name }} may hold blanks
_REQUEST_RE = re.compile(
    rf"^(?:(?P<method>{_METHODS})[ \t]+)?(?P<url>{_TEMPLATE_OR_CHAR}++)"
    r"(?:[ \t]+HTTP/[\d.]+)?[ \t]*$",
    re.IGNORECASE,
)
_VARIABLE_RE = re.compile(r"^\s*@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$")
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
    written_at: dict[str, int] = {}  # where each variable's value is written
    for number, line in enumerate(lines):
        match = _VARIABLE_RE.match(line)
        if match:
            variables[match.group(1)] = match.group(2)
            written_at[match.group(1)] = offsets[number] + match.start(2)
    emitter = Emitter(source, NAME, base_of_call="keep-method", opaque_calls=True)
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
            index = _curl_block(lines, offsets, index - 1, emitter)
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
        call = _request_call(start + match.start("url"), match.group("method"), url, variables)
        call.related = origins_of(url, variables, written_at)
        emitter.emit(call)
    scan.calls = emitter.calls
    return scan


def _request_call(
    offset: int, method: str | None, url: str, variables: Mapping[str, str]
) -> Candidate:
    resolved = clean_url(resolve_templates(url, variables))
    written = method is not None
    return Candidate(resolved, offset, method=method_token(method or "GET"),
                     method_source="literal" if written else "default", via="http-file")


def _curl_block(lines: list[str], offsets: list[int], first: int, emitter: Emitter) -> int:
    """Feed the curl command starting at ``lines[first]`` (up to a blank line) to the shell
    package; returns the index of the line after it."""
    builder = SnippetBuilder()
    index = first
    while index < len(lines) and lines[index].strip() and not lines[index].startswith("###"):
        builder.add(lines[index] + "\n", offsets[index])
        index += 1
    for candidate in snippet_candidates(builder.build()):
        emitter.emit(candidate)
    return index
