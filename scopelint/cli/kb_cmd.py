"""`scopelint kb build|info|diff|update`: the knowledge base."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import click

from scopelint.cli.common import EXIT_FINDINGS, format_option, user_errors, warn
from scopelint.common.words import plural
from scopelint.errors import ScopelintError
from scopelint.kb.update import DOCUMENT_URLS


def _specs_dir(option: Path | None, needed_by: str) -> Path:
    """--specs-dir, else $SCOPELINT_SPECS_DIR; a one-line error when neither is given or the
    folder they name does not exist (it names both ways to point at Atlassian's documents)."""
    from scopelint.errors import ScopelintError

    how = "--specs-dir DIR or $SCOPELINT_SPECS_DIR set to the folder of Atlassian's OpenAPI documents"
    if option is not None:
        folder, given = option, "--specs-dir"
    else:
        env = os.environ.get("SCOPELINT_SPECS_DIR")
        if not env:
            raise ScopelintError(f"{needed_by} needs {how}")
        folder, given = Path(env), "SCOPELINT_SPECS_DIR"
    if not folder.is_dir():
        raise ScopelintError(f"specs folder {folder} (from {given}) does not exist: give {how}")
    return folder


@click.group()
def kb() -> None:
    """Build, inspect, compare and update the knowledge base."""


@kb.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--sources",
    "build_list",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="A build list (TOML, like data/sources.toml): documents with their older versions, "
    "and curated data. Its document files are read from --specs-dir.",
)
@click.option(
    "--specs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Where the build list's documents are (default: $SCOPELINT_SPECS_DIR).",
)
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
    sources: tuple[str, ...],
    build_list: Path | None,
    specs_dir: Path | None,
    out: Path | None,
    strict: bool,
    no_validate: bool,
    allow_network: bool,
) -> None:
    """Compile OpenAPI documents (files, or URLs with --allow-network) into a scope table.

    With --sources, the documents of a build list, each with the history of the operations
    its older versions had (kept as dropped), plus the curated data the list names.
    """

    from scopelint.kb.build import BuildResult, build_from_list, build_table
    from scopelint.kb.table import write_json_atomic

    if out is None:
        # A table built from some documents would replace the one every command reads.
        raise ScopelintError(
            "kb build needs --out FILE (the packaged table is never overwritten without it; "
            "`scopelint kb update` refreshes the table in use from Atlassian's documents)"
        )

    if build_list is None and not sources:
        raise ScopelintError("kb build needs SOURCES or --sources FILE")
    if build_list is not None and sources:
        raise ScopelintError("kb build takes SOURCES or --sources FILE, not both")
    result: BuildResult
    if build_list is not None:
        from scopelint.kb.sources import load_build_list

        listed = load_build_list(build_list)
        folder = _specs_dir(specs_dir, "--sources")
        result = build_from_list(listed, folder, strict=strict, validate=not no_validate)
        count = len(listed.documents)
    else:
        fetch = None
        if allow_network:
            from scopelint.kb.download import fetch_bytes

            fetch = fetch_bytes
        result = build_table(list(sources), strict=strict, validate=not no_validate, fetch=fetch)
        count = len(sources)
    for line in result.warnings:
        warn(line)
    target = out
    write_json_atomic(target, result.table)
    click.echo(
        f"Wrote {target}: {plural(result.operations, 'operation')} from "
        f"{plural(count, 'document')}, {plural(len(result.table['scopes']), 'scope name')}."
    )


