"""Benchmark 7, long lines: free-text URL extraction on one line holding many URLs.

Generated data files and minified bundles put thousands of URLs on one line.  The time per
URL must not grow with the number of URLs on the line: the figure is the time per URL on a
line of 4,000 URLs divided by the time per URL on a line of 500 (baseline, same run).
Target: at most 2x (a quadratic scan gives about 8x).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

TARGET_RATIO = 2.0
SITE = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"


@dataclass(frozen=True, slots=True)
class LongLineResult:
    small: int
    large: int
    small_per_url: float  # seconds
    large_per_url: float

    @property
    def ratio(self) -> float:
        return self.large_per_url / self.small_per_url

    @property
    def ok(self) -> bool:
        return self.ratio <= TARGET_RATIO


def _per_url(count: int, repeat: int) -> float:
    from scopelint.scanning.formats.text import extract_urls
    from scopelint.scanning.source import SourceFile

    line = " ".join(f"{'POST' if n % 2 else 'GET'} {SITE}/rest/api/3/issue/P-{n}" for n in range(count))
    source = SourceFile.from_text(f'jobs = "{line}"\n', "jobs.cfg")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        found = extract_urls(source)
        best = min(best, time.perf_counter() - start)
    assert len(found) == count
    return best / count


def measure(repeat: int = 3, small: int = 500, large: int = 4000) -> LongLineResult:
    _per_url(50, 1)  # imports and tables loaded before timing
    return LongLineResult(small, large, _per_url(small, repeat), _per_url(large, repeat))


def report(result: LongLineResult) -> list[str]:
    from _common import verdict

    return [
        "7. Long lines (URLs in free text, many on one line)",
        f"   {result.small_per_url * 1e6:.0f} µs/URL with {result.small} URLs on the line, "
        f"{result.large_per_url * 1e6:.0f} µs/URL with {result.large}: "
        f"{result.ratio:.2f}x (target <= {TARGET_RATIO:.0f}x): {verdict(result.ok)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(report(measure(args.repeat))))


if __name__ == "__main__":
    main()
