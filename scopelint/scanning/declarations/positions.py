"""Where a key or item of a round-trip YAML document (ruamel) is written, as a Location."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scopelint.common.lazy_re import lazy_compile
from scopelint.model import Location
from scopelint.scanning.source import SourceFile


def key_location(mapping: Mapping[Any, Any], key: str, source: SourceFile) -> Location:
    """Where ``key`` of a round-trip mapping is written (line 1 when unknown)."""
    try:
        line, column = mapping.lc.key(key)  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return Location(source.display, 1, 1)
    return yaml_location(source, int(line), int(column))


_YAML_BREAK_RE = lazy_compile(r"\r\n|\r|\n")


def yaml_location(source: SourceFile, line: int, column: int) -> Location:
    """ruamel's 0-based (line, column) as a Location in ``source``.

    YAML ends a line at a lone "\r" too; SourceFile (and every report) only at "\n".
    """
    text = source.text
    if "\r" not in text.replace("\r\n", ""):
        return Location(source.display, line + 1, column + 1)
    starts = [0, *(m.end() for m in _YAML_BREAK_RE.finditer(text))]
    offset = starts[min(line, len(starts) - 1)] + column
    return source.location(min(offset, len(text)))