@kb.command()
@format_option("text", "json")
@click.option("--table", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Inspect this table instead of the one in use.")
@user_errors
def info(output_format: str, table: Path | None) -> None:
    """List the documents in the table in use: products, versions, dates, operation counts,
    the older versions and the operations they were the last to have (dropped), and
    scopelint's curated data."""
    from scopelint.kb.table import load_default, load_table

    kb_ = load_table(table) if table else load_default()
    docs = [
        {
            "key": d.key,
            "title": d.title,
            "product": d.product,
            "version": d.version,
            "date": d.date,
            "status": d.status,
            "of": d.of,
            "source": d.source,
            "note": d.note,
            "operations": d.operations,
            "sha256": d.sha256,
            "validation_errors": d.validation_errors,
        }
        for d in kb_.documents
    ]
    counts = {status: 0 for status in ("current", "history", "curated")}
    for document in kb_.documents:
        counts[document.status] += document.operations
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "built": kb_.built,
                    "origin": kb_.origin,
                    "path": str(kb_.path) if kb_.path else None,
                    "operations": len(kb_.operations),
                    "current_operations": counts["current"],
                    "dropped_operations": counts["history"],
                    "curated_operations": counts["curated"],
                    "removals": len(kb_.curated_removals),
                    "documents": docs,
                    "curated": kb_.curated_files,
                },
                indent=2,
            )
        )
        return
    click.echo(f"Table: {kb_.path} ({kb_.origin}), built {kb_.built}, {len(kb_.operations)} operations")
    width = max(len(str(d["key"])) for d in docs) if docs else 10
    product_width = max(len(str(d["product"])) for d in docs) if docs else 10
    sections = (
        ("current", None, "ops"),
        ("history", "Older versions, with the operations the newer ones dropped:", "dropped"),
        ("curated", "Curated by scopelint (endpoints without an OpenAPI document):", "ops"),
    )
    for status, heading, unit in sections:
        rows = [d for d in docs if d["status"] == status]
        if not rows:
            continue
        if heading:
            click.echo(heading)
        for d in rows:
            date = d["date"] or "-"
            line = (
                f"  {d['key']:<{width}}  {d['operations']:>4} {unit:<7}  {d['product']:<{product_width}}"
                f"  {date:<10}  {d['title']} {d['version']}"
            )
            if status == "history":
                line += f" ({d['source']})"
            click.echo(line + (f"; {d['note']}" if d["note"] and status == "history" else ""))
    click.echo(
        f"{counts['current']} current, {counts['history']} dropped, {counts['curated']} curated "
        f"operations; {len(kb_.curated_removals)} curated removals and replacements."
    )


@kb.command()
@click.argument("versions", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--chain",
    default=None,
    metavar="KEY",
    help="Compare the versions of document KEY of a build list (--sources), oldest first.",
)
@click.option(
    "--sources",
    "build_list",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="The build list for --chain (default: the one shipped with scopelint).",
)
@click.option(
    "--specs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Where the build list's documents are (default: $SCOPELINT_SPECS_DIR).",
)
@format_option("text", "json")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences.")
@user_errors
def diff(
    versions: tuple[Path, ...],
    chain: str | None,
    build_list: Path | None,
    specs_dir: Path | None,
    output_format: str,
    exit_code: bool,
) -> None:
    """Compare OpenAPI documents or compiled tables: OLD NEW, or a chain OLDEST ... NEWEST
    (each version against the next), or --chain KEY for a document of the build list."""
    from scopelint.errors import ScopelintError
    from scopelint.kb.diff import diff_chain, diff_to_json, diff_to_text, load_any

    paths = list(versions)
    if chain is not None:
        from scopelint.kb.sources import default_build_list, load_build_list

        if paths:
            raise ScopelintError("kb diff takes versions or --chain KEY, not both")
        listed = load_build_list(build_list) if build_list else default_build_list()
        doc = listed.document(chain)
        if doc is None:
            known = ", ".join(d.key for d in listed.documents if d.history)
            raise ScopelintError(f"no document {chain!r} in {listed.path} (with older versions: {known})")
        folder = _specs_dir(specs_dir, "--chain")
        paths = [folder / version.file for version in doc.chain]
    if len(paths) < 2:
        raise ScopelintError("kb diff needs two versions or more (OLD NEW ...), or --chain KEY")
    steps = diff_chain([load_any(path) for path in paths])
    labelled = list(zip(itertools.pairwise(paths), steps, strict=True))
    if output_format == "json":
        if len(steps) == 1:
            click.echo(json.dumps(diff_to_json(steps[0]), indent=2))
        else:
            data = [{"old": str(a), "new": str(b), **diff_to_json(step)} for (a, b), step in labelled]
            click.echo(json.dumps(data, indent=2))
    elif len(steps) == 1:
        click.echo(diff_to_text(steps[0]))
    else:
        click.echo("\n\n".join(f"== {a} -> {b}\n{diff_to_text(step)}" for (a, b), step in labelled))
    if exit_code and any(not step.empty for step in steps):
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
