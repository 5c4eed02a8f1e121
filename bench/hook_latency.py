"""Benchmark 1, hook latency: `scopelint check` on one small file vs `python -c pass`.

This is what a pre-commit hook costs on every commit: a small project (a shell script, a
Python file with a call, a Python file with nothing Atlassian in it, a `.scopelint.toml`),
one file named on the command line, the result cache warm (one run before, as after the
previous commit).  Targets (issue #19): `check one.py` at most 3x the bare interpreter of the
same virtual environment, `check nothing.py` at most 2x; `check fetch.sh`, a file with a call
too, at most 3x like one.py (this benchmark said 2x before; the issue says 3x for a file with
a call).  An unchanged file is answered by replaying the previous run (scopelint.cli.hook), so
`changed.py` is reported too: a file with a call that was edited since the last run (each run
appends a comment first), which no cache answers: the full CLI, the scan, and recording the
run for the next time.  The issue sets no target for it.
"""


import argparse
import subprocess
from collections.abc import Sequence
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

SUBJECTS: dict[str, tuple[float | None, str]] = {  # file -> (target ratio, what it is)
    "one.py": (3.0, "a small Python file with a call"),
    "nothing.py": (2.0, "a Python file with nothing Atlassian in it"),
    "fetch.sh": (3.0, "a shell script with a call"),
    "changed.py": (None, "one.py, edited since the last run"),
}
# `check changed.py` in one interpreter, as the console script runs it, after appending a
# comment to the file (~0.1 ms of the run): the file is new to every cache each time
EDIT_THEN_CHECK = (
    "import sys\n"
    "with open('changed.py', 'a', encoding='utf-8') as f:\n"
    "    f.write('# edited\\n')\n"
    "from scopelint.cli.hook import main\n"
    "sys.argv[1:] = ['check', 'changed.py']\n"
    "sys.exit(main())\n"
)
ONE_PY = """import os
import requests

BASE = "https://acme.atlassian.net"


def issue(key: str) -> dict:
    auth = (os.environ["EMAIL"], os.environ["TOKEN"])
    return requests.get(f"{BASE}/rest/api/3/issue/{key}", auth=auth, timeout=10).json()
"""
NOTHING_PY = """import json
import sys


def main() -> int:
    data = json.load(sys.stdin)
    print(len(data))
    return 0
"""
SCRIPT = """#!/bin/sh
curl -s -u "$EMAIL:$TOKEN" https://acme.atlassian.net/rest/api/3/issue/PPT-28
"""
CONFIG = """scopes = ["read:jira-work"]

[sites]
"acme.atlassian.net" = "11111111-2222-3333-4444-555555555555"
"""




@dataclass(frozen=True, slots=True)
class Subject:
    name: str
    check: Summary
    ratio: float
    cpu_ratio: float
    target: float | None

    @property
    def ok(self) -> bool:
        return self.target is None or self.ratio <= self.target


@dataclass(frozen=True, slots=True)
class HookResult:
    baseline: Summary
    subjects: list[Subject]


def make_project() -> Path:
    project = WORK / "hook-project"
    project.mkdir(parents=True, exist_ok=True)
    (project / ".git").mkdir(exist_ok=True)  # the project's top: config search stops here
    (project / "fetch.sh").write_text(SCRIPT, encoding="utf-8")
    (project / "one.py").write_text(ONE_PY, encoding="utf-8")
    (project / "changed.py").write_text(ONE_PY, encoding="utf-8")
    (project / "nothing.py").write_text(NOTHING_PY, encoding="utf-8")
    (project / ".scopelint.toml").write_text(CONFIG, encoding="utf-8")
    return project


def measure(repeat: int = 21) -> HookResult:
    compile_package()
    project = make_project()
    commands: dict[str, Sequence[str]] = {"python -c pass": [PYTHON, "-c", "pass"]}
    for name in SUBJECTS:
        check = [*scopelint_command(), "check", name]
        if name == "changed.py":
            check = [PYTHON, "-c", EDIT_THEN_CHECK]
        # One run outside the measurement fills the user cache (a validated config is
        # remembered) and the result cache.
        first = subprocess.run(check, cwd=project, capture_output=True, text=True, env=bench_env())
        expected = 0 if name == "nothing.py" else 1
        if first.returncode != expected or (expected and "SL001" not in first.stdout):
            raise SystemExit(f"scopelint check {name} did not run as expected:\n{first.stdout}{first.stderr}")
        commands[f"check {name}"] = check
    results = interleaved(commands, repeat=repeat, cwd=project, warmup=2)
    baseline = results["python -c pass"]
    subjects = []
    for name, (target, _what) in SUBJECTS.items():
        lint = results[f"check {name}"]
        cpu_ratio = lint.cpu / max(baseline.cpu, 1e-9)
        subjects.append(Subject(name, lint, lint.wall / baseline.wall, cpu_ratio, target))
    return HookResult(baseline, subjects)


def report(result: HookResult) -> list[str]:
    lines = [
        "1. Hook latency (scopelint check FILE, a small project with .scopelint.toml, result cache warm)",
        f"   python -c pass:     {result.baseline.ms()}",
    ]
    for subject in result.subjects:
        target = ("no target" if subject.target is None
                  else f"target <= {subject.target:.0f}x): {verdict(subject.ok)}")
        lines += [
            f"   check {subject.name + ':':<13} {subject.check.ms()}  ({SUBJECTS[subject.name][1]})",
            f"      ratio: {subject.ratio:.2f}x wall, {subject.cpu_ratio:.2f}x cpu ({target}"
            + (")" if subject.target is None else ""),
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat))))


if __name__ == "__main__":
    main()
