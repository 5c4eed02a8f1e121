"""What the language tests share: a project written to disk, scopelint run in it (in-process),
one file extracted on its own."""

from __future__ import annotations

import json
import textwrap
from contextlib import chdir
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.model import FileScan
from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile

CLOUD_ID = "11111111-2222-3333-4444-555555555555"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` under ``root`` (text dedented, bytes as they are), a repository top."""
    (root / ".git").mkdir(exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def scopelint(args: list[str], cwd: Path) -> Result:
    with chdir(cwd):
        return CliRunner().invoke(cli, args, catch_exceptions=False)


def calls(cwd: Path, *paths: str) -> list[tuple[str, int, str | None, str]]:
    """(path, line, method, endpoint or url) of every call `scopelint calls` lists."""
    result = scopelint(["calls", "--format", "json", *(paths or (".",))], cwd)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return sorted((row["path"], row["line"], row["method"], row["endpoint"] or row["url"]) for row in rows)


def findings(cwd: Path, *args: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding of `scopelint check --format json`."""
    result = scopelint(["check", "--format", "json", *args], cwd)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return sorted((f["path"], f["line"], f["code"]) for f in found)


def extract(name: str, text: str) -> FileScan:
    """The scan of one file named ``name`` holding ``text`` (dedented), by its extractor."""
    (spec,) = specs_for(Path(name))  # type: ignore[arg-type]
    return load(spec.module)(SourceFile.from_text(textwrap.dedent(text), display=name))


def rows(scan: FileScan) -> list[tuple[int, str | None, str]]:
    """(line, method or kind, url) of every call site of ``scan``."""
    return [(c.location.line, c.method if c.kind == "call" else "base-url", c.url) for c in scan.calls]
