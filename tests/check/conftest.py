"""Fixtures shared by the tests of the check pipeline's caches."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A result cache of the test's own (``SCOPELINT_CACHE_DIR``), switched on."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("SCOPELINT_NO_CACHE", raising=False)
    return folder
