"""Benchmark 1, hook latency: `scopelint check` on one small file vs `python -c pass`.

This is what a pre-commit hook costs on every commit: a small project (one shell script, a
`.scopelint.toml`), one file named on the command line.  Target: at most 2x the bare
interpreter of the same virtual environment.
"""

from __future__ import annotations

import argparse
import subprocess
from dataclasses import dataclass
from pathlib import Path

from _common import (
    PYTHON,
    WORK,
    Summary,
    bench_env,
    compile_package,
    interleaved,
    scopelint_command,
    verdict,
)

TARGET_RATIO = 2.0

SCRIPT = """#!/bin/sh
curl -s -u "$EMAIL:$TOKEN" https://acme.atlassian.net/rest/api/3/issue/PPT-28
"""
CONFIG = """scopes = ["read:jira-work"]

[sites]
"acme.atlassian.net" = "11111111-2222-3333-4444-555555555555"
"""


@dataclass(frozen=True, slots=True)
class HookResult:
    baseline: Summary
    check: Summary
    ratio: float
    cpu_ratio: float

    @property
    def ok(self) -> bool:
        return self.ratio <= TARGET_RATIO


def make_project() -> Path:
    project = WORK / "hook-project"
    project.mkdir(parents=True, exist_ok=True)
    (project / ".git").mkdir(exist_ok=True)  # the project's top: config search stops here
    (project / "fetch.sh").write_text(SCRIPT, encoding="utf-8")
    (project / ".scopelint.toml").write_text(CONFIG, encoding="utf-8")
    return project


def measure(repeat: int = 21) -> HookResult:
    compile_package()
    project = make_project()
    check = [*scopelint_command(), "check", "fetch.sh"]
    # One run outside the measurement fills the user cache (a validated config is remembered).
    first = subprocess.run(check, cwd=project, capture_output=True, text=True, env=bench_env())
    if first.returncode not in (0, 1) or "SL001" not in first.stdout:
        raise SystemExit(f"scopelint check did not run as expected:\n{first.stdout}{first.stderr}")
    results = interleaved(
        {"python -c pass": [PYTHON, "-c", "pass"], "scopelint check": check},
        repeat=repeat,
        cwd=project,
        warmup=2,
    )
    baseline, lint = results["python -c pass"], results["scopelint check"]
    return HookResult(baseline, lint, lint.wall / baseline.wall, lint.cpu / max(baseline.cpu, 1e-9))


def report(result: HookResult) -> list[str]:
    return [
        "1. Hook latency (scopelint check fetch.sh, one small file + .scopelint.toml)",
        f"   python -c pass:   {result.baseline.ms()}",
        f"   scopelint check:  {result.check.ms()}",
        f"   ratio: {result.ratio:.2f}x wall, {result.cpu_ratio:.2f}x cpu "
        f"(target <= {TARGET_RATIO:.0f}x): {verdict(result.ok)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat))))


if __name__ == "__main__":
    main()
