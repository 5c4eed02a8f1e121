"""Benchmark 4, knowledge base: loading the compiled table, and building it from the documents.

* Load: ``load_table(data/table.json)`` in a warm process (modules imported, file in the page
  cache), median of many loads; also the first resolution after a load, which pays for
  whatever the load left for later.  Target: loading under 15 ms.
* Build: ``scopelint kb build --sources data/sources.toml`` (every document of the build list,
  with its older versions, from ``../shared/specs`` or ``$SCOPELINT_SPECS_DIR``) into a scratch
  file, as ``make data`` does; no target, the figure is for the record.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, WORK, interleaved, scopelint_command, verdict

TARGET_LOAD_MS = 15.0
BUILD_LIST = REPO / "data" / "sources.toml"


@dataclass(frozen=True, slots=True)
class KbResult:
    load_ms: float
    load_and_resolve_ms: float
    all_operations_ms: float
    operations: int
    build_s: float | None  # None: the documents are not on this machine
    build_note: str

    @property
    def ok(self) -> bool:
        return self.load_ms < TARGET_LOAD_MS


def specs_dir() -> Path:
    env = os.environ.get("SCOPELINT_SPECS_DIR")
    return Path(env) if env else REPO.parent / "shared" / "specs"


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure_load(repeat: int = 31) -> tuple[float, float, float, int]:
    from scopelint.kb.table import data_dir, load_table

    path = data_dir() / "table.json"
    load_table(path)  # imports and page cache
    loads, firsts, everything = [], [], []
    operations = 0
    for _ in range(repeat):
        start = time.perf_counter()
        kb = load_table(path)
        loaded = time.perf_counter()
        kb.resolve("GET", "https://acme.atlassian.net/rest/api/3/issue/PPT-28")
        resolved = time.perf_counter()
        operations = len(kb.operations)
        listed = time.perf_counter()
        loads.append(loaded - start)
        firsts.append(resolved - start)
        everything.append(listed - resolved)
    return _median_ms(loads), _median_ms(firsts), _median_ms(everything), operations


def measure_build(repeat: int = 3) -> tuple[float | None, str]:
    from scopelint.kb.sources import load_build_list

    folder = specs_dir()
    listed = load_build_list(BUILD_LIST)
    documents = [folder / version.file for doc in listed.documents for version in doc.chain]
    missing = [d.name for d in documents if not d.is_file()]
    if missing:
        return None, f"skipped: {', '.join(missing)} not in {folder} (set SCOPELINT_SPECS_DIR)"
    out = WORK / "kb-build" / "table.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        *scopelint_command(), "kb", "build", "--out", str(out),
        "--sources", str(BUILD_LIST), "--specs-dir", str(folder),
    ]
    result = interleaved({"build": command}, repeat=repeat, warmup=0)["build"]
    size = sum(d.stat().st_size for d in documents) / 2**20
    return result.wall, f"{len(documents)} documents, {size:.0f} MiB"


def measure(repeat: int = 31, build: bool = True) -> KbResult:
    load_ms, first_ms, all_ms, operations = measure_load(repeat)
    build_s, note = measure_build() if build else (None, "skipped (--no-build)")
    return KbResult(load_ms, first_ms, all_ms, operations, build_s, note)


def report(result: KbResult) -> list[str]:
    build = f"{result.build_s:.2f} s ({result.build_note})" if result.build_s is not None \
        else result.build_note
    return [
        "4. Knowledge base",
        f"   load data/table.json: {result.load_ms:.2f} ms (target < {TARGET_LOAD_MS:.0f} ms): "
        f"{verdict(result.ok)}",
        f"   load + first resolution: {result.load_and_resolve_ms:.2f} ms; "
        f"then all {result.operations} operations: {result.all_operations_ms:.2f} ms",
        f"   kb build from the documents: {build}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=31)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat, build=not args.no_build))))


if __name__ == "__main__":
    main()
