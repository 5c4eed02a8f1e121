"""Benchmark 8, languages: the CPU the Go, Java, Kotlin and PHP scanners spend per file.

On 200 generated files per language (`gen_languages.py`, a few hundred lines each, one in
three calling Atlassian), in this process: tree-sitter's parse alone (the baseline, the same
run), the model the front-end builds from the tree (``FrontEnd.build``), and the whole scan
(``extract``: prefilter, parse, model, recognition).  The ratio printed is scan / parse; the
build figure is what the query walk of issue #19 changed.  No target: a figure to compare
across commits (run it with another checkout's interpreter to compare, e.g.
``../main/.venv/bin/python bench/languages.py``).

    python bench/languages.py [--files 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gen_languages import OUT, generate

GRAMMARS = {"go": "go", "java": "java", "kotlin": "kotlin", "php": "php"}


@dataclass(frozen=True, slots=True)
class LanguageResult:
    language: str
    files: int
    lines: int
    parse: float  # CPU seconds, best of the repeats, all files
    build: float
    scan: float

    @property
    def ratio(self) -> float:
        return self.scan / self.parse


def _front_end(language: str) -> Any:
    if language == "go":
        from scopelint.scanning.languages.go.frontend import GoFrontEnd
        return GoFrontEnd
    if language == "java":
        from scopelint.scanning.languages.jvm.java import JavaFrontEnd
        return JavaFrontEnd
    if language == "kotlin":
        from scopelint.scanning.languages.jvm.kotlin import KotlinFrontEnd
        return KotlinFrontEnd
    from scopelint.scanning.languages.php.frontend import PhpFrontEnd
    return PhpFrontEnd


def _extract(language: str) -> Callable[[Any], Any]:
    if language == "go":
        from scopelint.scanning.languages.go.extractor import extract
        return extract
    if language in ("java", "kotlin"):
        from scopelint.scanning.languages.jvm.extractor import extract as jvm
        return jvm
    from scopelint.scanning.languages.php.extractor import extract as php
    return php


def _best(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def measure_language(language: str, paths: list[Path], repeat: int) -> LanguageResult:
    from scopelint.scanning.core import treesitter
    from scopelint.scanning.source import SourceFile

    extract = _extract(language)  # registers the grammar
    front_end = _front_end(language)
    grammar = GRAMMARS[language]
    texts = [(path.read_text(), path.name) for path in paths]
    datas = [text.encode() for text, _ in texts]
    sources = [SourceFile.from_text(text, name) for text, name in texts]
    trees = [treesitter.parse(grammar, data) for data in datas]  # warm: grammar, query
    for data, tree in zip(datas, trees, strict=True):
        front_end(data).build(tree.root_node)
    parse = _best(repeat, lambda: [treesitter.parse(grammar, data) for data in datas])
    build = _best(repeat, lambda: [front_end(data).build(tree.root_node)
                                   for data, tree in zip(datas, trees, strict=True)])
    scan = _best(repeat, lambda: [extract(source) for source in sources])
    lines = sum(text.count("\n") for text, _ in texts)
    return LanguageResult(language, len(paths), lines, parse, build, scan)


def measure(files: int = 200, repeat: int = 3) -> list[LanguageResult]:
    written = generate(OUT, files)
    return [measure_language(language, paths, repeat) for language, paths in written.items()]


def report(results: list[LanguageResult]) -> list[str]:
    import scopelint

    where = Path(scopelint.__file__).parent.parent
    lines = [f"languages: CPU per language on generated files (best of the repeats), {where}",
             f"  {'language':<8} {'files':>5} {'lines':>7} {'parse':>8} {'build':>8} "
             f"{'scan':>8}  scan/parse"]
    for result in results:
        lines.append(f"  {result.language:<8} {result.files:>5} {result.lines:>7} "
                     f"{result.parse:>7.2f}s {result.build:>7.2f}s {result.scan:>7.2f}s  "
                     f"{result.ratio:.2f}x")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200, help="files per language")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(report(measure(args.files, args.repeat))))


if __name__ == "__main__":
    main()
