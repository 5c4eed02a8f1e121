"""`scopelint suggest`: the scopes a token needs for the endpoints it will call."""

from __future__ import annotations

from pathlib import Path

import click

from scopelint.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    configuration_options,
    fail,
    format_option,
    recording_options,
    recordings_of,
    refuse_isolated_with_config,
    user_errors,
    warn,
)
from scopelint.suggest.formats import FORMATS
from scopelint.suggest.selection import PREFERENCES


@click.command()
@click.option(
    "--endpoints",
    "endpoint_values",
    multiple=True,
    metavar="'METHOD URL'",
    help="An endpoint (repeatable; a value may hold several, separated by commas or new lines). "
    "A URL without a method means GET.",
)
@click.option(
    "--endpoints-file",
    "endpoint_files",
    multiple=True,
    metavar="FILE",
    help="A file with one METHOD URL a line ('#' comments); '-' reads standard input.",
)
@click.option(
    "--from",
    "code_paths",
    multiple=True,
    metavar="PATH",
    help="A file or folder whose REST calls (as `scopelint calls` finds them) are endpoints "
    "(repeatable). Files are found as `scopelint check` finds them: the configuration's "
    "exclude applies.",
)
@click.option("--exclude", multiple=True,
              help="With --from: skip paths matching these gitignore-style globs (comma-separated).")
@configuration_options
@click.option(
    "--prefer",
    type=click.Choice(PREFERENCES, case_sensitive=False),
    default="granular",
    show_default=True,
    help="granular: least privilege; classic: broad, few scopes; "
    "fewest: the smallest total set of scopes.",
)
@click.option("--allow-unknown", is_flag=True, help="Exit 0 even when some endpoints are unknown.")
@click.option(
    "--offline-access", is_flag=True, help="With --format oauth: add offline_access (refresh tokens)."
)
@recording_options("--from-har", "--from-log")
@format_option(*FORMATS)
@user_errors
def suggest(
    endpoint_values: tuple[str, ...],
    endpoint_files: tuple[str, ...],
    code_paths: tuple[str, ...],
    exclude: tuple[str, ...],
    isolated: bool,
    config: Path | None,
    prefer: str,
    allow_unknown: bool,
    offline_access: bool,
    output_format: str,
    har_files: tuple[str, ...],
    log_files: tuple[str, ...],
) -> None:
    """Pick the scopes a token needs to call some endpoints, and say why each one is there.

    \b
    Examples:
      scopelint suggest --endpoints "GET /rest/api/3/issue/PPT-28"
      scopelint suggest --endpoints-file calls.txt --prefer fewest --format manifest
      scopelint suggest --from src/ --format oauth --offline-access
      scopelint suggest --from-har session.har --format checklist

    Exit code 1 when an endpoint is unknown (unless --allow-unknown), 2 on bad input.
    """
    from scopelint.common.redact import scrub
    from scopelint.suggest.endpoints import (
        from_code,
        merge_duplicates,
        parse_text,
        read_endpoints_file,
    )
    from scopelint.suggest.engine import suggest as build_suggestion
    from scopelint.suggest.formats import attention_warnings, render

    refuse_isolated_with_config(isolated, config)
    globs = [part.strip() for value in exclude for part in value.split(",") if part.strip()]
    chosen: Path | bool = False if isolated else config if config is not None else True
    items = []
    for value in endpoint_values:
        items.extend(parse_text(value))
    for name in endpoint_files:
        items.extend(parse_text(read_endpoints_file(name)))
    if code_paths:
        items.extend(from_code(code_paths, exclude=globs, config=chosen))
    recordings = recordings_of(har_files, log_files)
    if recordings:
        from scopelint.observe.suggest import endpoints_from_recordings

        recorded, warnings = endpoints_from_recordings(recordings)
        for line in warnings:
            warn(line)
        items.extend(recorded)
    if not endpoint_values and not endpoint_files and not code_paths and not recordings:
        fail("no endpoints: give --endpoints, --endpoints-file, --from, --from-har or --from-log")
    items = merge_duplicates(items)
    output_format = output_format.lower()
    choice = next(p for p in PREFERENCES if p == prefer.lower())
    forge = None
    if code_paths and output_format == "manifest":  # the whole permissions: block of a Forge app
        from scopelint.suggest.forge import forge_permissions

        forge = forge_permissions(code_paths, choice, exclude=globs, config=chosen)
    if not items and not forge:
        fail("no endpoints found in the input")
    result = build_suggestion(items, choice)
    # endpoints come from code and users: a URL may hold a pasted token
    click.echo(scrub(render(result, output_format, offline_access=offline_access, forge=forge)))
    if output_format in ("oauth", "manifest"):  # formats with no room for these: say it on stderr
        for line in attention_warnings(result):
            warn(line)
    raise SystemExit(EXIT_FINDINGS if result.unknown and not allow_unknown else EXIT_CLEAN)
