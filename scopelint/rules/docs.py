"""The rule pages: ``docs/rules.md``, ``scopelint rule CODE`` (text and JSON), one layout.

Each rule page has ruff's sections: what it does, why is this bad, an example and what to use
instead (the rule's ``bad/`` and ``good/`` fixture trees, baked into ``rules/examples.json``),
fix safety, options and references.

``python -m scopelint.rules.docs`` prints the Markdown page; ``--write`` (what ``make docs``
runs) first bakes the examples from ``tests/rules/fixtures`` into the package, then writes
``docs/rules.md``. A broken fixture is a one-line error (exit 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scopelint.rules.base import RuleInfo
from scopelint.rules.examples import ExampleFile, RuleExamples

HEADER = """# scopelint rules

Generated from the rules' metadata and their fixture trees (`tests/rules/fixtures`) by
`make docs`; do not edit by hand. Every example below is a file scopelint checks in its tests.
Each rule has a code and a name; use either with `--select`, `--ignore`, `scopelint rule`, and
`# scopelint: ignore[CODE]` comments.

| Code | Name | Default severity | Fix | Summary |
| --- | --- | --- | --- | --- |
"""

OPTION_KINDS = {"config": "configuration", "flag": "flag of `scopelint check`"}


def _fence(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text``."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def _files_markdown(files: Sequence[ExampleFile]) -> list[str]:
    parts: list[str] = []
    for example in files:
        fence = _fence(example.text)
        parts.append(f"`{example.path}`:\n\n{fence}{example.language}\n{example.text.rstrip()}\n{fence}\n")
    return parts


def _options_lines(info: RuleInfo) -> list[str]:
    if not info.options:
        return ["None."]
    return [f"- `{o.name}` ({OPTION_KINDS[o.kind]}): {o.description}" for o in info.options]


def render_rule_markdown(info: RuleInfo, examples: RuleExamples | None) -> str:
    """One rule's section of ``docs/rules.md`` (an ``## CODE name`` heading, then the sections)."""
    parts = [
        f"## {info.code} {info.name}\n",
        f"{info.summary}\n",
        f"Default severity: {info.severity.value}. {info.fix_summary}\n",
        f"### What it does\n\n{info.what_it_does}\n",
        f"### Why is this bad?\n\n{info.explanation}\n",
    ]
    if examples is not None:
        parts.append("### Example\n")
        parts.extend(_files_markdown(examples.bad))
        parts.append("Use instead:\n")
        parts.extend(_files_markdown(examples.good))
    parts.append(f"### Fix safety\n\n{info.fix_summary} {info.fix_notes}\n")
    parts.append("### Options\n\n" + "\n".join(_options_lines(info)) + "\n")
    if info.references:
        parts.append(
            "### References\n\n"
            + "\n".join(f"- [{ref.title}]({ref.url})" for ref in info.references)
            + "\n"
        )
    return "\n".join(parts)


def render_rules_markdown(
    infos: Sequence[RuleInfo] | None = None, examples: Mapping[str, RuleExamples] | None = None
) -> str:
    """The whole ``docs/rules.md``: an index table, then one section per rule, in code order.

    Defaults: every registered rule, and the examples baked into the package.
    """
    from scopelint.rules import all_rules
    from scopelint.rules.examples import load_examples

    rules = list(infos) if infos is not None else [rule.info for rule in all_rules()]
    found = examples if examples is not None else load_examples()
    parts = [HEADER]
    parts.extend(
        f"| [{i.code}](#{i.code.lower()}-{i.name}) | {i.name} | {i.severity.value} | "
        f"{i.fix.value} | {i.summary} |\n"
        for i in rules
    )
    for info in rules:
        parts.append("\n" + render_rule_markdown(info, found.get(info.code)))
    return "".join(parts)


# --------------------------------------------------------------------------- scopelint rule


def _indented(example: str) -> str:
    """An example as a literal block: four spaces before each line, none on blank lines."""
    return "\n".join("    " + line if line.strip() else "" for line in example.splitlines())


