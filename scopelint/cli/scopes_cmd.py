"""`scopelint scopes METHOD URL`: which scopes one call needs."""

from __future__ import annotations

import json

import click

from scopelint.cli.common import EXIT_FINDINGS, fail, format_option, safe_line, user_errors
from scopelint.model import HTTP_METHODS


@click.command()
@click.argument("method")
@click.argument("url")
@format_option("text", "json")
@user_errors
def scopes(method: str, url: str, output_format: str) -> None:
    """Show the operation METHOD URL calls and each scope alternative it accepts.

    URL may be a path, a site URL, a gateway URL, a Bitbucket URL, or a templated path
    ({key}, ${key}, :key, <key>, %s).  An operation Atlassian removed or dropped from its
    document is shown with its last documented scopes, what happened, and its replacement.
    """
    from scopelint.kb.describe import operation_to_json, operation_to_text
    from scopelint.kb.table import load_default
    from scopelint.kb.unknown import unknown_endpoint

    verb = method.upper()
    if verb not in HTTP_METHODS:
        fail(f"unknown HTTP method {method!r} (expected one of {', '.join(HTTP_METHODS)})")
    kb = load_default()
    resolution = kb.resolve(verb, url)
    op = resolution.operation
    if op is None:
        unknown = unknown_endpoint(kb, resolution)
        message, nearest = unknown.message, list(unknown.nearest)
        removal = kb.removal(verb, resolution.path)
        if removal is not None:  # removed, and in no document the table has
            from scopelint.kb.describe import retired_line

            message = retired_line(removal, kb.replacement(removal))
            nearest = []
        if output_format == "json":
            click.echo(json.dumps({
                "error": safe_line(message),
                "nearest": [f"{o.method} {o.path}" for o in nearest],
            }, indent=2))
        else:
            click.echo(f"scopelint: {safe_line(message)}", err=True)
            if nearest:
                click.echo("Nearest known operations:", err=True)
                for other in nearest:
                    click.echo(f"  {other.method} {other.path}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    removal = kb.removal(op.method, op.path)
    facts = (removal, kb.replacement(removal) if removal else None, kb.note(op.method, op.path))
    if output_format == "json":
        click.echo(json.dumps(operation_to_json(op, *facts), indent=2))
    else:
        click.echo(operation_to_text(op, *facts))
