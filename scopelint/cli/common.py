"""Helpers shared by the command modules: one-line errors, exit codes, output formats."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from scopelint.errors import ScopelintError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2


def fail(message: str) -> None:
    """Print a one-line tool error and exit 2."""
    click.echo(f"scopelint: error: {safe_line(message)}", err=True)
    sys.exit(EXIT_TOOL_ERROR)


def warn(message: str) -> None:
    click.echo(f"scopelint: warning: {safe_line(message)}", err=True)


def safe_line(message: str) -> str:
    """``message`` as one printable line with every credential in it redacted.

    Messages echo what users and files hold (a config value, a file name); a pasted API
    token must not reach a CI log, and a new line or escape sequence in a file name must
    not break the one-line-per-message promise.
    """
    from scopelint.common.redact import scrub
    from scopelint.reporting import printable

    return printable(scrub(message))


def user_errors(func: F) -> F:
    """Turn ScopelintError (and OS errors on arguments) into one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ScopelintError as exc:
            fail(str(exc))
        except BrokenPipeError:
            sys.exit(EXIT_CLEAN)
        finally:
            _table_notices()

    return wrapper  # type: ignore[return-value]


def _table_notices() -> None:
    """Warnings loading the knowledge table gave that no report carried (a damaged cached
    table); nothing to do when the command never loaded the table."""
    table = sys.modules.get("scopelint.kb.table")
    if table is not None:
        for line in table.take_notices():
            warn(line)


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "--output-format",  # ruff's name, accepted by every command
        "output_format",
        type=click.Choice(list(choices), case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )


def configuration_options(func: F) -> F:
    """``--isolated`` and ``--config FILE``: which configuration a command that scans files
    reads (``check``, ``calls``, ``suggest --from``), the same two options everywhere."""
    from pathlib import Path

    func = click.option(
        "--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Use this configuration file instead of looking for one: TOML (.toml) or YAML "
        "(.yaml, .yml), by its suffix.",
    )(func)
    return click.option(
        "--isolated", is_flag=True,
        help="Read no configuration file: default settings (the scopes a .scopelint.* file "
        "declares still count, as a manifest's do).",
    )(func)


def refuse_isolated_with_config(isolated: bool, config: object) -> None:
    if isolated and config is not None:
        fail("--isolated reads no configuration file; it cannot be combined with --config")


def recording_options(har_first: str, log_first: str) -> Callable[[F], F]:
    """``--har``/``--from-har FILE`` and ``--log``/``--from-log FILE`` (repeatable; ``-`` is
    standard input), the same options in every command that reads recorded traffic."""
    har_names = (har_first, "--from-har" if har_first == "--har" else "--har")
    log_names = (log_first, "--from-log" if log_first == "--log" else "--log")

    def decorate(func: F) -> F:
        func = click.option(
            *log_names, "log_files", multiple=True, metavar="FILE",
            help="A request log, one `METHOD URL [STATUS]` a line (as `curl -w '%{method} "
            "%{url_effective} %{http_code}\\n'` prints); '-' reads standard input (repeatable).",
        )(func)
        return click.option(
            *har_names, "har_files", multiple=True, metavar="FILE",
            help="A HAR file recorded by browser devtools, a proxy, Postman or Insomnia "
            "(.har or .har.gz; '-' reads standard input; repeatable).",
        )(func)

    return decorate


def recordings_of(har_files: tuple[str, ...], log_files: tuple[str, ...]) -> list[Any]:
    """The Recording objects (scopelint.observe) of the options above, HAR files first."""
    if not har_files and not log_files:
        return []
    from scopelint.observe.sources import Recording

    return [Recording("har", name) for name in har_files] + [Recording("log", name) for name in log_files]


def recording_excludes(recordings: list[Any]) -> list[str]:
    """Exclude globs (anchored, escaped) for the recordings inside the working directory, so
    a scan of PATHS does not read a recording a second time as a JSON file."""
    from pathlib import Path

    globs = []
    for recording in recordings:
        if recording.name == "-":
            continue
        shown = recording.display(Path.cwd())
        if shown.startswith("../") or shown.startswith("/"):
            continue
        escaped = "".join("\\" + ch if ch in "[]*?!#\\" else ch for ch in shown)
        globs.append("/" + escaped)
    return globs
