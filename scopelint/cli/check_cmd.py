"""`scopelint check`: lint files for calls that will fail with a scoped token.

The options follow ruff's where ruff has one (--select/--ignore with ALL, --fix,
--unsafe-fixes, --diff, --show-fixes, --statistics, --output-format, --exit-zero,
--exit-non-zero-on-fix, --force-exclude, --isolated, --stdin-filename, -q/-s/-v, --color).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

import click

from scopelint.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    configuration_options,
    fail,
    recording_excludes,
    recording_options,
    recordings_of,
    refuse_isolated_with_config,
    user_errors,
    warn,
)
from scopelint.reporting import (  # the reporter registry decides the --format choices
    FORMATS,
    PLAIN_TEXT_FORMATS,
)

STDIN = "-"


class CheckArgs:
    """The options of one `scopelint check` invocation, as click parsed them (a plain class:
    a dataclass of this size costs milliseconds to create on every hook run)."""

    paths: tuple[Path, ...]
    output_format: str
    output: Path | None
    sarif_output: Path | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    exclude: tuple[str, ...]
    force_exclude: bool
    isolated: bool
    scopes: str | None
    config: Path | None
    fix: bool
    prefer: str | None
    unsafe_fixes: bool
    show_diff: bool
    show_fixes: bool
    exit_non_zero_on_fix: bool
    add_suppressions: bool
    since: str | None
    baseline: Path | None
    write_baseline: Path | None
    statistics: bool
    exit_zero: bool
    colour: str
    verbose: bool
    quiet: bool
    silent: bool
    stdin_filename: str | None
    jobs: int
    no_cache: bool
    har_files: tuple[str, ...]
    log_files: tuple[str, ...]

    def __init__(self, params: dict[str, Any]) -> None:
        missing = set(self.__annotations__) - set(params)
        if missing:
            raise TypeError(f"check: options missing: {sorted(missing)}")
        self.__dict__.update(params)


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


def _complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for --select/--ignore: every rule's code and name, and ALL."""
    from click.shell_completion import CompletionItem

    from scopelint.rules.selection import ALL, registry

    words = [ALL] + [word for code, name in registry() for word in (code, name)]
    return [CompletionItem(word) for word in words if word.lower().startswith(incomplete.lower())]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "--output-format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, envvar="SCOPELINT_OUTPUT_FORMAT", show_envvar=True,
              help="Output format (grouped: findings under a heading per file, as ruff's).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the report to FILE instead of standard output (missing folders are "
              "created; the file is replaced atomically).")
@click.option("--sarif-output", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Also write a SARIF report to FILE (as semgrep's option), whatever --format prints: "
              "annotations in a CI log and a file for code scanning from one run.")
@click.option("--select", multiple=True, shell_complete=_complete_rules,
              help="Only these rules: codes, code prefixes, rule names or ALL (comma-separated).")
@click.option("--ignore", multiple=True, shell_complete=_complete_rules,
              help="Skip these rules: codes, code prefixes or rule names (comma-separated).")
@click.option("--exclude", multiple=True, help="Skip paths matching these gitignore-style globs.")
@click.option("--force-exclude", is_flag=True,
              help="Skip excluded paths even when they are named on the command line (for "
              "pre-commit, which names every staged file); otherwise they are checked, with a warning.")
@configuration_options
@click.option("--scopes", "scopes", default=None,
              help="Declared scopes (comma-separated); override every declaration found.")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes (add missing scopes, remove unused suppressions).")
@click.option("--prefer", type=click.Choice(["granular", "classic"]), default=None,
              help="With --fix: the scopes to add: granular (least privilege, the default for a "
                   "Forge manifest without scopes) or classic.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff: also the unsafe fixes (remove unused scopes, rewrite site "
              "URLs to the gateway). Alone it is an error.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what --fix would change as a unified diff and write nothing (on stderr "
              "when stdout holds a machine-readable report).")
@click.option("--show-fixes", is_flag=True,
              help="List the fixes applied (with --fix), that would be (--diff), or that are "
              "available, after the report.")
@click.option("--exit-non-zero-on-fix", is_flag=True,
              help="With --fix: exit 1 when a file was changed, even if no finding is left.")
@click.option("--add-suppressions", is_flag=True,
              help="Add a `scopelint: ignore[CODE]` comment for each finding, in each file's comment "
              "syntax (like ruff's --add-noqa); files without comments (JSON) are skipped with a note.")
@click.option("--since", default=None,
              help="Only report findings on lines changed since this git revision (needs that history: "
              "fetch-depth: 0 in actions/checkout).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Do not report findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Record the current findings in this baseline file, say how many, exit 0 (the "
              "report goes only to --output).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings (text or json).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--color", "colour", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the text and grouped output; auto: only on a terminal, off with NO_COLOR, "
              "on with FORCE_COLOR.")
@click.option("--verbose", "-v", is_flag=True,
              help="Also say which configuration and table were used, cache hits, files and time.")
@click.option("--quiet", "-q", is_flag=True, help="Print the report only: no warnings or notes.")
@click.option("--silent", "-s", is_flag=True,
              help="Print nothing (exit codes still say 0 clean, 1 findings; tool errors still print).")
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="Read the file to check from standard input (PATHS '-', or none) and check it as "
              "if it were PATH: its kind, its governing declaration and per-path settings follow.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: auto).")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the result cache of per-file scans (also "
              "SCOPELINT_NO_CACHE=1; `scopelint clean` removes it).")
