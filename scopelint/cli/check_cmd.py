"""`scopelint check`: lint files for calls that will fail with a scoped token."""

from __future__ import annotations

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
from scopelint.reporting import (  # the reporter registry decides the --format choices
    FORMATS,
    PLAIN_TEXT_FORMATS,
)


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.replace("\n", ",").split(",") if part.strip())
    return out


def _codes(option: str, values: tuple[str, ...]) -> list[str]:
    """The code prefixes of --select/--ignore values (codes, prefixes, rule names, ALL);
    a value that names no rule is a tool error (exit 2)."""
    if not values:
        return []
    from scopelint.errors import ScopelintError
    from scopelint.rules.selection import resolve_all

    try:
        return list(resolve_all(_split(values), option))
    except ScopelintError as exc:
        fail(str(exc))
        raise  # (fail exits)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the report to FILE instead of standard output (missing folders are "
              "created; the file is replaced atomically).")
@click.option("--select", multiple=True,
              help="Only these rules: codes, code prefixes, rule names or ALL (comma-separated).")
@click.option("--ignore", multiple=True,
              help="Skip these rules: codes, code prefixes or rule names (comma-separated).")
@click.option("--exclude", multiple=True, help="Skip paths matching these gitignore-style globs.")
@click.option("--force-exclude", is_flag=True,
              help="Skip excluded paths even when they are named on the command line (for "
              "pre-commit, which names every staged file); otherwise they are checked, with a warning.")
@click.option("--isolated", is_flag=True,
              help="Read no configuration file: default settings (the scopes a .scopelint.* file "
              "declares still count, as a manifest's do).")
@click.option("--scopes", "scopes", default=None,
              help="Declared scopes (comma-separated); override every declaration found.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this configuration file instead of looking for one.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (add missing scopes to declarations).")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff: also the unsafe fixes (remove unused scopes, rewrite site "
              "URLs to the gateway). Alone it is an error.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what --fix would change as a unified diff and write nothing (on stderr "
              "when stdout holds a machine-readable report).")
@click.option("--add-suppressions", is_flag=True,
              help="Add a `scopelint: ignore[CODE]` comment for each finding, in each file's comment "
              "syntax (like ruff's --add-noqa); files without comments (JSON) are skipped with a note.")
@click.option("--since", default=None, help="Only report findings on lines changed since this git revision.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Do not report findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Record the current findings in this baseline file, say how many, exit 0 (the "
              "report goes only to --output).")
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
    force_exclude: bool,
    isolated: bool,
    scopes: str | None,
    config: Path | None,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    add_suppressions: bool,
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

    if isolated and config is not None:
        fail("--isolated reads no configuration file; it cannot be combined with --config")
    if unsafe_fixes and not (fix or show_diff):
        fail("--unsafe-fixes only widens --fix or --diff; add one of them")
    if add_suppressions and (fix or write_baseline is not None):
        fail("--add-suppressions cannot be combined with " + ("--fix" if fix else "--write-baseline"))
    recordings = recordings_of(har_files, log_files)
    more_findings = []
    if recordings:
        from scopelint.observe.check import recordings_hook

        more_findings.append(recordings_hook(recordings))
    request = CheckRequest(
        paths=list(paths) or ([] if recordings else [Path(".")]),
        cwd=Path.cwd(),
        output_format=output_format,
        select=_codes("--select", select) if select else None,
        ignore=_codes("--ignore", ignore),
        exclude=_split(exclude) + recording_excludes(recordings),
        scopes=_split((scopes,)) if scopes is not None else None,
        config=config,
        fix=fix or (show_diff and not add_suppressions),  # --diff: what --fix would change
        unsafe_fixes=unsafe_fixes,
        diff=show_diff,
        since=since,
        baseline=baseline,
        write_baseline=write_baseline,
        jobs=jobs,
        more_findings=more_findings,
        add_suppressions=add_suppressions,
        force_exclude=force_exclude,
        isolated=isolated,
    )
    outcome = run(request)
    if not quiet:
        for line in outcome.result.warnings:
            warn(line)
        if not outcome.result.files_scanned and not recordings:
            warn("no files to check under the given paths")
    if outcome.diff_text:
        # stdout holds a machine-readable report unless it goes to a file: the diff then
        # goes to stderr, so `--format sarif --diff` still prints valid SARIF
        to_stderr = output is None and output_format not in PLAIN_TEXT_FORMATS
        click.echo(outcome.diff_text, nl=False, err=to_stderr)
    if outcome.scopes_added and not quiet:
        from scopelint.cli.fix_notes import notes

        for line in notes(outcome.scopes_added, Path.cwd()):
            click.echo(f"scopelint: {line}" if line.startswith("note:") else line, err=True)
    if outcome.added is not None:
        _report_added(outcome.added, show_diff, quiet)
        sys.exit(EXIT_CLEAN)
    if output is not None:
        _write_report(output, outcome.report)
    if outcome.baseline_written is not None:  # the baseline is this run's product, not a report
        from scopelint.common.words import plural

        click.echo(f"Wrote {plural(outcome.baseline_written, 'entry', 'entries')} to {write_baseline}.")
        sys.exit(EXIT_CLEAN)
    if output is None and outcome.report:
        click.echo(outcome.report)
    sys.exit(EXIT_CLEAN if exit_zero or not outcome.result.findings else EXIT_FINDINGS)


def _report_added(added: object, show_diff: bool, quiet: bool) -> None:
    from scopelint.common.words import plural
    from scopelint.fixing.suppressions import AddOutcome

    assert isinstance(added, AddOutcome)
    if not quiet:
        for note in added.notes:
            warn(note)
    verb = "Would add" if show_diff else "Added"
    comments = plural(added.comments, "suppression comment")
    click.echo(
        f"{verb} {comments} ({plural(added.findings, 'finding')}) to {plural(len(added.files), 'file')}."
    )


def _write_report(output: Path, report: str) -> None:
    """Write the report atomically, creating missing folders as ruff does; any failure is one
    line and exit 2 (an old report at ``output`` is left as it was)."""
    from scopelint.common.atomic import write_atomic

    try:
        if output.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        for parent in output.parents:
            if parent.exists() or parent.is_symlink():
                if not parent.is_dir():
                    raise NotADirectoryError(20, f"{parent} is not a folder")
                break
        write_atomic(output, report + "\n", make_parents=True)
    except OSError as exc:
        fail(f"cannot write the report to {output}: {exc.strerror or exc}")
