"""Running `scopelint check` on the rule fixture trees (shared by the tests of tests/rules).

A tree is copied to a temporary folder with a `.git` folder beside its files, so that it is a
repository top (nothing above it is read, and the repository's own config does not apply), and
so that `--fix` never edits the fixtures themselves.
"""

from __future__ import annotations

import json
import shutil
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scopelint.cli.main import cli
from scopelint.rules.fixtures import SIDECAR, Expectation, FixtureTree, fixture_trees

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TREES: list[FixtureTree] = list(fixture_trees(FIXTURES))


def tree_id(tree: FixtureTree) -> str:
    return f"{tree.code}/{tree.name}"


@dataclass(frozen=True)
class Run:
    exit_code: int
    findings: list[dict[str, Any]]
    output: str

    def found(self) -> list[Expectation]:
        """The findings as (path, line, code), sorted like a tree's expectations."""
        return sorted(Expectation(f["path"], f["line"], f["code"]) for f in self.findings)


def copy_tree(tree: FixtureTree, destination: Path) -> Path:
    """The tree's files (not its sidecar) under ``destination``, a repository top."""
    shutil.copytree(tree.root, destination, ignore=shutil.ignore_patterns(SIDECAR))
    (destination / ".git").mkdir()
    return destination


def check(project: Path, *args: str) -> Run:
    """`scopelint check --format json ARGS` in ``project`` (in-process, as the CLI tests do)."""
    with chdir(project):
        result = CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return Run(result.exit_code, json.loads(result.stdout)["findings"], result.output)


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of ``project`` (outside .git) and its bytes."""
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }
