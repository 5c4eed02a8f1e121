"""Run the benchmarks (`make bench`) and print each figure against its target.

    python bench/run_all.py [--quick] [--only hook,tree,router,kb,har,sdk,line,languages]

``--quick`` runs fewer repetitions (a smoke test, not figures to quote).  When ``rg`` is
missing and this runs as root on a machine with apt, ripgrep is installed first
(``--no-install`` turns that off); otherwise only the ripgrep comparison is skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import time

import har_memory
import hook_latency
import kb_table
import languages
import large_tree
import long_line
import router
import sdk_tables
from _common import WORK

ALL = ("hook", "tree", "router", "kb", "har", "sdk", "line", "languages")


def ensure_ripgrep() -> None:
    if shutil.which("rg") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    if shutil.which("apt-get") is None:
        return
    print("ripgrep (rg) is missing; installing it with apt-get (running as root) ...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")

    def apt(*args: str) -> int:
        return subprocess.run(["apt-get", *args], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode

    if apt("install", "-y", "ripgrep") != 0:
        apt("update")
        apt("install", "-y", "ripgrep")
    if shutil.which("rg") is None:
        print("could not install ripgrep; the comparison will be skipped", flush=True)


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, " \
        f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated subset of " + ",".join(ALL))
    parser.add_argument("--no-install", action="store_true", help="never install ripgrep")
    args = parser.parse_args()
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(ALL))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    WORK.mkdir(parents=True, exist_ok=True)
    if "tree" in wanted and not args.no_install:
        ensure_ripgrep()
    print(f"scopelint benchmarks on {machine()}", flush=True)
    started = time.perf_counter()
    sections: list[list[str]] = []
    if "hook" in wanted:
        sections.append(hook_latency.report(hook_latency.measure(repeat=7 if args.quick else 31)))
        print("\n".join(sections[-1]), flush=True)
    if "tree" in wanted:
        sections.append(large_tree.report(large_tree.measure(repeat=1 if args.quick else 5)))
        print("\n".join(sections[-1]), flush=True)
    if "router" in wanted:
        sections.append(router.report(router.measure(rounds=3 if args.quick else 9)))
        print("\n".join(sections[-1]), flush=True)
    if "kb" in wanted:
        sections.append(kb_table.report(kb_table.measure(repeat=9 if args.quick else 31,
                                                         build=not args.quick)))
        print("\n".join(sections[-1]), flush=True)
    if "har" in wanted:
        sections.append(har_memory.report(har_memory.measure(repeat=1 if args.quick else 3)))
        print("\n".join(sections[-1]), flush=True)
    if "sdk" in wanted:
        sections.append(sdk_tables.report(sdk_tables.measure(repeat=9 if args.quick else 31)))
        print("\n".join(sections[-1]), flush=True)
    if "line" in wanted:
        sections.append(long_line.report(long_line.measure(repeat=1 if args.quick else 3)))
        print("\n".join(sections[-1]), flush=True)
    if "languages" in wanted:
        sections.append(languages.report(languages.measure(files=50 if args.quick else 200,
                                                           repeat=1 if args.quick else 3)))
        print("\n".join(sections[-1]), flush=True)
    print(f"(all benchmarks: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
