"""The work of `scopelint check` once its options are parsed, without importing click.

:mod:`scopelint.cli.check_cmd` parses the options with click; :mod:`scopelint.cli.fast`
parses the simple option sets a pre-commit hook passes without it.  Both hand the same
:class:`CheckArgs` to :func:`run_check`, whose defaults come from one table,
:data:`DEFAULTS`, that the click options use too (a test keeps them equal).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

from scopelint.cli.output import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    echo,
    fail,
    recording_excludes,
    recordings_of,
    refuse_isolated_with_config,
    warn,
)
from scopelint.reporting import PLAIN_TEXT_FORMATS

STDIN = "-"
COLOURS = ("auto", "always", "never")  # --color
FORMAT_ENV = "SCOPELINT_OUTPUT_FORMAT"  # --format when not given

# Every option of `scopelint check` (the click parameter's name) with its value when not
# given: the click options take their defaults from here, and so does scopelint.cli.fast.
DEFAULTS: dict[str, Any] = {
    "paths": (), "output_format": "text", "output": None, "sarif_output": None, "select": (),
    "ignore": (), "exclude": (), "force_exclude": False, "config": None, "isolated": False,
    "scopes": None, "fix": False, "prefer": None, "unsafe_fixes": False, "show_diff": False,
    "show_fixes": False, "exit_non_zero_on_fix": False, "add_suppressions": False, "since": None,
    "baseline": None, "write_baseline": None, "statistics": False, "exit_zero": False,
    "colour": "auto", "verbose": False, "quiet": False, "silent": False, "stdin_filename": None,
    "jobs": 0, "no_cache": False, "har_files": (), "log_files": (),
}


class CheckArgs:
    """The options of one `scopelint check` invocation, as click (or scopelint.cli.fast)
    parsed them (a plain class: a dataclass of this size costs milliseconds to create on every
    hook run)."""

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


def run_check(args: CheckArgs) -> None:
    """Lint ``args.paths`` and print the report; exits (``sys.exit``) 0 clean, 1 findings,
    2 tool error (the caller turns ScopelintError into that: :func:`~scopelint.cli.output.user_errors`)."""
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
        echo(outcome.diff_text, nl=False, err=to_stderr)
    if (outcome.scopes_added or outcome.entries_added) and talk:
        from scopelint.cli.fix_notes import notes

        for line in notes(outcome.scopes_added, Path.cwd(), outcome.entries_added):
            echo(f"scopelint: {line}" if line.startswith("note:") else line, err=True)
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
            echo(f"Wrote {written} to {args.write_baseline}.")
        sys.exit(EXIT_CLEAN)
    if args.output is None and report and not args.silent:
        echo(report, color=colour or None)
    if args.show_fixes and not args.silent:
        from scopelint.cli.check_output import show_fixes

        listing = show_fixes(result, outcome.fixes_applied, result.fix_mode, args.unsafe_fixes)
        echo(listing, err=args.output is None and args.output_format not in PLAIN_TEXT_FORMATS)
    if args.verbose and not args.silent:
        from scopelint.cli.check_output import run_facts, verbose

        verbose(run_facts(result, seconds, args.jobs))
    changed = args.exit_non_zero_on_fix and result.fix_mode == "fix" and result.fixed > 0
    failed = bool(result.findings) and not args.exit_zero
    sys.exit(EXIT_FINDINGS if failed or changed else EXIT_CLEAN)
