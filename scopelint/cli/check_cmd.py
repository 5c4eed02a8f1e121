"""`scopelint check`: lint files for calls that will fail with a scoped token."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from scopelint.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    fail,
    recording_excludes,
    recording_options,
    recordings_of,
    user_errors,
    warn,
)
from scopelint.reporting import FORMATS  # the reporter registry decides the --format choices

_RULE_CODE = re.compile(r"^SL\d{0,3}$")  # as the configuration schema allows: SL002 or a prefix


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.replace("\n", ",").split(",") if part.strip())
    return out


def _codes(option: str, values: tuple[str, ...]) -> list[str]:
    """Rule codes or prefixes from --select/--ignore; anything else is a tool error (exit 2)."""
    codes = [value.upper() for value in _split(values)]
    for code in codes:
        if not _RULE_CODE.match(code):
            fail(f"{option}: {code!r} is not a rule code (SL followed by three digits, e.g. SL002, "
                 "or a prefix such as SL00)")
    return codes


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to a file instead of standard output.")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--exclude", multiple=True, help="Skip paths matching these gitignore-style globs.")
@click.option("--scopes", "scopes", default=None,
              help="Declared scopes (comma-separated); override every declaration found.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this configuration file instead of looking for one.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (add missing scopes to declarations).")
@click.option("--prefer", type=click.Choice(["granular", "classic"]), default=None,
              help="With --fix: the scopes to add: granular (least privilege, the default for a "
                   "Forge manifest without scopes) or classic.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix: also remove unused scopes and rewrite site URLs.")
@click.option("--diff", "show_diff", is_flag=True, help="With --fix: print the diff, write nothing.")
@click.option("--since", default=None, help="Only report findings on lines changed since this git revision.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Do not report findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Record the current findings in this baseline file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print warnings about skipped files.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: auto).")
@recording_options("--har", "--log")
@user_errors
def check(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    scopes: str | None,
    config: Path | None,
    fix: bool,
    prefer: str | None,
    unsafe_fixes: bool,
    show_diff: bool,
    since: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    exit_zero: bool,
    quiet: bool,
    jobs: int,
    har_files: tuple[str, ...],
    log_files: tuple[str, ...],
) -> None:
    """Lint PATHS (default: . unless --har/--log is given) for Atlassian REST calls that will
    fail with a scoped token; --har and --log lint recorded traffic too (findings located in
    the recording, SL010 for requests refused for lack of scope)."""
    from scopelint.check.run import CheckRequest, run

    recordings = recordings_of(har_files, log_files)
    more_findings = []
    if recordings:
        from scopelint.observe.check import recordings_hook

        more_findings.append(recordings_hook(recordings))
    request = CheckRequest(
        paths=list(paths) or ([] if recordings else [Path(".")]),
        cwd=Path.cwd(),
        output_format=output_format,
        select=_codes("--select", select) or None,
        ignore=_codes("--ignore", ignore),
        exclude=_split(exclude) + recording_excludes(recordings),
        scopes=_split((scopes,)) if scopes is not None else None,
        config=config,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=show_diff,
        since=since,
        baseline=baseline,
        write_baseline=write_baseline,
        jobs=jobs,
        more_findings=more_findings,
        prefer="classic" if prefer == "classic" else "granular" if prefer else None,
    )
    outcome = run(request)
    if not quiet:
        for line in outcome.result.warnings:
            warn(line)
    if outcome.diff_text:
        click.echo(outcome.diff_text, nl=False)
    if output is not None:
        from scopelint.common.atomic import write_atomic

        write_atomic(output, outcome.report + "\n", make_parents=True)
    elif outcome.report:
        click.echo(outcome.report)
    sys.exit(EXIT_CLEAN if exit_zero or not outcome.result.findings else EXIT_FINDINGS)
