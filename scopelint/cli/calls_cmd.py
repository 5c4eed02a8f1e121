"""`scopelint calls`: the inventory of Atlassian REST call sites, for audits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from scopelint.cli.common import (
    configuration_options,
    format_option,
    recording_options,
    recordings_of,
    refuse_isolated_with_config,
    safe_line,
    user_errors,
    warn,
)
from scopelint.common.redact import scrub
from scopelint.common.words import plural


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option("text", "json")
@click.option("--exclude", multiple=True,
              help="Skip paths matching these gitignore-style globs (comma-separated).")
@click.option("--include-bases", is_flag=True, help="Also list API base URLs (config values, constants).")
@click.option("--quiet", "-q", is_flag=True, help="Do not print warnings about skipped files.")
@configuration_options
@recording_options("--har", "--log")
@user_errors
def calls(
    paths: tuple[Path, ...],
    output_format: str,
    exclude: tuple[str, ...],
    include_bases: bool,
    quiet: bool,
    isolated: bool,
    config: Path | None,
    har_files: tuple[str, ...],
    log_files: tuple[str, ...],
) -> None:
    """List every Atlassian REST call site found in PATHS (default: .), or every request to
    an Atlassian API in recorded traffic (--har, --log), per operation, with the statuses
    seen, the failures explained, and the scopes that would have covered them.

    Files are found as `scopelint check` finds them: the configuration's exclude applies
    (--isolated reads none; --config names one)."""
    refuse_isolated_with_config(isolated, config)
    recordings = recordings_of(har_files, log_files)
    where = CodeScope(exclude, isolated, config)
    if recordings:
        from scopelint.cli.calls_recorded import calls_recorded

        calls_recorded(recordings, list(paths), output_format, where, include_bases, quiet)
        return
    click.echo(code_calls(list(paths) or [Path(".")], output_format, where, include_bases, quiet))


@dataclass(frozen=True, slots=True)
class CodeScope:
    """Which files a listing reads: ``--exclude`` globs and the configuration options."""

    exclude: tuple[str, ...] = ()
    isolated: bool = False
    config: Path | None = None


def code_calls(
    paths: list[Path], output_format: str, where: CodeScope, include_bases: bool, quiet: bool,
    as_data: bool = False,
) -> Any:
    """The call sites in ``paths``: the report's text, or (``as_data``) the JSON rows."""
    from scopelint.check.declarations import govern
    from scopelint.check.engine import Governor, LintOptions, resolve_calls, scan_project
    from scopelint.kb.sdk import public_path
    from scopelint.kb.table import load_default
    from scopelint.rules.activity import is_unresolved_call

    globs = [part.strip() for value in where.exclude for part in value.split(",") if part.strip()]
    options = LintOptions(paths=paths, cwd=Path.cwd(), exclude=globs, config=where.config,
                          isolated=where.isolated)
    outcome = scan_project(options)
    if not quiet:
        for line in outcome.warnings:
            warn(line)
    kb = load_default()
    governor = Governor(govern(outcome.declarations, options.cwd), options.cwd)
    rows: list[dict[str, Any]] = []
    for resolved in resolve_calls(kb, outcome.calls, governor):
        call, resolution = resolved.call, resolved.resolution
        declaration = resolved.declaration
        if call.kind != "call" and not include_bases:
            continue
        op = resolution.operation
        removal = kb.removal(op.method, op.path) if op else None
        rows.append(
            {
                "path": call.location.path,
                "line": call.location.line,
                "column": call.location.column,
                "method": call.method,
                # an SDK call's URL shows the operation's parameter names, not the SDK table's
                "url": call.url if call.sdk is None else public_path(call.url, op.path if op else None),
                "endpoint": op.path if op else None,
                "product": resolution.product,
                "operation_id": op.operation_id if op else None,
                "kind": call.kind,
                # "removed" (by Atlassian, with a date), "dropped" (from its document), or null
                "retired": None if removal is None else ("removed" if removal.removed_on else "dropped"),
                # where parts of the URL are written elsewhere (a base URL in another module)
                "related": [{"path": r.path, "line": r.line, "column": r.column} for r in call.related],
                # the declaration that governs the call (the nearest above it; an OAuth 2.0
                # app's declarations govern its whole app), or null
                "declaration": None if declaration is None else {
                    "path": declaration.location.path,
                    "line": declaration.location.line,
                    "kind": declaration.described_kind,
                },
                # the client or SDK method the request goes through ("jira.JIRA.issue"), or null
                "via": call.via,
                # false: scopelint could not tell which operation this call is (part of the URL
                # could not be read, no OpenAPI document has its method and path, or it is an
                # SDK call the SDK's table has no request for; then "endpoint" is null); null
                # for a base URL
                "resolved": not is_unresolved_call(resolved) if call.kind == "call" else None,
                # through an Atlassian SDK: {"name", "version", "table", "assumed"}, else null
                "sdk": call.sdk.as_json() if call.sdk is not None else None,
                # why the SDK sends this request by itself (its constructor, on the way), or null
                "implicit": call.sdk.implicit if call.sdk is not None else None,
                # an unresolved SDK call: why the table has no request for it, else null
                "reason": call.sdk.reason if call.sdk is not None else None,
            }
        )
        if call.unresolved:
            rows[-1]["unresolved"] = call.unresolved
    rows.sort(key=lambda r: (r["path"], r["line"], r["column"]))
    if as_data:
        return rows
    if output_format == "json":
        return scrub(json.dumps(rows, indent=2))  # a URL may hold ?token=ATATT...
    lines = []
    for row in rows:
        endpoint = f"{row['method'] or '?'} {row['endpoint']}" if row["endpoint"] else "(unresolved)"
        if row["kind"] == "base-url":
            endpoint = "(API base URL)"
        if row["retired"]:
            endpoint += f" ({row['retired']})"
        if row.get("unresolved"):
            endpoint += f" [partially resolved: {row['unresolved']}]"
        at = f"{row['path']}:{row['line']}:{row['column']}"
        line = f"{at}: {row['method'] or '?'} {row['url']}  -> {endpoint}"
        if row["sdk"] is not None:
            line += "  " + _sdk_note(row)
        lines.append(safe_line(line))
    known = sum(1 for row in rows if row["resolved"] is True)
    unknown = sum(1 for row in rows if row["resolved"] is False)
    # the files the listed call sites are in, then how many were read (as check's summary)
    with_calls = len({row["path"] for row in rows})
    skipped = f"; {plural(len(outcome.skipped), 'file')} skipped" if outcome.skipped else ""
    lines.append(f"{plural(len(rows), 'call site')} in {plural(with_calls, 'file')}, "
                 f"{outcome.checked} scanned ({known} resolved, {unknown} unresolved){skipped}.")
    return "\n".join(lines)


def _sdk_note(row: dict[str, Any]) -> str:
    """``[via jira.JIRA.search_issues, jira 3.8.0; sent by the SDK on the way]``."""
    sdk = row["sdk"]
    version = f"{sdk['name']} {sdk['version']}" + (" assumed" if sdk["assumed"] else "")
    parts = [f"via {row['via']}, {version}"]
    if row["implicit"]:
        parts.append(row["implicit"])
    if row["reason"]:
        parts.append(f"unresolved SDK call: {row['reason']}")
    return "[" + "; ".join(parts) + "]"
