"""Benchmark 2, large tree: `scopelint check` on a generated monorepo vs ripgrep.

The tree (see ``gen_tree.py``): ~20,000 files, ~200 MB.  The baseline is ripgrep (``rg``,
from the system packages) searching the same tree for the URL patterns scopelint looks for,
with its output written to a file (ripgrep stops at the first match when its output is
/dev/null).  Both use every core (two on the reference machine).

Three kinds of scopelint run, each with ripgrep runs interleaved (issue #19's targets): cold
(``--no-cache``: every file scanned; at most 10x ripgrep, and peak memory under 150 MB for
the whole process tree: scopelint and its worker processes, proportional set size, sampled
every 20 ms), warm (after one run, nothing changed: at most 3x) and ten files changed since
the previous run (at most 4x).

Without ``rg`` on the PATH the comparison is skipped with a clear message; scopelint's own
time and memory are still measured.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from _common import (
    WORK,
    Run,
    Summary,
    compile_package,
    mib,
    run_once,
    scopelint_command,
    summarise,
    verdict,
    which,
)
from gen_tree import DEFAULT_FILES, TREE, generate, tree_size

TARGETS = {"cold": 10.0, "warm": 3.0, "10 changed": 4.0}
TARGET_MEMORY = 150 * 2**20
CHANGED = 10

# The URL patterns of scopelint.scanning.urls / scopelint.kb.hosts, in ripgrep's syntax.
RG_PATTERNS = (
    r"https?://([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.atlassian\.net|api\.atlassian\.com|api\.bitbucket\.org",
    r"/(wiki/)?rest/[A-Za-z][\w.-]*/|/wiki/api/v2/|/2\.0/",
    r"request(Jira|Confluence|Bitbucket)",
)


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    check: Summary
    ripgrep: Summary | None

    @property
    def ratio(self) -> float | None:
        return self.check.wall / self.ripgrep.wall if self.ripgrep else None

    @property
    def cpu_ratio(self) -> float | None:
        return self.check.cpu / max(self.ripgrep.cpu, 1e-9) if self.ripgrep else None

    @property
    def time_ok(self) -> bool | None:
        ratio = self.ratio
        return None if ratio is None else ratio <= TARGETS[self.name]


@dataclass(frozen=True, slots=True)
class TreeResult:
    files: int
    size: int
    modes: list[Mode]
    rg_missing: str

    @property
    def cold(self) -> Mode | None:
        return next((mode for mode in self.modes if mode.name == "cold"), None)

    @property
    def memory_ok(self) -> bool:
        return self.cold is not None and self.cold.check.peak_tree < TARGET_MEMORY


def rg_command() -> list[str] | None:
    rg = which("rg")
    if rg is None:
        return None
    command = [rg, "--no-messages", "--line-number", "--no-heading"]
    for pattern in RG_PATTERNS:
        command += ["-e", pattern]
    return [*command, "."]


def _edit(files: list[Path], round_: int) -> None:
    """Change ``files`` as an edit does: new bytes, a new modification time."""
    for path in files:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"# bench edit {round_}\n")


def measure(
    repeat: int = 5, files: int = DEFAULT_FILES, modes: tuple[str, ...] = tuple(TARGETS)
) -> TreeResult:
    compile_package()
    tree = generate(TREE, files)
    count, size = tree_size(tree)
    out = WORK / "large-tree-output.txt"
    check = [*scopelint_command(), "check", "--quiet", "--output", str(out), "."]
    rg = rg_command()
    rg_run = ["sh", "-c", f'exec "$@" > "{out}.rg"', "rg", *(rg or [])]
    edited = sorted(tree.rglob("*.py"))[:: max(1, count // 300)][:CHANGED]
    originals = {path: path.read_bytes() for path in edited}
    # Warm-up: page cache, byte-compiled modules, a validated config remembered.
    if "cold" in modes:  # (the warm modes warm up with the run that fills the result cache)
        run_once([*check, "--no-cache"], tree)
    if rg is not None:
        run_once(rg_run, tree)
    measured: list[Mode] = []
    try:
        for name in modes:
            if name == "warm" or (name == "10 changed" and "warm" not in modes):
                run_once(check, tree)  # the run before: fills the result cache
            check_runs: list[Run] = []
            rg_runs: list[Run] = []
            for round_ in range(repeat):
                if name == "10 changed":
                    _edit(edited, round_)
                command = [*check, "--no-cache"] if name == "cold" else check
                check_runs.append(run_once(command, tree, sample_memory=True))
                if rg is not None:
                    rg_runs.append(run_once(rg_run, tree))
            failed = [r.returncode for r in check_runs if r.returncode not in (0, 1)]
            if failed:
                raise SystemExit(f"scopelint check failed on the tree (exit {failed[0]})")
            measured.append(Mode(name, summarise(check_runs), summarise(rg_runs) if rg_runs else None))
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    missing = "" if rg is not None else (
        "ripgrep (rg) is not installed: comparison skipped "
        "(apt-get install ripgrep, or run `make bench` as root to have it installed)"
    )
    return TreeResult(count, size, measured, missing)


def report(result: TreeResult) -> list[str]:
    lines = [f"2. Large tree ({result.files} files, {result.size / 1e6:.0f} MB, generated)"]
    for mode in result.modes:
        lines.append(f"   {mode.name + ':':<11} scopelint check {mode.check.ms()}")
        if mode.ripgrep is not None and mode.ratio is not None:
            lines += [
                f"               ripgrep         {mode.ripgrep.ms()}",
                f"               ratio: {mode.ratio:.2f}x wall, {mode.cpu_ratio or 0:.2f}x cpu "
                f"(target <= {TARGETS[mode.name]:.0f}x): {verdict(bool(mode.time_ok))}",
            ]
    if result.rg_missing:
        lines.append(f"   {result.rg_missing}")
    if result.cold is not None:
        cold = result.cold.check
        lines.append(
            f"   peak memory (cold): {mib(cold.peak_tree)} for all processes "
            f"(largest one {mib(cold.peak_rss)} RSS) (target < {mib(TARGET_MEMORY)}): "
            f"{verdict(result.memory_ok)}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    parser.add_argument("--modes", default=",".join(TARGETS),
                        help="comma-separated subset of " + ",".join(TARGETS) + " (in that order)")
    args = parser.parse_args()
    modes = tuple(name for name in TARGETS if name in {m.strip() for m in args.modes.split(",")})
    print("\n".join(report(measure(args.repeat, args.files, modes))))


if __name__ == "__main__":
    main()
