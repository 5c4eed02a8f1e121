"""Clients added as rows of the knowledge files, checked on fixtures that mark every call.

Each fixture in ``fixtures/clients/`` marks the line of every request it makes with
``=> METHOD URL [via NAME]`` in a comment (``?`` for an unknown method, ``base-url`` for a
configured API base).  The extractor must find exactly those, and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "clients"
FILES = sorted(p for p in FIXTURES.iterdir() if p.is_file())
_MARKER_RE = re.compile(r"(?:#|//) => (\S+) (\S+)(?: via (\S+))?\s*$")

Row = tuple[int, str, str, str | None]


def expected(text: str) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MARKER_RE.search(line)
        if match:
            rows.append((number, match.group(1), match.group(2), match.group(3)))
    return rows


def found(path: Path) -> list[Row]:
    (spec,) = specs_for(Path(path.name))  # type: ignore[arg-type]
    text = path.read_text(encoding="utf-8")
    scan = load(spec.module)(SourceFile.from_text(text, path.name))
    assert scan.warnings == []
    marked = {row[0] for row in expected(text) if row[3] is not None}
    return [
        (
            call.location.line,
            "base-url" if call.kind == "base-url" else call.method or "?",
            call.url,
            call.via if call.location.line in marked else None,
        )
        for call in scan.calls
    ]


def test_there_are_fixtures_for_each_language() -> None:
    assert {p.suffix for p in FILES} >= {".py", ".ts", ".go", ".php", ".java", ".kt"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_marked_call_and_nothing_else(path: Path) -> None:
    wanted = expected(path.read_text(encoding="utf-8"))
    assert wanted, "a fixture marks its calls"
    assert found(path) == wanted
