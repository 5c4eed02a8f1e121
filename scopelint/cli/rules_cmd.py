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
             "fix": i.fix.value, "fix_safety": i.fix_safety.value if i.fix_safety else None,
             "help_uri": i.help_uri}
            for i in infos
        ], indent=2))
        return
    name_width = max((len(info.name) for info in infos), default=0)
    severity_width = max((len(info.severity.value) for info in infos), default=0)
    for info in infos:
        click.echo(
            f"{info.code}  {info.name:<{name_width}}  {info.severity.value:<{severity_width}}  {info.summary}"
        )


@click.command()
@click.argument("code")
@format_option("text", "json")
def rule(code: str, output_format: str) -> None:
    """Explain one rule (by code, e.g. SL002, or name, e.g. missing-scopes): what it does, why,
    an example and what to use instead, fix safety, options and references."""
    from scopelint.rules import rule_by_code_or_name
    from scopelint.rules.docs import render_rule_text, rule_as_json
    from scopelint.rules.examples import load_examples

    found = rule_by_code_or_name(code)
    if found is None:
        fail(f"unknown rule {code!r} (see `scopelint rules`)")
        return
    info = found.info
    if output_format == "json":
        click.echo(json.dumps(rule_as_json(info, load_examples().get(info.code)), indent=2))
        return
    click.echo(render_rule_text(info))
