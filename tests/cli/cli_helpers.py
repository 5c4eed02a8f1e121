"""What the CLI tests share: a project tree in tmp_path, and scopelint run in it."""

from __future__ import annotations

import json
import textwrap
from contextlib import chdir
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scopelint.cli.main import cli


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (dedented) under ``root``, a repository top (so nothing above is read)."""
    (root / ".git").mkdir(exist_ok=True)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def scopelint(args: list[str], cwd: Path | None = None) -> Result:
    """Run the CLI in-process with ``cwd`` as the working directory."""
    with chdir(cwd or Path.cwd()):
        return CliRunner().invoke(cli, args, catch_exceptions=False)


def check_json(cwd: Path, *args: str) -> list[dict[str, Any]]:
    """The findings of `scopelint check --format json`; the exit code must agree with them."""
    result = scopelint(["check", "--format", "json", *args], cwd)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    assert result.exit_code == (1 if found else 0)
    return found
