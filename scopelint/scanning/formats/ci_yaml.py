"""Extractor for CI definitions: GitHub Actions, GitLab CI and Bitbucket Pipelines.

Shell snippets (``run:`` in GitHub steps, ``script:``/``before_script:``/``after_script:`` in
GitLab and Bitbucket, as strings or lists) are mapped back onto the file character by
character and handed to the shell engine; every other string value that is an Atlassian URL
(``env:``, ``variables:``, action inputs) becomes a base-url (or method-less call) site.
"""

from __future__ import annotations

import re

from scopelint.kb.scope_names import has_scope_marker
from scopelint.model import CallSite, FileScan
from scopelint.scanning.core.candidate import Candidate, Emitter, value_candidate
from scopelint.scanning.core.snippets import UNKNOWN_VAR, Snippet
from scopelint.scanning.formats.yaml_values import (
    TooComplex,
    YamlEntry,
    load_yaml,
    scalar_value_offset,
    walk_yaml,
)
from scopelint.scanning.languages.shell import snippet_candidates
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import mentions_atlassian_api

NAME = "ci"
SCRIPT_KEYS = frozenset({"run", "script", "before_script", "after_script"})
_NOT_SHELL = frozenset({"python", "python3"})
_TOKEN_RE = re.compile(r"\S+")
_GITHUB_EXPR_RE = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_IDENT_RE = re.compile(r"^[A-Za-z_]\w*$")
_BLOCK_HEADER_RE = re.compile(r"[|>][0-9+-]*[ \t]*(?:#[^\n]*)?")


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    documents, warning = load_yaml(source)
    if warning is not None:
        scan.warnings.append(warning)
        return scan
    try:
        scan.calls = _calls(source, documents)
        if has_scope_marker(source.text):
            from scopelint.scanning.formats.scope_settings import yaml_declarations

            scan.declarations = yaml_declarations(source, documents)
    except (TooComplex, RecursionError):
        scan.calls = []
        scan.warnings.append(
            f"{source.display}: too deeply nested or too large to read; "
            "only text-level checks ran"
        )
    return scan


def _calls(source: SourceFile, documents: list[object]) -> list[CallSite]:
    candidates: list[Candidate] = []
    for entry in walk_yaml(documents, source.text):
        if entry.key in SCRIPT_KEYS and _is_shell(entry):
            if mentions_atlassian_api(entry.value):
                snippet = github_expressions_to_shell(scalar_snippet(source.text, entry))
                candidates.extend(snippet_candidates(snippet))
            continue
        value = _GITHUB_EXPR_RE.sub(lambda m: "{" + _expression_name(m.group(1)) + "}",
                                    entry.value).replace("{" + UNKNOWN_VAR + "}", "{}").strip()
        if "\n" in value:
            continue
        candidate = value_candidate(value, scalar_value_offset(source.text, entry.offset))
        if candidate is not None:
            candidates.append(candidate)
    # curl -I SITE: a HEAD base
    emitter = Emitter(source, NAME, base_of_call="keep-method", opaque_calls=True)
    for candidate in candidates:
        emitter.emit(candidate)
    return sorted(emitter.calls, key=lambda call: (call.location.line, call.location.column))


def _is_shell(entry: YamlEntry) -> bool:
    """False for a GitHub step whose ``shell:`` is not a POSIX-like shell (python, ...)."""
    if entry.key != "run" or not hasattr(entry.parent, "get"):
        return True
    shell = entry.parent.get("shell")
    return not (isinstance(shell, str) and shell.split()[0] in _NOT_SHELL) if shell else True


def scalar_snippet(text: str, entry: YamlEntry) -> Snippet:
    """The scalar's value, each character mapped to where it is written in ``text``.

    Runs of non-blank characters are found in the raw text in order, starting at the
    scalar; this maps literal and folded blocks, plain and quoted scalars alike.  A run
    that cannot be found (an escape sequence changed it) maps to the last known place.
    """
    value = entry.value
    pos = entry.offset
    header = _BLOCK_HEADER_RE.match(text, pos) if text[pos:pos + 1] in ("|", ">") else None
    if header:
        pos = header.end()
    offsets = [pos] * len(value)
    for match in _TOKEN_RE.finditer(value):
        token = match.group(0)
        found = text.find(token, pos, pos + len(token) + 400)
        if found == -1:
            for index in range(match.start(), match.end()):
                offsets[index] = pos
            continue
        for index in range(len(token)):
            offsets[match.start() + index] = found + index
        end = found + len(token)
        # Blanks after the run map to where they follow it.
        follow = match.end()
        while follow < len(value) and value[follow].isspace():
            offsets[follow] = end
            follow += 1
        pos = end
    return Snippet(value, offsets)


def _expression_name(expression: str) -> str:
    name = expression.strip().rsplit(".", 1)[-1].strip()
    return name if _IDENT_RE.match(name) else UNKNOWN_VAR


def github_expressions_to_shell(snippet: Snippet) -> Snippet:
    """``${{ env.BASE }}`` -> ``${BASE}`` (``${{ f(x) }}`` -> an unknown placeholder)."""
    if "${{" not in snippet.text:
        return snippet
    parts: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _GITHUB_EXPR_RE.finditer(snippet.text):
        parts.append(snippet.text[last:match.start()])
        offsets.extend(snippet.offsets[last:match.start()])
        replacement = "${" + _expression_name(match.group(1)) + "}"
        parts.append(replacement)
        offsets.extend([snippet.original(match.start())] * len(replacement))
        last = match.end()
    parts.append(snippet.text[last:])
    offsets.extend(snippet.offsets[last:])
    return Snippet("".join(parts), offsets)
