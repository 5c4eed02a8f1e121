"""Render the rule documentation page (docs/rules.md) from the rules' own metadata."""

from __future__ import annotations

from scopelint.rules import all_rules

HEADER = """# scopelint rules

Generated from the rules' metadata by `make docs`; do not edit by hand.
Each rule has a code and a name; use either with `--select`, `--ignore`, `scopelint rule`, and
`# scopelint: ignore[CODE]` comments.

| Code | Name | Default severity | Summary |
| --- | --- | --- | --- |
"""


def render_rules_markdown() -> str:
    rules = [rule.info for rule in all_rules()]
    parts = [HEADER]
    parts.extend(
        f"| [{i.code}](#{i.code.lower()}-{i.name}) | {i.name} | {i.severity.value} | {i.summary} |\n"
        for i in rules
    )
    for info in rules:
        parts.append(
            f"\n## {info.code} {info.name}\n\n"
            f"{info.summary}\n\n"
            f"{info.explanation}\n\n"
            f"Default severity: {info.severity.value}.\n\n"
            f"Bad:\n\n```\n{info.bad_example}\n```\n\n"
            f"Good:\n\n```\n{info.good_example}\n```\n"
        )
    return "".join(parts)


if __name__ == "__main__":
    print(render_rules_markdown(), end="")
