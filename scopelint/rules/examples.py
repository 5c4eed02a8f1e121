"""The rule examples baked into the package: what ``scopelint rule`` and the docs show.

``rules/examples.json`` holds, for every rule, the files of its ``bad/`` and ``good/`` fixture
trees (``tests/rules/fixtures/<CODE>/``) with the expectation markers stripped and credentials
redacted. ``make docs`` writes it (see ``rules/fixtures.py`` for how the trees are read), it
ships in the wheel, and a drift test keeps it equal to the fixtures. This module only reads it,
and stays light: it is imported on every ``scopelint check``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import NamedTuple

BAKED_NAME = "examples.json"

# Fence languages for the docs, by file name or suffix (plain text otherwise).
_LANGUAGES = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".ts": "typescript", ".tsx": "tsx", ".jsx": "jsx", ".sh": "bash", ".bash": "bash",
    ".toml": "toml", ".yml": "yaml", ".yaml": "yaml", ".json": "json", ".http": "http",
    ".env": "dotenv", ".ini": "ini", ".properties": "properties", ".ps1": "powershell",
    "Makefile": "make", "Dockerfile": "dockerfile",
}


class ExampleFile(NamedTuple):
    """One file of a documented example: its tree-relative path and the text the docs show."""

    path: str
    text: str

    @property
    def language(self) -> str:
        """The fence language (``python``, ``yaml``, ...), or ``""`` for plain text."""
        name = PurePosixPath(self.path).name
        return _LANGUAGES.get(name) or _LANGUAGES.get(PurePosixPath(name).suffix, "")


class RuleExamples(NamedTuple):
    """The "Example" (``bad``) and "Use instead" (``good``) of one rule."""

    bad: tuple[ExampleFile, ...]
    good: tuple[ExampleFile, ...]


def as_text(files: Iterable[ExampleFile]) -> str:
    """An example as one block: each file under a ``# path`` line, a blank line between files."""
    return "\n\n".join(f"# {f.path}\n{f.text.rstrip()}" for f in files)


def parse_baked(text: str) -> dict[str, RuleExamples]:
    """``examples.json`` text -> code -> examples. Raises ``ValueError``/``KeyError`` when
    malformed."""
    data = json.loads(text)
    result: dict[str, RuleExamples] = {}
    for code, kinds in data["rules"].items():
        bad, good = (
            tuple(ExampleFile(str(f["path"]), str(f["text"])) for f in kinds[kind])
            for kind in ("bad", "good")
        )
        result[code] = RuleExamples(bad, good)
    return result


def baked_path() -> Path:
    """Where the baked examples live: beside this module, in the source tree and the wheel."""
    return Path(__file__).with_name(BAKED_NAME)


@cache
def load_examples() -> Mapping[str, RuleExamples]:
    """The baked examples shipped in the package; an empty mapping when the file is missing (a
    source checkout before the first ``make docs``)."""
    try:
        text = baked_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return parse_baked(text)
