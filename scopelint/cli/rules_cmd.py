"""`scopelint rules` and `scopelint rule CODE`: the rule documentation."""

from __future__ import annotations

import json

import click

from scopelint.cli.common import fail, format_option


@click.command()
@format_option("text", "json")
def rules(output_format: str) -> None:
    """List the lint rules."""
    from scopelint.rules import all_rules

    infos = [rule.info for rule in all_rules()]
    if output_format == "json":
        click.echo(json.dumps([
            {"code": i.code, "name": i.name, "severity": i.severity.value, "summary": i.summary,
             "help_uri": i.help_uri}
            for i in infos
        ], indent=2))
        return
    for info in infos:
        click.echo(f"{info.code}  {info.name:<22} {info.severity.value:<8} {info.summary}")


@click.command()
@click.argument("code")
def rule(code: str) -> None:
    """Explain one rule (by code, e.g. SL002, or name, e.g. missing-scopes), with examples."""
    from scopelint.rules import rule_by_code_or_name

    found = rule_by_code_or_name(code)
    if found is None:
        fail(f"unknown rule {code!r} (see `scopelint rules`)")
        return
    info = found.info
    click.echo(f"{info.code} {info.name} ({info.severity.value})\n")
    click.echo(f"{info.summary}\n")
    click.echo(f"{info.explanation}\n")
    click.echo("Bad:\n" + _indented(info.bad_example) + "\n")
    click.echo("Good:\n" + _indented(info.good_example))
    click.echo(f"\nMore: {info.help_uri}")


def _indented(example: str) -> str:
    """An example as a literal block: four spaces before each line, none on blank lines."""
    return "\n".join("    " + line if line.strip() else "" for line in example.splitlines())
