"""Fixtures for the pre-commit tests: a git repository to run hooks in, a shared hook home."""

from __future__ import annotations

from pathlib import Path

import pytest
from precommit_helpers import E2E_MARKER, init_repo


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{E2E_MARKER}: runs the real pre-commit, which pip-installs scopelint into the hook's "
        "environment (needs the package registry; built once per session)",
    )


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRE_COMMIT_HOME for the session: the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")
