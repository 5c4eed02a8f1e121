"""Benchmark 5, HAR memory: `scopelint check --har` on a generated 1 GB HAR file.

The file (``gen_har.py``): a browser-devtools-shaped export of ~1 GiB, with bodies up to
8 MB, base64 images, and about one entry in three to an Atlassian API (site, gateway,
Bitbucket), some refused (401 scope, 404, 410).  scopelint streams it (``ijson``), so its
memory must not grow with the file: the target is a peak of at most 200 MB for the whole
process tree (proportional set size, sampled every 20 ms), whatever the file's size.  Wall
time and throughput are printed for information (no target).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from _common import WORK, Summary, compile_package, mib, run_once, scopelint_command, summarise, verdict
from gen_har import DEFAULT_MB, HAR, TOKEN, generate

TARGET_MEMORY = 200 * 2**20


@dataclass(frozen=True, slots=True)
class HarResult:
    size: int  # bytes
    check: Summary
    token_leaked: bool

    @property
    def memory_ok(self) -> bool:
        return self.check.peak_tree <= TARGET_MEMORY

    @property
    def throughput(self) -> float:  # MiB/s
        return self.size / 2**20 / self.check.wall


def measure(repeat: int = 3, size_mb: int = DEFAULT_MB) -> HarResult:
    compile_package()
    har = generate(HAR, size_mb)
    out = WORK / "har-output.json"
    command = [*scopelint_command(), "check", "--quiet", "--format", "json", "--output", str(out),
               "--har", str(har)]
    runs = []
    for _ in range(repeat):
        run = run_once(command, WORK, sample_memory=True)
        if run.returncode not in (0, 1):
            raise SystemExit(f"scopelint check --har failed (exit {run.returncode})")
        runs.append(run)
    leaked = TOKEN in out.read_text(encoding="utf-8")
    return HarResult(har.stat().st_size, summarise(runs), leaked)


def report(result: HarResult) -> list[str]:
    return [
        f"5. HAR memory ({result.size / 2**30:.2f} GiB generated HAR, check --har --format json)",
        f"   scopelint check --har: {result.check.wall:.1f} s (cpu {result.check.cpu:.1f} s), "
        f"{result.throughput:.0f} MiB/s",
        f"   peak memory: {mib(result.check.peak_tree)} for all processes "
        f"(largest one {mib(result.check.peak_rss)} RSS) (target <= {mib(TARGET_MEMORY)}): "
        f"{verdict(result.memory_ok)}",
        f"   planted API token in the report: {'LEAKED' if result.token_leaked else 'never'}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size-mb", type=int, default=DEFAULT_MB)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat, args.size_mb))))


if __name__ == "__main__":
    main()