def render_rule_text(info: RuleInfo) -> str:
    """``scopelint rule CODE`` as text: the same sections as the docs, examples indented."""
    lines = [
        f"{info.code} {info.name} ({info.severity.value})",
        "",
        info.summary,
        "",
        info.fix_summary,
        "",
        "What it does:",
        info.what_it_does,
        "",
        "Why is this bad?",
        info.explanation,
    ]
    if info.bad_example:
        lines += ["", "Example:", _indented(info.bad_example)]
    if info.good_example:
        lines += ["", "Use instead:", _indented(info.good_example)]
    lines += ["", "Fix safety:", f"{info.fix_summary} {info.fix_notes}", "", "Options:"]
    lines += [f"  {o.name} ({OPTION_KINDS[o.kind]}): {o.description}" for o in info.options] or [
        "  None."
    ]
    if info.references:
        lines += ["", "References:"]
        lines += [f"  {ref.title}: {ref.url}" for ref in info.references]
    lines += ["", f"More: {info.help_uri}"]
    return "\n".join(lines)


def rule_as_json(info: RuleInfo, examples: RuleExamples | None) -> dict[str, Any]:
    """``scopelint rule CODE --format json``: every field of the rule page, examples per file."""

    def files(found: Sequence[ExampleFile]) -> list[dict[str, str]]:
        return [{"path": f.path, "language": f.language, "text": f.text} for f in found]

    return {
        "code": info.code,
        "name": info.name,
        "severity": info.severity.value,
        "summary": info.summary,
        "what_it_does": info.what_it_does,
        "explanation": info.explanation,
        "fix": {
            "availability": info.fix.value,
            "safety": info.fix_safety.value if info.fix_safety else None,
            "notes": info.fix_notes,
        },
        "options": [{"name": o.name, "kind": o.kind, "description": o.description}
                    for o in info.options],
        "references": [{"title": r.title, "url": r.url} for r in info.references],
        "examples": {
            "bad": files(examples.bad) if examples else [],
            "good": files(examples.good) if examples else [],
        },
        "help_uri": info.help_uri,
    }


# --------------------------------------------------------------------------- make docs


def write_docs(fixtures: Path, docs: Path, examples: Path | None = None) -> None:
    """Bake ``fixtures`` into ``examples`` (default: the package's ``rules/examples.json``) and
    write the Markdown page to ``docs``.

    Both texts are built before anything is written, and each file is replaced atomically.
    Raises :class:`~scopelint.rules.fixtures.FixtureError` (nothing written) on a broken fixture.
    """
    from scopelint.common.atomic import write_atomic
    from scopelint.rules.examples import baked_path, parse_baked
    from scopelint.rules.fixtures import bake

    baked = bake(fixtures)
    page = render_rules_markdown(examples=parse_baked(baked))
    write_atomic(examples or baked_path(), baked, make_parents=True)
    write_atomic(docs, page, make_parents=True)


def main(argv: Sequence[str] | None = None) -> int:
    from scopelint.rules.fixtures import FixtureError

    parser = argparse.ArgumentParser(prog="python -m scopelint.rules.docs", description=__doc__)
    parser.add_argument("--write", action="store_true",
                        help="bake the fixtures' examples and write the docs page (make docs)")
    parser.add_argument("--fixtures", type=Path, default=Path("tests/rules/fixtures"))
    parser.add_argument("--docs", type=Path, default=Path("docs/rules.md"))
    args = parser.parse_args(argv)
    if not args.write:
        sys.stdout.write(render_rules_markdown())
        return 0
    if not args.fixtures.is_dir():
        print(f"scopelint: error: {args.fixtures}: no such folder of rule fixtures", file=sys.stderr)
        return 2
    try:
        write_docs(args.fixtures, args.docs)
    except (FixtureError, OSError) as exc:
        print(f"scopelint: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
