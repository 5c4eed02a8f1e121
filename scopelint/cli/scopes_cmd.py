"""`scopelint scopes METHOD URL`: which scopes one call needs."""

from __future__ import annotations

import json
from typing import Any

import click

from scopelint.cli.common import EXIT_FINDINGS, fail, format_option, safe_line, user_errors
from scopelint.model import HTTP_METHODS, Operation, Resolution


@click.command()
@click.argument("words", nargs=-1, required=True, metavar="[METHOD] URL")
@format_option("text", "json")
@user_errors
def scopes(words: tuple[str, ...], output_format: str) -> None:
    """Show the operation METHOD URL calls and each scope alternative it accepts; without
    METHOD, every operation of that path (GET, PUT, DELETE, ...).

    URL may be a path, a site URL, a gateway URL, a Bitbucket URL, or a templated path
    ({key}, ${key}, :key, <key>, %s).  A site URL (https://SITE.atlassian.net/...) also gets the
    gateway URL that scoped API tokens and OAuth 2.0 must call instead.  An operation Atlassian
    removed or dropped from its document is shown with its last documented scopes, what
    happened, and its replacement.
    """
    from scopelint.kb.describe import operation_to_json, operation_to_text
    from scopelint.kb.table import load_default
    from scopelint.kb.unknown import unknown_endpoint

    if len(words) > 2:
        fail(f"scopes takes [METHOD] URL, got {len(words)} words (quote a URL with spaces)")
    method, url = (words[0], words[1]) if len(words) == 2 else (None, words[0])
    verb = method.upper() if method is not None else None
    if verb is not None and verb not in HTTP_METHODS:
        fail(f"unknown HTTP method {method!r} (expected one of {', '.join(HTTP_METHODS)})")
    if verb is None and url.upper() in HTTP_METHODS:
        fail(f"scopes {url}: give the URL too (scopes METHOD URL, or scopes URL for every method)")
    kb = load_default()
    resolution = kb.resolve(verb, url)
    gateway = _gateway_hint(resolution)
    operations = [resolution.operation] if resolution.operation is not None else []
    if verb is None:
        operations = list(resolution.candidates) or operations
    if not operations:
        unknown = unknown_endpoint(kb, resolution)
        message, nearest = unknown.message, list(unknown.nearest)
        removal = kb.removal(verb, resolution.path) if verb is not None else None
        if removal is not None:  # removed, and in no document the table has
            from scopelint.kb.describe import retired_line

            message = retired_line(removal, kb.replacement(removal))
            nearest = []
        if output_format == "json":
            error: dict[str, object] = {
                "error": safe_line(message),
                "nearest": [f"{o.method} {o.path}" for o in nearest],
            }
            if gateway:
                error["gateway_url"] = _gateway_url(resolution)
            click.echo(json.dumps(error, indent=2))
        else:
            click.echo(f"scopelint: {safe_line(message)}", err=True)
            if nearest:
                click.echo("Nearest known operations:", err=True)
                for other in nearest:
                    click.echo(f"  {other.method} {other.path}", err=True)
            if gateway:
                click.echo(f"scopelint: note: {safe_line(gateway)}", err=True)
        raise SystemExit(EXIT_FINDINGS)

    def facts(op: Operation) -> tuple[Any, Any, Any]:
        removal = kb.removal(op.method, op.path)
        return removal, kb.replacement(removal) if removal else None, kb.note(op.method, op.path)

    if output_format == "json":
        rows = []
        for op in operations:
            row = operation_to_json(op, *facts(op))
            if gateway:
                row["gateway_url"] = _gateway_url(resolution)
            rows.append(row)
        click.echo(json.dumps(rows[0] if verb is not None else rows, indent=2))
        return
    click.echo("\n\n".join(operation_to_text(op, *facts(op)) for op in operations))
    if gateway:
        click.echo(safe_line(gateway[:1].upper() + gateway[1:]))


def _gateway_url(resolution: Resolution) -> str | None:
    """The gateway form of a site URL, with any credential in it redacted (a token pasted into
    the URL must not come back in full)."""
    from scopelint.common.redact import scrub
    from scopelint.kb.hosts import gateway_url

    if resolution.host_kind != "site":
        return None
    found = gateway_url(resolution.url, resolution.product)
    return scrub(found) if found is not None else None


def _gateway_hint(resolution: Resolution) -> str:
    """For a site URL: the gateway URL scoped tokens must call instead (with how to get the
    cloudId), or why there is none."""
    if resolution.host_kind != "site":
        return ""
    gateway = _gateway_url(resolution)
    host = resolution.host or "SITE.atlassian.net"
    if gateway is None:
        return f"scoped API tokens and OAuth 2.0 cannot call {host}: they need api.atlassian.com"
    return (
        f"scoped API tokens and OAuth 2.0 cannot call {host}: call the gateway, {gateway} "
        f"(cloudId: `scopelint cloud-id {host}`)"
    )
