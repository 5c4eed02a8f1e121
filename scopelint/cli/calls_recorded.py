"""`scopelint calls --har/--log`: the recorded traffic's inventory (see scopelint.observe.report)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from scopelint.cli.common import safe_line, warn

if TYPE_CHECKING:
    from scopelint.cli.calls_cmd import CodeScope


def calls_recorded(
    recordings: list[Any],
    paths: list[Path],
    output_format: str,
    where: CodeScope,
    include_bases: bool,
    quiet: bool,
) -> None:
    """Print the recorded traffic (and, when PATHS are given too, their call sites first)."""
    from scopelint.cli.calls_cmd import code_calls
    from scopelint.cli.common import recording_excludes
    from scopelint.common.redact import scrub
    from scopelint.kb.table import load_default
    from scopelint.observe.explaining import covering_suggestion
    from scopelint.observe.report import render_text, to_json_data
    from scopelint.observe.session import read_traffic

    where = replace(where, exclude=(*where.exclude, *recording_excludes(recordings)))
    kb = load_default()
    traffic = read_traffic(recordings, kb, Path.cwd())
    if not quiet:
        for line in traffic.warnings:
            warn(line)
    suggestion = covering_suggestion(traffic, kb)
    output_format = output_format.lower()
    if output_format == "json":
        data = to_json_data(traffic, suggestion)
        if paths:
            data = {"call_sites": code_calls(paths, output_format, where, include_bases, quiet,
                                             as_data=True), **data}
        click.echo(scrub(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    if paths:
        click.echo(code_calls(paths, output_format, where, include_bases, quiet))
        click.echo("")
    for line in render_text(traffic, suggestion).splitlines():
        click.echo(safe_line(line))