@recording_options("--har", "--log")
@user_errors
def check(**params: Any) -> None:
    """Lint PATHS (default: . unless --har/--log is given) for Atlassian REST calls that will
    fail with a scoped token; --har and --log lint recorded traffic too (findings located in
    the recording, SL010 for requests refused for lack of scope).

    Exit codes: 0 clean, 1 findings, 2 tool error.
    """
    args = CheckArgs(params)
    _refuse_conflicts(args)
    from scopelint.check.run import CheckRequest, run

    recordings = recordings_of(args.har_files, args.log_files)
    more_findings = []
    if recordings:
        from scopelint.observe.check import recordings_hook

        more_findings.append(recordings_hook(recordings))
    paths = [p for p in args.paths if str(p) != STDIN]
    stdin = _stdin(args) if args.stdin_filename is not None or len(paths) < len(args.paths) else None
    if not paths and not recordings and stdin is None:
        paths = [Path(".")]
    if args.verbose and not args.silent:
        from scopelint.cli.check_output import configuration_facts, verbose

        verbose(configuration_facts(args.config, args.isolated, Path.cwd()))
    colour = _colour(args)
    request = CheckRequest(
        paths=paths,
        cwd=Path.cwd(),
        output_format=args.output_format,
        select=_codes("--select", args.select) if args.select else None,
        ignore=_codes("--ignore", args.ignore),
        exclude=_split(args.exclude) + recording_excludes(recordings),
        scopes=_split((args.scopes,)) if args.scopes is not None else None,
        config=args.config,
        fix=args.fix or (args.show_diff and not args.add_suppressions),  # --diff: what --fix would do
        unsafe_fixes=args.unsafe_fixes,
        diff=args.show_diff,
        since=args.since,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        jobs=args.jobs,
        cache=not args.no_cache,
        more_findings=more_findings,
        add_suppressions=args.add_suppressions,
        force_exclude=args.force_exclude,
        isolated=args.isolated,
        stdin=stdin,
        colour=colour,
        prefer="classic" if args.prefer == "classic" else "granular" if args.prefer else None,
    )
    import time

    from scopelint.cli.progress import ProgressLine, wanted

    progress = ProgressLine() if wanted(args.output_format, args.quiet or args.silent) else None
    request.progress = progress
    started = time.perf_counter()
    try:
        outcome = run(request)
    finally:
        if progress is not None:
            progress.close()
    _print(args, outcome, recordings=bool(recordings), seconds=time.perf_counter() - started, colour=colour)


