"""Fixtures for the knowledge-base tests: the table in use, hand-made documents, the CLI."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.kb.table import KnowledgeBase, load_default


@pytest.fixture(scope="session", autouse=True)
def _embedded_table_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A newer table in the user's cache (from `kb update`) must not change what is tested."""
    before = os.environ.get("SCOPELINT_CACHE_DIR")
    os.environ["SCOPELINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("empty-cache"))
    load_default.cache_clear()
    yield
    if before is None:
        os.environ.pop("SCOPELINT_CACHE_DIR", None)
    else:
        os.environ["SCOPELINT_CACHE_DIR"] = before
    load_default.cache_clear()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_default()


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, data: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run `scopelint ARGS...` in-process; stdout and stderr kept apart."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=True)

    return run
