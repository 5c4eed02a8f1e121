"""Rule fixture trees: how ``tests/rules/fixtures`` says where findings must be, and what
the docs show (``tests/rules/README.md`` explains it for contributors).

Every rule has fixture trees under ``tests/rules/fixtures/<CODE>/``: ``bad/`` and ``good/``
(the documented example and its "use instead"), and any number of variants named
``bad-<what>/`` and ``good-<what>/``. A tree is a small project: scripts, a manifest, a config.
Its files say where findings must be:

- ``expect: SL002`` (or ``SL001, SL002``) in a comment at the end of a line: those findings on
  that line; in a comment alone on its line: on the next line.
- ``example: begin`` / ``example: end`` comment lines: the docs show only the lines between
  (several regions are joined with a ``...`` comment).
- ``fixture.toml`` beside the files, for what cannot hold a comment (JSON):
  ``expect = ["atlassian-connect.json:5: SL006"]`` and ``show = ["manifest.yml", ...]`` (the
  files the docs show, in order; default: every file, sorted by path), and
  ``args = ["--log", "requests.log"]`` (extra ``scopelint check`` arguments, e.g. to read a
  recording).

:func:`bake` turns the ``bad/`` and ``good/`` trees (markers stripped, credentials redacted)
into the text of ``rules/examples.json`` (read by ``rules/examples.py``). Only ``make docs``
and the tests use this module.
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from scopelint.rules.examples import ExampleFile

SIDECAR = "fixture.toml"
CODE_PATTERN = r"[A-Z]{2,}\d{3}"

_LEAD = r"(?P<lead>#|//|/\*|<!--)"
_TAIL = r"\s*(?:\*/|-->)?\s*$"
_EXPECT_RE = re.compile(
    rf"\s*{_LEAD}\s*expect:\s*(?P<codes>{CODE_PATTERN}(?:\s*,\s*{CODE_PATTERN})*){_TAIL}"
)
_REGION_RE = re.compile(rf"^\s*{_LEAD}\s*example:\s*(?P<edge>begin|end){_TAIL}")
_SIDECAR_EXPECT_RE = re.compile(
    rf"^(?P<path>[^:]+):(?P<line>\d+):\s*(?P<codes>{CODE_PATTERN}(?:\s*,\s*{CODE_PATTERN})*)$"
)
_TREE_NAME_RE = re.compile(r"^(?P<kind>bad|good)(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?$")

Kind = Literal["bad", "good"]


class FixtureError(ValueError):
    """A fixture tree that breaks the marker grammar; the message names the file (one line)."""


@dataclass(frozen=True, slots=True, order=True)
class Expectation:
    """A finding the fixture promises: rule ``code`` at ``path`` (POSIX, tree-relative), ``line``
    (1-based)."""

    path: str
    line: int
    code: str


@dataclass(frozen=True, slots=True)
class FixtureTree:
    """One fixture tree, read: ``tests/rules/fixtures/SL002/bad-forge`` is code ``SL002``,
    kind ``bad``, name ``bad-forge``."""

    root: Path
    code: str
    kind: Kind
    name: str
    files: tuple[str, ...]  # tree-relative POSIX paths, sorted; the sidecar is not one
    expectations: tuple[Expectation, ...]  # sorted; a code marked twice on a line is there twice
    shown: tuple[str, ...]  # the files the docs show, in order
    args: tuple[str, ...] = ()  # extra `scopelint check` arguments (recordings: --log x.log)

    @property
    def documented(self) -> bool:
        """Is this the tree the docs show (``bad/`` or ``good/``)?"""
        return self.name == self.kind

    def example(self) -> tuple[ExampleFile, ...]:
        """The shown files with every marker stripped, only their regions kept, and any
        credential redacted (``ATATT3…(62 chars)``), as scopelint prints tokens everywhere."""
        from scopelint.common.redact import scrub

        return tuple(
            ExampleFile(path, scrub(example_text(_read(self.root / path), self.root / path)))
            for path in self.shown
        )


# --------------------------------------------------------------------------- markers


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(f"{path}: cannot read it as UTF-8 text ({exc})") from None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(","))


def file_expectations(text: str, path: str) -> list[Expectation]:
    """The ``expect:`` markers of one file's ``text`` (``path`` is only copied into them).

    Raises :class:`FixtureError` when a marker alone on its line has no line after it.
    """
    found: list[Expectation] = []
    lines = text.splitlines()
    pending: list[str] = []  # codes of marker-only lines, waiting for the next code line
    for number, line in enumerate(lines, start=1):
        if _REGION_RE.match(line):
            continue  # region markers are not lines of the example's code
        match = _EXPECT_RE.search(line)
        if match is not None and not line[: match.start()].strip():
            pending.extend(_codes(match.group("codes")))
            continue
        target = [*pending, *(_codes(match.group("codes")) if match else ())]
        pending = []
        found.extend(Expectation(path, number, code) for code in target)
    if pending:
        raise FixtureError(f"{path}: 'expect:' on the last line marks no line")
    return found


def example_text(text: str, path: Path | str = "<text>") -> str:
    """``text`` as the docs show it: ``expect:`` markers and marker-only lines removed, and,
    when the file has ``example: begin``/``end`` regions, only the lines inside them, each
    region dedented, regions joined by a ``...`` comment.

    Raises :class:`FixtureError` (naming ``path``) on unbalanced or empty regions.
    """
    lines = text.splitlines()
    regions: list[list[str]] = []
    joiner = "# ..."
    if not any(_REGION_RE.match(line) for line in lines):
        regions.append(lines)
    else:
        current: list[str] | None = None
        for line in lines:
            region = _REGION_RE.match(line)
            if region is None:
                if current is not None:
                    current.append(line)
                continue
            begin = region.group("edge") == "begin"
            if begin == (current is not None):
                raise FixtureError(f"{path}: 'example: {region.group('edge')}' out of order")
            if begin:
                joiner = f"{region.group('lead')} ..."
                current = []
                regions.append(current)
            else:
                current = None
        if current is not None:
            raise FixtureError(f"{path}: 'example: begin' without 'example: end'")
    shown = [_shown_lines(region) for region in regions]
    if not all(shown):
        raise FixtureError(f"{path}: nothing left to show once the markers are stripped")
    return f"\n{joiner}\n".join(shown) + "\n"


def _shown_lines(lines: list[str]) -> str:
    """Lines of one region, markers stripped, dedented, without blank lines at either end."""
    kept: list[str] = []
    for line in lines:
        match = _EXPECT_RE.search(line)
        if match is not None:
            line = line[: match.start()]
            if not line.strip():
                continue
        kept.append(line.rstrip())
    return textwrap.dedent("\n".join(kept)).strip("\n")


# --------------------------------------------------------------------------- trees


def _tree_files(root: Path) -> tuple[str, ...]:
    files = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]
    return tuple(sorted(f for f in files if f != SIDECAR))


def _sidecar(
    root: Path, files: tuple[str, ...]
) -> tuple[list[Expectation], tuple[str, ...], tuple[str, ...]]:
    path = root / SIDECAR
    if not path.is_file():
        return [], files, ()
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise FixtureError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"expect", "show", "args"}
    if unknown:
        raise FixtureError(f"{path}: unknown keys {sorted(unknown)} (known: expect, show, args)")
    expectations: list[Expectation] = []
    for entry in _string_list(data.get("expect", []), path, "expect"):
        match = _SIDECAR_EXPECT_RE.match(entry.strip())
        if match is None:
            raise FixtureError(f"{path}: expect entry {entry!r} is not 'file:line: CODE'")
        target, line = match.group("path"), int(match.group("line"))
        if target not in files:
            raise FixtureError(f"{path}: expect entry names {target!r}, not a file of the tree")
        if not 1 <= line <= len(_read(root / target).splitlines()):
            raise FixtureError(f"{path}: expect entry {entry!r} is past the end of {target}")
        expectations.extend(Expectation(target, line, code) for code in _codes(match.group("codes")))
    shown = tuple(_string_list(data.get("show", list(files)), path, "show"))
    for name in shown:
        if name not in files:
            raise FixtureError(f"{path}: show names {name!r}, not a file of the tree")
    args = tuple(_string_list(data.get("args", []), path, "args"))
    return expectations, shown, args


def _string_list(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FixtureError(f"{path}: {key} must be a list of strings")
    return value


def read_tree(root: Path, code: str) -> FixtureTree:
    """Read one fixture tree (``root`` named ``bad``, ``good``, ``bad-<what>`` or ``good-<what>``).

    Raises :class:`FixtureError` on a bad tree name, an empty tree, or broken markers.
    """
    match = _TREE_NAME_RE.match(root.name)
    if match is None:
        raise FixtureError(f"{root}: a fixture tree is named bad, good, bad-<what> or good-<what>")
    files = _tree_files(root)
    if not files:
        raise FixtureError(f"{root}: an empty fixture tree")
    expectations, shown, args = _sidecar(root, files)
    for relative in files:
        expectations.extend(file_expectations(_read(root / relative), relative))
    kind: Kind = "bad" if match.group("kind") == "bad" else "good"
    return FixtureTree(
        root, code, kind, root.name, files, tuple(sorted(expectations)), shown, args
    )


def fixture_trees(fixtures: Path) -> Iterator[FixtureTree]:
    """Every tree under ``fixtures`` (``<CODE>/<tree>/``), by code then tree name."""
    for code_dir in sorted(p for p in fixtures.iterdir() if p.is_dir()):
        if not re.fullmatch(CODE_PATTERN, code_dir.name):
            raise FixtureError(f"{code_dir}: fixture folders are named by rule code (e.g. SL002)")
        for tree in sorted(p for p in code_dir.iterdir() if p.is_dir()):
            yield read_tree(tree, code_dir.name)


# --------------------------------------------------------------------------- baked copy


def bake(fixtures: Path) -> str:
    """The text of ``examples.json`` for the ``bad/`` and ``good/`` trees under ``fixtures``.

    Deterministic (sorted, fixed indentation), so the drift test can compare it byte for byte.
    Raises :class:`FixtureError` when a rule has only one of the two trees.
    """
    rules: dict[str, dict[str, list[dict[str, str]]]] = {}
    for tree in fixture_trees(fixtures):
        if tree.documented:
            rules.setdefault(tree.code, {})[tree.kind] = [
                {"path": f.path, "text": f.text} for f in tree.example()
            ]
    for code, kinds in rules.items():
        if set(kinds) != {"bad", "good"}:
            raise FixtureError(f"{fixtures / code}: a rule's docs need both bad/ and good/")
    document = {
        "about": "Generated by `make docs` from tests/rules/fixtures (markers stripped, "
                 "credentials redacted); "
                 "do not edit by hand.",
        "rules": dict(sorted(rules.items())),
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