def _refuse_conflicts(args: CheckArgs) -> None:
    refuse_isolated_with_config(args.isolated, args.config)
    if args.unsafe_fixes and not (args.fix or args.show_diff):
        fail("--unsafe-fixes only widens --fix or --diff; add one of them")
    if args.add_suppressions and (args.fix or args.write_baseline is not None):
        fail("--add-suppressions cannot be combined with " + ("--fix" if args.fix else "--write-baseline"))
    if args.exit_non_zero_on_fix and not args.fix:
        fail("--exit-non-zero-on-fix only changes --fix; add it")
    if args.statistics and args.output_format not in ("text", "grouped", "json"):
        fail(f"--statistics prints text or json, not {args.output_format}")
    reads_stdin = args.stdin_filename is not None or any(str(p) == STDIN for p in args.paths)
    if reads_stdin and (args.fix or args.show_diff or args.add_suppressions):
        fail("standard input is checked, never changed: --fix, --diff and --add-suppressions need "
             "a file on disk")
    if args.stdin_filename is not None and any(str(p) != STDIN for p in args.paths):
        fail("--stdin-filename checks standard input only; give no other PATHS (or '-')")


def _stdin(args: CheckArgs) -> tuple[str, bytes]:
    name = args.stdin_filename if args.stdin_filename is not None else STDIN
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    return name, stream.read() if stream is not None else sys.stdin.read().encode("utf-8")


def _colour(args: CheckArgs) -> bool:
    if args.output_format not in PLAIN_TEXT_FORMATS or args.statistics:
        return False
    return use_colour(args.colour, to_file=args.output is not None and args.colour != "always")


def use_colour(choice: str, to_file: bool, stream: object = None) -> bool:
    """Whether to paint: ``--color always|never`` decides; with ``auto`` (the default)
    ``NO_COLOR`` turns colour off, ``FORCE_COLOR`` on, and otherwise only a terminal (not a
    file, a pipe or a dumb terminal) gets colour.  See no-color.org and force-color.org."""
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _print(args: CheckArgs, outcome: Any, *, recordings: bool, seconds: float, colour: bool) -> None:
    from scopelint.check.run import CheckOutcome

    assert isinstance(outcome, CheckOutcome)
    result = outcome.result
    talk = not (args.quiet or args.silent)
    if talk:
        for line in result.warnings:
            warn(line)
        if not result.files_scanned and not result.skipped and not recordings:
            warn("no files to check under the given paths")
    if outcome.diff_text and not args.silent:
        # stdout holds a machine-readable report unless it goes to a file: the diff then
        # goes to stderr, so `--format sarif --diff` still prints valid SARIF
        to_stderr = args.output is None and args.output_format not in PLAIN_TEXT_FORMATS
        click.echo(outcome.diff_text, nl=False, err=to_stderr)
    if (outcome.scopes_added or outcome.entries_added) and talk:
        from scopelint.cli.fix_notes import notes

        for line in notes(outcome.scopes_added, Path.cwd(), outcome.entries_added):
            click.echo(f"scopelint: {line}" if line.startswith("note:") else line, err=True)
    if outcome.added is not None:
        from scopelint.cli.check_output import report_added

        if not args.silent:
            report_added(outcome.added, args.show_diff, args.quiet)
        sys.exit(EXIT_CLEAN)
    report = outcome.report
    if args.statistics:
        from scopelint.cli.check_output import statistics
        from scopelint.rules import rule_infos

        report = statistics(result, rule_infos(), args.output_format)
    if args.output is not None:
        from scopelint.cli.check_output import write_report

        write_report(args.output, report)
    if args.sarif_output is not None:
        from scopelint.cli.check_output import write_sarif

        write_sarif(args.sarif_output, result)
    if outcome.baseline_written is not None:  # the baseline is this run's product, not a report
        from scopelint.common.words import plural

        if not args.silent:
            written = plural(outcome.baseline_written, "entry", "entries")
            click.echo(f"Wrote {written} to {args.write_baseline}.")
        sys.exit(EXIT_CLEAN)
    if args.output is None and report and not args.silent:
        click.echo(report, color=colour or None)
    if args.show_fixes and not args.silent:
        from scopelint.cli.check_output import show_fixes

        listing = show_fixes(result, outcome.fixes_applied, result.fix_mode, args.unsafe_fixes)
        click.echo(listing, err=args.output is None and args.output_format not in PLAIN_TEXT_FORMATS)
    if args.verbose and not args.silent:
        from scopelint.cli.check_output import run_facts, verbose

        verbose(run_facts(result, seconds, args.jobs))
    changed = args.exit_non_zero_on_fix and result.fix_mode == "fix" and result.fixed > 0
    failed = bool(result.findings) and not args.exit_zero
    sys.exit(EXIT_FINDINGS if failed or changed else EXIT_CLEAN)
