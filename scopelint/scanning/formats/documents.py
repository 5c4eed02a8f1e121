"""Helpers the structured-document formats share (JSON, TOML, INI, Postman, .http).

``TextLocator`` finds where a parsed value is written in the raw text (JSON and TOML carry no
positions); ``iter_strings`` walks parsed data within bounds; ``resolve_templates`` fills
``{{name}}`` variables as .http files and Postman collections write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from scopelint.kb.hosts import SITE_SUFFIX

MAX_NODES = 200_000  # mapping/sequence entries walked per file
MAX_DEPTH = 200


class TooComplex(Exception):
    """The document nests or repeats (aliases) far more than any real config does."""


class TextLocator:
    """Finds the n-th occurrence of the n-th lookup of the same string, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._after: dict[str, int] = {}

    def find(self, *needles: str) -> int | None:
        """Where the next occurrence of the first needle still ahead is written; when none is
        ahead any more, the first occurrence of the first needle found at all."""
        for wrap in (False, True):
            for needle in needles:
                if not needle:
                    continue
                pos = self.text.find(needle, 0 if wrap else self._after.get(needle, 0))
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


_TEMPLATE_RE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_BASE_VALUE_RE = re.compile(
    r"^(?:https?://\S+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?::\d+)?(?:/\S*)?)$"
)
_IDENT_RE = re.compile(r"^[A-Za-z_][\w-]*$")
_ENV_FUNCTION_RE = re.compile(r"^\$(?:dotenv|processEnv)\s+%?([A-Za-z_]\w*)")


def template_names(text: str) -> list[str]:
    """The names of the ``{{name}}`` variables ``text`` uses, in order."""
    return [match.group(1).strip() for match in _TEMPLATE_RE.finditer(text)]


def origins_of(text: str, variables: Mapping[str, str], written_at: Mapping[str, int]) -> tuple[int, ...]:
    """Offsets where the variables ``text`` uses are written, for those holding a URL's scheme
    or a site host (where the URL's base is written: ``CallSite.related``)."""
    found: list[int] = []
    for name in template_names(text):
        value = variables.get(name, "")
        offset = written_at.get(name)
        if offset is not None and ("://" in value or SITE_SUFFIX in value) and offset not in found:
            found.append(offset)
    return tuple(found)


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
