"""Shared helpers for the benchmarks: timing subprocesses, peak memory, the environment.

Every benchmark measures a baseline in the same run and reports a ratio against it, so a
figure means the same on a fast laptop and on a busy CI runner.  Wall time is what a user
feels; CPU time (user + system of the process and its children) is printed next to it
because it is much steadier when other work shares the machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
PYTHON = sys.executable  # the virtual environment's interpreter (`make bench` uses $(BIN)/python)


def bench_env() -> dict[str, str]:
    """The environment measured commands run in.

    ``PYTHONDONTWRITEBYTECODE`` is removed: with it, every run recompiles the package's
    modules, which no installed copy of scopelint ever does.  The user cache folder is a
    private one under ``bench/.work`` so runs do not depend on the machine's cache.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["SCOPELINT_CACHE_DIR"] = str(WORK / "cache")
    return env


def compile_package() -> None:
    """Byte-compile scopelint once, as `pip install` does for an installed copy."""
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(REPO / "scopelint")],
        check=True,
        env=bench_env(),
    )


def scopelint_command() -> list[str]:
    """How a user runs scopelint from this environment: the console script next to python."""
    script = Path(PYTHON).parent / "scopelint"
    return [str(script)] if script.is_file() else [PYTHON, "-m", "scopelint"]


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, including waited-for children
    peak_rss: int  # bytes, largest single process (from wait4)
    peak_tree: int  # bytes, largest sampled sum over the process tree (PSS when available)
    returncode: int


@dataclass(frozen=True, slots=True)
class Summary:
    wall: float  # median seconds
    cpu: float  # median seconds
    peak_rss: int  # max bytes over runs
    peak_tree: int  # max bytes over runs
    runs: int

    def ms(self) -> str:
        return f"{self.wall * 1000:.1f} ms (cpu {self.cpu * 1000:.1f} ms)"


def _descendants(pid: int) -> list[int]:
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        try:
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _memory_of(pid: int) -> int:
    """Proportional set size of one process (RSS when smaps_rollup is unavailable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until told to stop."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            total = sum(_memory_of(pid) for pid in _descendants(self.pid))
            self.peak = max(self.peak, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_once(
    command: Sequence[str],
    cwd: Path | None = None,
    sample_memory: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``command`` with its output discarded; wall/CPU time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=env or bench_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sampler = _TreeSampler(process.pid, 0.02) if sample_memory and Path("/proc").is_dir() else None
    if sampler is not None:
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if sampler is not None:
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; it covers the child and the descendants it waited for.
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss=usage.ru_maxrss * 1024,
        peak_tree=sampler.peak if sampler is not None else 0,
        returncode=process.returncode,
    )


def summarise(runs: Sequence[Run]) -> Summary:
    return Summary(
        wall=statistics.median(r.wall for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        peak_rss=max(r.peak_rss for r in runs),
        peak_tree=max(r.peak_tree for r in runs),
        runs=len(runs),
    )


def interleaved(
    commands: dict[str, Sequence[str]],
    repeat: int,
    cwd: Path | None = None,
    warmup: int = 1,
    sample_memory: bool = False,
) -> dict[str, Summary]:
    """Run each command ``repeat`` times, alternating between them, after ``warmup`` rounds.

    Alternating keeps a burst of other activity on the machine from landing on one side of
    a ratio only.
    """
    for _ in range(warmup):
        for command in commands.values():
            run_once(command, cwd)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            results[name].append(run_once(command, cwd, sample_memory=sample_memory))
    return {name: summarise(runs) for name, runs in results.items()}


def timed(function: object, repeat: int) -> list[float]:
    """Seconds of ``repeat`` calls of a no-argument callable (one call per sample)."""
    assert callable(function)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def verdict(ok: bool) -> str:
    return "meets the target" if ok else "MISSES the target"


def which(name: str) -> str | None:
    return shutil.which(name)
