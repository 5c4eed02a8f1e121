"""Benchmark 6, SDK tables: loading one SDK table, and answering class + method lookups.

* Load: ``load_table`` of the largest shipped table (``data/sdk/``) in a warm process (modules
  imported, file in the page cache), median of many loads of a fresh copy (the loader caches
  per path). Target: under 15 ms, like the knowledge base table: a run loads one table per
  SDK a project uses.
* Lookup: ``SdkTable.lookup(class, method, options)`` over every method of that table.
  No target; the figure is for the record (a file holds tens of SDK calls, not thousands).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import verdict

TARGET_LOAD_MS = 15.0


@dataclass(frozen=True, slots=True)
class SdkResult:
    table: str
    size_kib: int
    load_ms: float
    lookups_per_second: float
    methods: int

    @property
    def ok(self) -> bool:
        return self.load_ms < TARGET_LOAD_MS


def measure(repeat: int = 31) -> SdkResult:
    from scopelint.kb.sdk import _load_table, load_table, sdk_dir

    largest = max(sdk_dir().glob("*/*.json"), key=lambda p: p.stat().st_size)
    samples: list[float] = []
    with tempfile.TemporaryDirectory(prefix="scopelint-bench-sdk-") as tmp:
        for index in range(repeat + 1):
            copy = Path(tmp) / f"{index}.json"
            shutil.copy(largest, copy)
            copy.read_bytes()  # page cache
            started = time.perf_counter()
            load_table(copy)
            if index:  # the first load pays for imports
                samples.append(time.perf_counter() - started)
        _load_table.cache_clear()
    table = load_table(largest)
    pairs = [(name, method) for name, cls in table.classes.items() for method in cls["methods"]]
    started = time.perf_counter()
    for name, method in pairs:
        table.lookup(name, method, {"cloud": True})
    elapsed = time.perf_counter() - started
    return SdkResult(
        table=f"{table.sdk} {table.version}",
        size_kib=largest.stat().st_size // 1024,
        load_ms=statistics.median(samples) * 1000,
        lookups_per_second=len(pairs) / elapsed,
        methods=len(pairs),
    )


def report(result: SdkResult) -> list[str]:
    return [
        "6. SDK tables (largest table, warm process)",
        f"   {result.table} ({result.size_kib} KiB): load {result.load_ms:.1f} ms "
        f"(target < {TARGET_LOAD_MS:.0f} ms): {verdict(result.ok)}; "
        f"{result.lookups_per_second:,.0f} lookups/s over its {result.methods} methods",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=31)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat))))


if __name__ == "__main__":
    main()
