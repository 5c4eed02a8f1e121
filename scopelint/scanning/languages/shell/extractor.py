"""Extractor for shell scripts, Makefiles and Dockerfiles.

Shell scripts go straight to the shell engine.  For a Makefile the recipe lines (and
``target: ; recipe``) are cut out, make variables become shell placeholders, and the result is
parsed as one shell text; for a Dockerfile the ``RUN`` instructions (shell form with
continuations, exec form, heredocs) and ``ENV``/``ARG`` values are cut out.  Every character
keeps its original offset, so locations point into the original file.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from scopelint.kb.scope_names import has_scope_marker
from scopelint.model import CallSite, FileScan
from scopelint.scanning.core.candidate import Candidate, Emitter, config_value_kind
from scopelint.scanning.core.knowledge import table
from scopelint.scanning.core.snippets import UNKNOWN_VAR, Snippet, SnippetBuilder, clean_url
from scopelint.scanning.languages.shell.commands import shell_candidates, words_candidates
from scopelint.scanning.languages.shell.words import plain_words
from scopelint.scanning.source import SourceFile

NAME = "shell"
_MAKEFILE_NAMES = frozenset({"makefile", "gnumakefile"})
_DOCKERFILE_NAMES = frozenset({"dockerfile", "containerfile"})


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    name = source.path.name.lower()
    style: Literal["shell", "make", "docker"] = "shell"
    try:
        if name in _MAKEFILE_NAMES or name.endswith(".mk"):
            style = "make"
            scan.calls = makefile_calls(source)
        elif (
            name in _DOCKERFILE_NAMES
            or name.startswith("dockerfile.")
            or name.endswith(".dockerfile")
        ):
            style = "docker"
            scan.calls = dockerfile_calls(source)
        else:
            scan.calls = emit_all(source, NAME, shell_candidates(source.text))
    except (RecursionError, ValueError) as exc:
        scan.warnings.append(f"{source.display}: could not parse ({type(exc).__name__})")
    if has_scope_marker(source.text):  # JIRA_SCOPES="..."
        from scopelint.scanning.core.scope_env import env_declarations

        scan.declarations = env_declarations(source, style)
    return scan


def snippet_candidates(snippet: Snippet) -> list[Candidate]:
    """The calls of shell text cut out of another file, with offsets into that file."""
    found = shell_candidates(snippet.text)
    for candidate in found:
        candidate.start = snippet.original(candidate.start)
        candidate.related = tuple(snippet.original(offset) for offset in candidate.related)
    return found


def emit_all(source: SourceFile, extractor: str, candidates: list[Candidate]) -> list[CallSite]:
    """Call sites of shell candidates: a command's URL that is a bare base keeps its method."""
    emitter = Emitter(source, extractor, base_of_call="keep-method", opaque_calls=True)
    for candidate in candidates:
        emitter.emit(candidate)
    return emitter.calls


# --------------------------------------------------------------------------- Makefile

_MAKE_ASSIGN_RE = re.compile(
    r"^(?:(?:export|override|private)\s+)*[A-Za-z_][\w.-]*\s*(?::{1,3}=|\?=|\+=|!=|=)[ \t]*"
)
_MAKE_INLINE_RECIPE_RE = re.compile(r"^[^\t#=:;][^=;#]*?:(?!=)[^=;#]*;")
_MAKE_NAME_RE = re.compile(r"^[A-Za-z_][\w]*$")


