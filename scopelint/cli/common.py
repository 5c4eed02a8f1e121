"""Helpers shared by the command modules: one-line errors, exit codes (from
:mod:`scopelint.cli.output`), the options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from scopelint.cli.output import (  # click-free: the hook's `check` runs without click
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_TOOL_ERROR,
    fail,
    recording_excludes,
    recordings_of,
    refuse_isolated_with_config,
    safe_line,
    user_errors,
    warn,
)

__all__ = [
    "EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_TOOL_ERROR", "configuration_options", "fail", "format_option",
    "recording_excludes", "recording_options", "recordings_of", "refuse_isolated_with_config", "safe_line",
    "user_errors", "warn",
]

F = TypeVar("F", bound=Callable[..., Any])



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
