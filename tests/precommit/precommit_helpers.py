"""Helpers for the pre-commit tests: git in a temporary repository, a clean environment."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

E2E_MARKER = "precommit_e2e"


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ without GIT_* variables (set when tests run inside a git hook), plus extra."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, check=True
    )
    return completed.stdout


def init_repo(path: Path) -> Path:
    """An empty git repository with a committer identity of its own."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet")
    git(path, "config", "user.name", "scopelint tests")
    git(path, "config", "user.email", "tests@scopelint.invalid")
    git(path, "config", "commit.gpgsign", "false")
    return path