def _make_reference_end(text: str, start: int) -> int:
    """End (exclusive) of the ``$(...)``/``${...}`` reference opening at ``text[start]``."""
    opening = text[start + 1]
    closing = ")" if opening == "(" else "}"
    depth, i = 0, start + 1
    while i < len(text):
        ch = text[i]
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def add_make_text(builder: SnippetBuilder, text: str, offset: int) -> None:
    """Append make-expanded-looking ``text``: ``$$`` -> ``$``, ``$(VAR)`` -> ``${VAR}``."""
    i, n, plain_start = 0, len(text), 0
    while i < n:
        if text[i] != "$" or i + 1 >= n:
            i += 1
            continue
        builder.add(text[plain_start:i], offset + plain_start)
        nxt = text[i + 1]
        if nxt == "$":
            builder.add("$", offset + i)
            i += 2
        elif nxt in "({":
            end = _make_reference_end(text, i)
            name = text[i + 2:end - 1].strip()
            placeholder = name if _MAKE_NAME_RE.match(name) else UNKNOWN_VAR
            builder.add_token("${" + placeholder + "}", offset + i)
            i = end
        else:
            placeholder = nxt if nxt.isalnum() or nxt == "_" else UNKNOWN_VAR
            builder.add_token("${" + placeholder + "}", offset + i)
            i += 2
        plain_start = i
    builder.add(text[plain_start:], offset + plain_start)


def _ends_with_continuation(line: str) -> bool:
    stripped = line.rstrip("\r")
    count = len(stripped) - len(stripped.rstrip("\\"))
    return count % 2 == 1


def makefile_calls(source: SourceFile) -> list[CallSite]:
    lines = source.text.split("\n")
    builder = SnippetBuilder()
    calls: list[CallSite] = []
    offset = 0
    in_define = False
    continuing = False  # the previous recipe line ended with a backslash
    for line in lines:
        line_offset = offset
        offset += len(line) + 1
        stripped = line.strip()
        if in_define:
            in_define = stripped != "endef"
            continue
        if continuing:
            start = 1 if line.startswith("\t") else 0
            add_make_text(builder, line[start:], line_offset + start)
            builder.add_token("\n", line_offset + len(line))
            continuing = _ends_with_continuation(line)
            continue
        if line.startswith("\t"):
            body_start = 1
            while body_start < len(line) and line[body_start] in "@-+ \t":
                body_start += 1
            add_make_text(builder, line[body_start:], line_offset + body_start)
            builder.add_token("\n", line_offset + len(line))
            continuing = _ends_with_continuation(line)
            continue
        if stripped.startswith("define ") or stripped == "define":
            in_define = True
            continue
        assignment = _MAKE_ASSIGN_RE.match(line)
        if assignment:
            call = _make_assignment(source, line, line_offset, assignment.end())
            if call is not None:
                calls.append(call)
            continue
        inline = _MAKE_INLINE_RECIPE_RE.match(line)
        if inline:
            body_start = inline.end()
            while body_start < len(line) and line[body_start] in "@-+ \t":
                body_start += 1
            add_make_text(builder, line[body_start:], line_offset + body_start)
            builder.add_token("\n", line_offset + len(line))
            continuing = _ends_with_continuation(line)
    calls.extend(emit_all(source, NAME, snippet_candidates(builder.build())))
    calls.sort(key=lambda call: (call.location.line, call.location.column))
    return calls


def _make_assignment(
    source: SourceFile, line: str, line_offset: int, value_start: int
) -> CallSite | None:
    builder = SnippetBuilder()
    value = line[value_start:].split("#", 1)[0].rstrip()
    add_make_text(builder, value, line_offset + value_start)
    snippet = builder.build()
    text = snippet.text.strip().strip("'\"")
    url = clean_url(text)
    kind = config_value_kind(url)
    if kind is None:
        return None
    lead = snippet.text.find(text[:1]) if text else 0
    start = snippet.original(max(lead, 0))
    found = emit_all(source, NAME, [Candidate(url, start, kind=kind, classified=True)])
    return found[0] if found else None


# --------------------------------------------------------------------------- Dockerfile

_ESCAPE_DIRECTIVE_RE = re.compile(r"^#\s*escape\s*=\s*([\\`])\s*$", re.IGNORECASE)
_INSTRUCTION_RE = re.compile(r"^\s*([A-Za-z]+)(?:\s+|$)")
_RUN_FLAG_RE = re.compile(r"--[\w-]+(?:=\S*)?\s+")
_HEREDOC_RE = re.compile(r"<<(-?)\s*([\"']?)([A-Za-z_][\w]*)\2")
_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _escape_char(lines: list[str]) -> str:
    for line in lines:
        match = _ESCAPE_DIRECTIVE_RE.match(line.strip())
        if match:
            return match.group(1)
        if not line.strip().startswith("#"):
            break
    return "\\"


