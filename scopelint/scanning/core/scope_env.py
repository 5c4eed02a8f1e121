"""Scope declarations in environment assignments whose name ends in SCOPE or SCOPES.

``ATLASSIAN_OAUTH_SCOPES="read:jira-work write:jira-work"`` in a ``.env`` file, ``export
JIRA_SCOPES=...`` in a shell script, ``ENV JIRA_SCOPES=...`` / ``ARG`` in a Dockerfile,
``JIRA_SCOPES := ...`` in a Makefile, ``JIRA_SCOPES=...`` as a docker-compose
``environment:`` item.  The value is a space- or comma-separated scope string; it counts only
when it looks like Atlassian scopes (:mod:`scopelint.scanning.core.scope_text`).

Every assignment is one line (a value continued with a backslash is not read).
"""

from __future__ import annotations

import re
from typing import Literal

from scopelint.model import ScopeDeclaration
from scopelint.scanning.core import scope_text as st
from scopelint.scanning.source import SourceFile

EnvStyle = Literal["dotenv", "shell", "make", "docker"]

_NAME = r"(?P<name>[A-Za-z_][A-Za-z0-9_]*(?i:scopes?))\b"
_LINE_RES: dict[EnvStyle, re.Pattern[str]] = {
    "dotenv": re.compile(rf"^[ \t]*(?:export[ \t]+)?{_NAME}[ \t]*=[ \t]*", re.MULTILINE),
    "shell": re.compile(
        rf"^[ \t]*(?:(?:export|local|readonly|declare(?:[ \t]+-\w+)*)[ \t]+)?{_NAME}=",
        re.MULTILINE,
    ),
    "make": re.compile(rf"^[ \t]*(?:export[ \t]+|override[ \t]+)?{_NAME}[ \t]*(?:::=|:=|\?=|\+=|=)[ \t]*",
                       re.MULTILINE),
    "docker": re.compile(rf"^[ \t]*(?:ENV|ARG)[ \t]+{_NAME}(?:=|[ \t]+)", re.MULTILINE | re.IGNORECASE),
}
_ASSIGNMENT_RE = re.compile(rf"^{_NAME}=(?P<value>.*)$", re.DOTALL)


def is_env_scope_name(name: str) -> bool:
    """An environment variable that holds scopes: its name ends in SCOPE or SCOPES."""
    return name.upper().endswith(("SCOPE", "SCOPES"))


def line_value(line: str, start: int, style: EnvStyle) -> tuple[str, int]:
    """The value that starts at ``line[start]``: quotes removed, a trailing comment dropped;
    and the offset of its first character in ``line``."""
    rest = line[start:].rstrip("\r")
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        return (rest[1:end] if end != -1 else rest[1:]), start + 1
    if style == "shell":
        rest = rest.split(None, 1)[0] if rest.strip() else ""
    comment = re.search(r"(?:^|[ \t])#", rest)
    if comment:
        rest = rest[: comment.start()]
    return rest.rstrip(), start


def env_declarations(source: SourceFile, style: EnvStyle) -> list[ScopeDeclaration]:
    """The declarations of the file's assignments to ``*SCOPE(S)`` variables."""
    found: list[ScopeDeclaration] = []
    text = source.text
    for match in _LINE_RES[style].finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start: line_end if line_end != -1 else len(text)]
        if line.lstrip().startswith("#"):
            continue
        value, offset = line_value(line, match.end() - line_start, style)
        declaration = assignment(source, value, line_start + offset, match.start("name"))
        if declaration is not None:
            found.append(declaration)
    return st.unique(found)


def assignment(source: SourceFile, value: str, value_offset: int,
               name_offset: int) -> ScopeDeclaration | None:
    """The declaration of one ``NAME=value`` whose value starts at ``value_offset``."""
    line = source.line_col(value_offset)[0]
    words, partial = st.words_of(st.string(value, line), source)
    if "$" in value:  # ${OTHER}: part of the value comes from elsewhere
        words = [(word, at) for word, at in words if "$" not in word]
        partial = True
    return st.declaration(source, source.location(name_offset), words, kind="env",
                          partial=partial)


def split_assignment(item: str) -> tuple[str, str] | None:
    """``("JIRA_SCOPES", "read:jira-work")`` for a ``NAME=value`` item naming scopes."""
    match = _ASSIGNMENT_RE.match(item.strip())
    if match is None or not is_env_scope_name(match.group("name")):
        return None
    return match.group("name"), match.group("value").strip().strip("'\"")
