"""An unknown command gets click's and ruff's "Did you mean", one line on stderr, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopelint", *args], capture_output=True, text=True, check=False
    )


def test_explain_points_at_explain_error_and_rule() -> None:
    result = _run("explain", "Unauthorized; scope does not match")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "No such command 'explain'" in result.stderr
    assert "Did you mean 'explain-error', 'rule'?" in result.stderr


@pytest.mark.parametrize(
    ("typed", "meant"), [("chek", "check"), ("suggets", "suggest"), ("cloudid", "cloud-id")]
)
def test_a_misspelt_command_names_the_close_one(typed: str, meant: str) -> None:
    result = _run(typed)

    assert result.returncode == 2
    assert f"Did you mean '{meant}'" in result.stderr


def test_nothing_close_is_the_plain_error() -> None:
    result = _run("zzzz")

    assert result.returncode == 2
    assert "No such command 'zzzz'" in result.stderr
    assert "Did you mean" not in result.stderr