def _continues(line: str, escape: str) -> bool:
    return line.rstrip().endswith(escape) and not line.lstrip().startswith("#")


def dockerfile_calls(source: SourceFile) -> list[CallSite]:
    lines = source.text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    escape = _escape_char(lines)
    calls: list[CallSite] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _INSTRUCTION_RE.match(line)
        if not match or line.lstrip().startswith("#"):
            index += 1
            continue
        instruction = match.group(1).upper()
        # The instruction's physical lines: (text, file offset), escape+newline removed.
        pieces: list[tuple[str, int]] = []
        text, start = line[match.end():], offsets[index] + match.end()
        while True:
            if _continues(text, escape) and index + 1 < len(lines):
                cut = text.rstrip()[:-1]
                pieces.append((cut, start))
                index += 1
                while index < len(lines) and (
                    not lines[index].strip() or lines[index].lstrip().startswith("#")
                ):
                    index += 1
                if index >= len(lines):
                    break
                text, start = lines[index], offsets[index]
                continue
            pieces.append((text, start))
            break
        index += 1
        if instruction == "RUN":
            heredoc_lines, calls_here = _run_calls(source, pieces, lines, offsets, index)
            calls.extend(calls_here)
            index += heredoc_lines
        elif instruction in ("ENV", "ARG"):
            builder = SnippetBuilder()
            for text, start in pieces:
                builder.add(text, start)
                builder.add_token(" ", start + len(text))
            calls.extend(emit_all(source, NAME, snippet_candidates(builder.build())))
    return calls


def _run_calls(
    source: SourceFile,
    pieces: list[tuple[str, int]],
    lines: list[str],
    offsets: list[int],
    next_index: int,
) -> tuple[int, list[CallSite]]:
    """Calls of one RUN instruction, and how many heredoc lines after it were consumed."""
    first_text, first_start = pieces[0]
    flags = 0
    while True:
        flag = _RUN_FLAG_RE.match(first_text, flags)
        if not flag:
            break
        flags = flag.end()
    pieces = [(first_text[flags:], first_start + flags), *pieces[1:]]
    if pieces[0][0].lstrip().startswith("["):
        return 0, _exec_form_calls(source, pieces)
    builder = SnippetBuilder()
    for text, start in pieces:
        builder.add(text, start)
    joined = builder.build().text
    consumed = 0
    heredoc = _HEREDOC_RE.search(joined)
    if heredoc:
        builder.add_token("\n", pieces[-1][1] + len(pieces[-1][0]))
        marker, strip_tabs = heredoc.group(3), heredoc.group(1) == "-"
        index = next_index
        while index < len(lines):
            body = lines[index]
            consumed += 1
            if (body.lstrip("\t") if strip_tabs else body).rstrip("\r") == marker:
                break
            builder.add(body, offsets[index])
            builder.add_token("\n", offsets[index] + len(body))
            index += 1
    return consumed, emit_all(source, NAME, snippet_candidates(builder.build()))


def _exec_form_calls(source: SourceFile, pieces: list[tuple[str, int]]) -> list[CallSite]:
    items: list[tuple[str, int]] = []  # (decoded argument, offset of its first character)
    for text, start in pieces:
        for match in _JSON_STRING_RE.finditer(text):
            try:
                value = json.loads(match.group(0))
            except ValueError:
                return []
            if isinstance(value, str):
                items.append((value, start + match.start() + 1))
    if not items:
        return []
    names = [item[0].rsplit("/", 1)[-1] for item in items]
    if names[0] in table("shell").names("shells") and "-c" in names[1:]:
        script_index = names.index("-c", 1) + 1
        if script_index < len(items):
            script, script_start = items[script_index]
            builder = SnippetBuilder()
            builder.add(script, script_start)
            return emit_all(source, NAME, snippet_candidates(builder.build()))
        return []
    return emit_all(source, NAME, words_candidates(plain_words(items)))

