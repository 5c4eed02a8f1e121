"""Benchmark 2, large tree: `scopelint check` on a generated monorepo vs ripgrep.

The tree (see ``gen_tree.py``): ~20,000 files, ~200 MB.  The baseline is ripgrep (``rg``,
from the system packages) searching the same tree for the URL patterns scopelint looks for,
with its output written to a file (ripgrep stops at the first match when its output is
/dev/null).  Both use every core (two on the reference machine).  Targets: at most 5x
ripgrep's time, and peak memory under 150 MB for the whole process tree (scopelint and its
worker processes, proportional set size, sampled every 20 ms).

Without ``rg`` on the PATH the comparison is skipped with a clear message; scopelint's own
time and memory are still measured.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

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

TARGET_RATIO = 5.0
TARGET_MEMORY = 150 * 2**20

# The URL patterns of scopelint.scanning.urls / scopelint.kb.hosts, in ripgrep's syntax.
RG_PATTERNS = (
    r"https?://([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.atlassian\.net|api\.atlassian\.com|api\.bitbucket\.org",
    r"/(wiki/)?rest/[A-Za-z][\w.-]*/|/wiki/api/v2/|/2\.0/",
    r"request(Jira|Confluence|Bitbucket)",
)


@dataclass(frozen=True, slots=True)
class TreeResult:
    files: int
    size: int
    check: Summary
    ripgrep: Summary | None
    rg_missing: str

    @property
    def ratio(self) -> float | None:
        return self.check.wall / self.ripgrep.wall if self.ripgrep else None

    @property
    def time_ok(self) -> bool | None:
        ratio = self.ratio
        return None if ratio is None else ratio <= TARGET_RATIO

    @property
    def memory_ok(self) -> bool:
        return self.check.peak_tree < TARGET_MEMORY


def rg_command() -> list[str] | None:
    rg = which("rg")
    if rg is None:
        return None
    command = [rg, "--no-messages", "--line-number", "--no-heading"]
    for pattern in RG_PATTERNS:
        command += ["-e", pattern]
    return [*command, "."]


def measure(repeat: int = 5, files: int = DEFAULT_FILES) -> TreeResult:
    compile_package()
    tree = generate(TREE, files)
    count, size = tree_size(tree)
    out = WORK / "large-tree-output.txt"
    check = [*scopelint_command(), "check", "--quiet", "--output", str(out), "."]
    rg = rg_command()
    # Warm-up: page cache, byte-compiled modules, a validated config remembered.
    run_once(check, tree)
    if rg is not None:
        run_once(["sh", "-c", f'exec "$@" > "{out}.rg"', "rg", *rg], tree)
    check_runs: list[Run] = []
    rg_runs: list[Run] = []
    for _ in range(repeat):
        check_runs.append(run_once(check, tree, sample_memory=True))
        if rg is not None:
            rg_runs.append(run_once(["sh", "-c", f'exec "$@" > "{out}.rg"', "rg", *rg], tree))
    failed = [r.returncode for r in check_runs if r.returncode not in (0, 1)]
    if failed:
        raise SystemExit(f"scopelint check failed on the tree (exit {failed[0]})")
    missing = "" if rg is not None else (
        "ripgrep (rg) is not installed: comparison skipped "
        "(apt-get install ripgrep, or run `make bench` as root to have it installed)"
    )
    return TreeResult(count, size, summarise(check_runs), summarise(rg_runs) if rg_runs else None,
                      missing)


def report(result: TreeResult) -> list[str]:
    lines = [
        f"2. Large tree ({result.files} files, {result.size / 1e6:.0f} MB, generated)",
        f"   scopelint check: {result.check.ms()}",
    ]
    if result.ripgrep is not None and result.ratio is not None:
        lines += [
            f"   ripgrep:         {result.ripgrep.ms()}",
            f"   ratio: {result.ratio:.2f}x wall (target <= {TARGET_RATIO:.0f}x): "
            f"{verdict(bool(result.time_ok))}",
        ]
    else:
        lines.append(f"   {result.rg_missing}")
    lines.append(
        f"   peak memory: {mib(result.check.peak_tree)} for all processes "
        f"(largest one {mib(result.check.peak_rss)} RSS) (target < {mib(TARGET_MEMORY)}): "
        f"{verdict(result.memory_ok)}"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat, args.files))))


if __name__ == "__main__":
    main()
