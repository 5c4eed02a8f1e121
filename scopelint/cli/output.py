"""One-line errors, warnings and exit codes of every command, without importing click.

``scopelint check FILE...`` as a pre-commit hook runs without click when its options are
simple (:mod:`scopelint.cli.fast`), so what it prints goes through :func:`echo` here: once
click is imported (every other run) it *is* :func:`click.echo`; before, it writes as
click.echo does on standard streams that are text streams with a non-ASCII encoding (the
only ones the fast path runs with): the message and a new line, ANSI escape sequences
removed unless ``color`` is true or (``color`` None) the stream is a terminal, then a flush.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from scopelint.common.lazy_re import lazy_compile
from scopelint.errors import ScopelintError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2

_ANSI = lazy_compile(r"\033\[[0-?]*[ -/]*[@-~]", 0)  # click._compat._ansi_re


def echo(message: str = "", nl: bool = True, err: bool = False, color: bool | None = None) -> None:
    """Write ``message`` (and a new line) to stdout, or stderr with ``err``, as
    :func:`click.echo` does (see the module docstring)."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(message, nl=nl, err=err, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if out and "\033" in out and _strip_ansi(stream, color):
        out = _ANSI.sub("", out)
    if out:
        stream.write(out)
    stream.flush()


def _strip_ansi(stream: Any, color: bool | None) -> bool:
    if color is not None:
        return not color
    try:
        return not stream.isatty()
    except Exception:  # as click's isatty(): a stream that cannot tell is no terminal
        return True


def fail(message: str) -> None:
    """Print a one-line tool error and exit 2."""
    echo(f"scopelint: error: {safe_line(message)}", err=True)
    sys.exit(EXIT_TOOL_ERROR)


def warn(message: str) -> None:
    echo(f"scopelint: warning: {safe_line(message)}", err=True)


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


def refuse_isolated_with_config(isolated: bool, config: object) -> None:
    if isolated and config is not None:
        fail("--isolated reads no configuration file; it cannot be combined with --config")


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
