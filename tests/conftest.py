"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _specs_dir() -> Path:
    env = os.environ.get("SCOPELINT_SPECS_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "specs"


@pytest.fixture(scope="session")
def specs_dir() -> Path:
    """Atlassian's raw OpenAPI documents; skips the test when they are not on this machine."""
    path = _specs_dir()
    if not (path / "jira-platform.json").is_file():
        pytest.skip(
            f"Atlassian's OpenAPI documents are not at {path} "
            "(set SCOPELINT_SPECS_DIR to the folder holding jira-platform.json etc.)"
        )
    return path


@pytest.fixture(scope="session")
def sarif_schema_path() -> Path:
    path = REPO_ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {path}")
    return path


@pytest.fixture(scope="session", autouse=True)
def _private_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the real user cache folder (scopelint remembers facts there)."""
    if not os.environ.get("SCOPELINT_CACHE_DIR"):
        os.environ["SCOPELINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))
