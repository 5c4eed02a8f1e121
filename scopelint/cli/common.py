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

    return wrapper  # type: ignore[return-value]


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices), case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )
