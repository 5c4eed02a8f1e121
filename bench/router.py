"""Benchmark 3, router: resolutions per second of concrete URLs against the whole table.

The URLs are what code really holds: every operation's template filled with concrete values,
written as a bare path, a site URL, a gateway URL (or a Bitbucket URL), some with a query
string, plus a share of URLs no operation matches.  One core, one process.  Target: at least
200,000 resolutions per second.

The knowledge base is loaded and the router built before timing starts (a `check` run pays
that once; benchmark 4 measures it).  The figure is the fastest of several rounds over the
whole list, as ``timeit`` reports (the round least disturbed by other work); the median is
printed next to it.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from dataclasses import dataclass

TARGET_PER_SECOND = 200_000
_PARAM = re.compile(r"\{[^{}/]+\}")
_VALUES = ("PPT-28", "10001", "5b10ac8d82e05b22cc7d4ef5", "abc", "2024-01-01", "my-space")


@dataclass(frozen=True, slots=True)
class RouterResult:
    urls: int
    per_second: float  # the fastest round, as timeit reports: the least disturbed by other work
    median_per_second: float
    matched_share: float

    @property
    def ok(self) -> bool:
        return self.per_second >= TARGET_PER_SECOND


def concrete_urls(seed: int = 7) -> list[tuple[str | None, str]]:
    from scopelint.kb.table import load_default

    rng = random.Random(seed)
    urls: list[tuple[str | None, str]] = []
    for op in load_default().operations:
        path = _PARAM.sub(lambda _: rng.choice(_VALUES), op.path)
        if op.product == "bitbucket":
            forms = [path, f"https://api.bitbucket.org{path}"]
        else:
            segment = "confluence" if op.product == "confluence" else "jira"
            forms = [
                path,
                f"https://acme.atlassian.net{path}",
                f"https://api.atlassian.com/ex/{segment}/11111111-2222-3333-4444-555555555555{path}",
            ]
        url = rng.choice(forms)
        if rng.random() < 0.2:
            url += "?expand=names&maxResults=50"
        urls.append((op.method if rng.random() < 0.9 else None, url))
    # One in ten: an endpoint nobody documents under a known prefix.
    for index in range(len(urls) // 10):
        urls.append(("GET", f"/rest/api/3/no-such-thing/{index}/x"))
    rng.shuffle(urls)
    return urls


def measure(rounds: int = 7) -> RouterResult:
    from scopelint.kb.table import load_default

    kb = load_default()
    urls = concrete_urls()
    resolve = kb.resolve
    matched = sum(1 for method, url in urls if resolve(method, url).operation is not None)
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for method, url in urls:
            resolve(method, url)
        rates.append(len(urls) / (time.perf_counter() - start))
    return RouterResult(len(urls), max(rates), statistics.median(rates), matched / len(urls))


def report(result: RouterResult) -> list[str]:
    from _common import verdict

    return [
        "3. Router (concrete URLs resolved against the whole table, one core)",
        f"   {result.urls} URLs ({result.matched_share:.0%} match an operation): "
        f"{result.per_second:,.0f} resolutions/s, fastest round "
        f"(median {result.median_per_second:,.0f}) (target >= {TARGET_PER_SECOND:,}): {verdict(result.ok)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print("\n".join(report(measure(args.rounds))))


if __name__ == "__main__":
    main()
