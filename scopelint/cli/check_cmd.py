"""`scopelint check`: lint files for calls that will fail with a scoped token.

The options follow ruff's where ruff has one (--select/--ignore with ALL, --fix,
--unsafe-fixes, --diff, --show-fixes, --statistics, --output-format, --exit-zero,
--exit-non-zero-on-fix, --force-exclude, --isolated, --stdin-filename, -q/-s/-v, --color).
Click parses them here; the work is :func:`scopelint.cli.check_run.run_check` (a hook's
simple option sets are parsed without click: :mod:`scopelint.cli.fast`).  Defaults come
from :data:`scopelint.cli.check_run.DEFAULTS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from scopelint.cli.check_run import COLOURS, DEFAULTS, FORMAT_ENV, CheckArgs, run_check
from scopelint.cli.check_run import use_colour as use_colour
from scopelint.cli.common import (
    configuration_options,
    recording_options,
    user_errors,
)
from scopelint.reporting import (  # the reporter registry decides the --format choices
    FORMATS,
)


def _complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for --select/--ignore: every rule's code and name, and ALL."""
    from click.shell_completion import CompletionItem

    from scopelint.rules.selection import ALL, registry

    words = [ALL] + [word for code, name in registry() for word in (code, name)]
    return [CompletionItem(word) for word in words if word.lower().startswith(incomplete.lower())]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "--output-format", "output_format", type=click.Choice(FORMATS),
              default=DEFAULTS["output_format"], show_default=True, envvar=FORMAT_ENV,
              show_envvar=True,
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
@click.option("--color", "colour", type=click.Choice(COLOURS), default=DEFAULTS["colour"],
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
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=DEFAULTS["jobs"],
              help="Worker processes (0: auto).")
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
    run_check(CheckArgs(params))
