"""`scopelint kb build|info|diff|update`: the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scopelint.cli.common import EXIT_FINDINGS, format_option, user_errors, warn
from scopelint.common.words import plural
from scopelint.errors import ScopelintError
from scopelint.kb.update import DOCUMENT_URLS


@click.group()
def kb() -> None:
    """Build, inspect, compare and update the knowledge base."""


@kb.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the table (required: the packaged data/table.json is never overwritten "
    "by accident; `make data` passes --out data/table.json).",
)
@click.option("--strict", is_flag=True, help="Fail when a document does not pass OpenAPI validation.")
@click.option("--no-validate", is_flag=True, help="Skip OpenAPI validation (faster).")
@click.option(
    "--allow-network",
    is_flag=True,
    help="Allow SOURCES that are http(s) URLs to be downloaded.",
)
@user_errors
def build(
    sources: tuple[str, ...], out: Path | None, strict: bool, no_validate: bool, allow_network: bool
) -> None:
    """Compile OpenAPI documents (files, or URLs with --allow-network) into a scope table."""
    from scopelint.kb.build import build_table
    from scopelint.kb.table import write_json_atomic

    if out is None:
        # A table built from some documents would replace the one every command reads.
        raise ScopelintError(
            "kb build needs --out FILE (the packaged table is never overwritten without it; "
            "`scopelint kb update` refreshes the table in use from Atlassian's documents)"
        )

    fetch = None
    if allow_network:
        from scopelint.kb.download import fetch_bytes

        fetch = fetch_bytes
    result = build_table(list(sources), strict=strict, validate=not no_validate, fetch=fetch)
    for line in result.warnings:
        warn(line)
    target = out
    write_json_atomic(target, result.table)
    click.echo(
        f"Wrote {target}: {plural(result.operations, 'operation')} from "
        f"{plural(len(sources), 'document')}, {plural(len(result.table['scopes']), 'scope name')}."
    )


@kb.command()
@format_option("text", "json")
@click.option("--table", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Inspect this table instead of the one in use.")
@user_errors
def info(output_format: str, table: Path | None) -> None:
    """List the documents in the table in use, with versions and operation counts."""
    from scopelint.kb.table import load_default, load_table

    kb_ = load_table(table) if table else load_default()
    docs = [
        {
            "key": d.key,
            "title": d.title,
            "product": d.product,
            "version": d.version,
            "operations": d.operations,
            "sha256": d.sha256,
            "validation_errors": d.validation_errors,
        }
        for d in kb_.documents
    ]
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "built": kb_.built,
                    "origin": kb_.origin,
                    "path": str(kb_.path) if kb_.path else None,
                    "operations": len(kb_.operations),
                    "documents": docs,
                },
                indent=2,
            )
        )
        return
    click.echo(f"Table: {kb_.path} ({kb_.origin}), built {kb_.built}, {len(kb_.operations)} operations")
    width = max(len(str(d["key"])) for d in docs) if docs else 10
    for d in docs:
        click.echo(f"  {d['key']:<{width}}  {d['operations']:>4} ops  {d['title']} {d['version']}")


@kb.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@format_option("text", "json")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences.")
@user_errors
def diff(old: Path, new: Path, output_format: str, exit_code: bool) -> None:
    """Compare two OpenAPI documents or compiled tables."""
    from scopelint.kb.diff import diff_tables, diff_to_json, diff_to_text, load_any

    result = diff_tables(load_any(old), load_any(new))
    if output_format == "json":
        click.echo(json.dumps(diff_to_json(result), indent=2))
    else:
        click.echo(diff_to_text(result))
    if exit_code and not result.empty:
        raise SystemExit(EXIT_FINDINGS)


@kb.command()
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Fetch <URL>/<key>.json instead of Atlassian's published URLs (a mirror).",
)
@click.option(
    "--only",
    multiple=True,
    metavar="KEY",
    help="Update only this document (repeatable); the rest of the table in use is kept. "
    f"Keys: {', '.join(DOCUMENT_URLS)}.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds to wait for each download.",
)
@click.option("--no-validate", is_flag=True, help="Skip OpenAPI validation (faster).")
@format_option("text", "json")
@user_errors
def update(
    base_url: str | None, only: tuple[str, ...], timeout: float, no_validate: bool, output_format: str
) -> None:
    """Download Atlassian's current documents and build a newer table in the user cache.

    Prints what changed against the embedded table.  Any failure leaves the table in use as
    it was (exit 2).
    """
    from scopelint.errors import ScopelintError
    from scopelint.kb.diff import diff_to_json, diff_to_text
    from scopelint.kb.update import update_table

    def progress(key: str, url: str) -> None:
        click.echo(f"Downloading {key} from {url}", err=True)

    try:
        result = update_table(
            base_url=base_url,
            only=only,
            timeout=timeout,
            validate=not no_validate,
            progress=progress,
        )
    except ScopelintError as exc:
        raise ScopelintError(f"kb update: {exc}; the table in use is unchanged") from None
    for line in result.warnings:
        warn(line)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "path": str(result.path),
                    "built": result.built,
                    "documents": result.documents,
                    "operations": result.operations,
                    "embedded_built": result.embedded_built,
                    "diff": diff_to_json(result.diff),
                },
                indent=2,
            )
        )
        return
    click.echo(
        f"Wrote {result.path}: {result.operations} operations, built {result.built} "
        f"({plural(len(result.documents), 'document')} downloaded)."
    )
    click.echo(f"Changes against the embedded table (built {result.embedded_built}):")
    click.echo(diff_to_text(result.diff))
