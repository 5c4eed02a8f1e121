"""``scopelint check FILE...`` with a pre-commit hook's options, parsed without click.

Importing click costs about as much as the rest of a hook run on an edited file (~90 M of
~650 M instructions, callgrind; it brings ``inspect``).  A hook passes a few simple options
(:data:`scopelint.cli.hook.FLAGS` and :data:`~scopelint.cli.hook.VALUED`), so
:func:`parse` reads those itself, with the defaults of
:data:`scopelint.cli.check_run.DEFAULTS` (the table the click options use) and the
conversions click makes (a path becomes a :class:`pathlib.Path`, a repeated option a tuple,
the last value of a single one wins, ``--format`` from ``SCOPELINT_OUTPUT_FORMAT`` when not
given).  Anything click would judge (a value that is not a choice, a path click refuses:
unreadable, or a folder for ``--config``), any other option, shell completion, or standard
streams click would re-wrap (no encoding, ASCII) goes to the full CLI, so click writes its
own error.  Output and exit codes are those of the click command (tests compare the two).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from scopelint.cli.hook import FLAGS, VALUED, hook_paths

# option -> (the click parameter it sets, how): "flag", "one" (the last value wins),
# "many" (every value, in order), "choice" (one of CHOICES[name])
OPTIONS: dict[str, tuple[str, str]] = {
    "--force-exclude": ("force_exclude", "flag"),
    "-q": ("quiet", "flag"), "--quiet": ("quiet", "flag"),
    "-s": ("silent", "flag"), "--silent": ("silent", "flag"),
    "--exit-zero": ("exit_zero", "flag"),
    "--isolated": ("isolated", "flag"),
    "--statistics": ("statistics", "flag"),
    "--show-fixes": ("show_fixes", "flag"),
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--exclude": ("exclude", "many"),
    "--format": ("output_format", "choice"), "--output-format": ("output_format", "choice"),
    "--config": ("config", "one"),
    "--scopes": ("scopes", "one"),
    "--color": ("colour", "choice"),
}
COMPLETION_ENV = "_SCOPELINT_COMPLETE"
assert set(OPTIONS) == FLAGS | VALUED  # (the hook's shape is what this parses)


def parse(args: list[str]) -> dict[str, Any] | None:
    """The parameters of the ``check`` command line ``args`` (every key of
    :data:`~scopelint.cli.check_run.DEFAULTS`), or None when click must parse it."""
    files = hook_paths(args)
    if files is None or os.environ.get(COMPLETION_ENV) or not _plain_stream(sys.stdout) \
            or not _plain_stream(sys.stderr):
        return None
    from pathlib import Path

    from scopelint.cli.check_run import COLOURS, DEFAULTS, FORMAT_ENV
    from scopelint.reporting import FORMATS

    params = dict(DEFAULTS)
    given: dict[str, list[str]] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            continue
        option, equals, value = arg.partition("=")
        name, kind = OPTIONS[option if equals and option in VALUED else arg]
        if kind == "flag":
            params[name] = True
            continue
        given.setdefault(name, []).append(value if equals else next(rest))
    environment_format = os.environ.get(FORMAT_ENV)
    if "output_format" not in given and environment_format:
        given["output_format"] = [environment_format]
    for name, values in given.items():
        if name in ("select", "ignore", "exclude"):
            params[name] = tuple(values)
        elif name == "output_format" or name == "colour":
            if values[-1] not in (FORMATS if name == "output_format" else COLOURS):
                return None
            params[name] = values[-1]
        elif name == "config":
            if not _path_click_takes(values[-1], folder=False):
                return None
            params[name] = Path(values[-1])
        else:
            params[name] = values[-1]
    if not all(_path_click_takes(file, folder=True) for file in files):
        return None
    params["paths"] = tuple(Path(file) for file in files)
    return params


def _path_click_takes(value: str, folder: bool) -> bool:
    """Whether ``click.Path(exists=False, dir_okay=folder)`` accepts ``value``: a path that
    cannot be stat'ed is taken as it is; one that can must be readable (and no folder unless
    ``folder``)."""
    try:
        info = os.stat(value)
    except (OSError, ValueError):
        return True
    if not folder and info.st_mode & 0o170000 == 0o040000:
        return False
    return os.access(value, os.R_OK)


def _plain_stream(stream: Any) -> bool:
    """A text stream click writes to as it is: an encoding other than ASCII, and ``errors`` set."""
    encoding = getattr(stream, "encoding", None)
    if stream is None or not encoding or getattr(stream, "errors", None) is None:
        return False
    import codecs

    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return True


def main(args: list[str]) -> Any:
    """The full CLI on ``args`` (:func:`scopelint.cli.main.main`), without click when
    :func:`parse` can read them."""
    params = parse(args)
    if params is None:
        from scopelint.cli.main import main as full

        return full(args)
    from scopelint.cli.hook_record import guard_output

    return guard_output(lambda: _check(params))


def _check(params: dict[str, Any]) -> None:
    """What click's group and ``check`` command do with parsed parameters."""
    import warnings

    warnings.simplefilter("ignore")  # as scopelint.cli.main.cli does
    from scopelint.cli.check_run import CheckArgs, run_check
    from scopelint.cli.output import echo, user_errors

    try:
        user_errors(run_check)(CheckArgs(params))
    except (EOFError, KeyboardInterrupt):  # as click's main, then scopelint.cli.main's
        echo(err=True)
        echo("scopelint: interrupted", err=True)
        sys.exit(130)
