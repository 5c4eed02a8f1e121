"""Helpers for the robustness tests: run the real command line in a child process, with
the hang guard (a timeout) and a memory ceiling a hostile file must not break through."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

HANG_GUARD_SECONDS = 120  # a hang guard, not a speed test (speed is measured in bench/)
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
SITE_URL = "https://acme.atlassian.net/rest/api/3/myself"


def scopelint_command() -> list[str]:
    script = Path(sys.executable).parent / "scopelint"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "scopelint"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def run_scopelint(
    args: list[str], cwd: Path, cache_dir: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """``scopelint ARGS`` in ``cwd``, bounded in time and memory; output decoded leniently."""
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(cache_dir), NO_COLOR="1")
    completed = subprocess.run(
        [*scopelint_command(), *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8", errors="replace"),
        completed.stderr.decode("utf-8", errors="replace"),
    )


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("scopelint: warning: ")]
