"""Entry point.  Subcommands are imported only when they run, so `scopelint check` stays cheap."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from typing import Any

import click

from scopelint import __version__

# command name -> "module:attribute" of a click.Command; one module per command (or group).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("scopelint.cli.check_cmd:check", "Lint files for calls that will fail with a scoped token."),
    "calls": ("scopelint.cli.calls_cmd:calls", "List every Atlassian REST call site found in files."),
    "scopes": ("scopelint.cli.scopes_cmd:scopes", "Show the scopes one endpoint needs."),
    "suggest": ("scopelint.cli.suggest_cmd:suggest", "Pick the scopes a token needs for some endpoints."),
    "explain-error": ("scopelint.cli.explain_cmd:explain_error", "Explain an Atlassian error message."),
    "rules": ("scopelint.cli.rules_cmd:rules", "List the lint rules."),
    "rule": ("scopelint.cli.rules_cmd:rule", "Explain one lint rule, with examples."),
    "kb": ("scopelint.cli.kb_cmd:kb", "Build, inspect, compare and update the knowledge base."),
    "cloud-id": ("scopelint.cli.cloud_id_cmd:cloud_id", "Look up the cloudId of an Atlassian site."),
    "clean": ("scopelint.cli.clean_cmd:clean", "Remove the result cache of per-file scans."),
    "completion": (
        "scopelint.cli.completion_cmd:completion", "Print the shell completion script (bash, zsh, fish)."
    ),
}


# A name users type for a command it is not (as ruff's and click's "Did you mean"): the
# commands to suggest, besides the close spellings difflib finds.
NEAR_NAMES: dict[str, tuple[str, ...]] = {
    "explain": ("explain-error", "rule"),
    "lint": ("check",),
    "scope": ("scopes",),
    "call": ("calls",),
}


class LazyGroup(click.Group):
    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click's resolve_command, with "Did you mean" naming the commands close to an unknown
        one (``scopelint explain`` -> explain-error, rule)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            name = args[0] if args else ""
            if not name or name.startswith("-") or name in COMMANDS or "Did you mean" in exc.message:
                raise
            import difflib

            near = list(NEAR_NAMES.get(name, ()))
            near += [n for n in difflib.get_close_matches(name, sorted(COMMANDS), n=3) if n not in near]
            near += [n for n in sorted(COMMANDS) if n.startswith(name) and n not in near]
            if not near:
                raise
            names = ", ".join(f"'{n}'" for n in near[:3])
            raise click.UsageError(f"No such command {name!r}. Did you mean {names}?", ctx) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, _, attr = entry[0].partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _scrubbed_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _scrubbed_usage_errors():  # a sub-command's option errors are raised in here
            return super().invoke(ctx)

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, but a usage error is one line on stderr (exit 2), as every other
        scopelint error: ``scopelint: error: Invalid value for '--format': ... (see
        'scopelint check --help')``."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            return super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"scopelint: error: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"scopelint: error: {_one_line(exc.format_message())}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("scopelint: interrupted", err=True)
            sys.exit(130)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _one_line(message: str) -> str:
    return " ".join(message.split())


@contextlib.contextmanager
def _scrubbed_usage_errors() -> Iterator[None]:
    """Click echoes a bad option value in its error ('--format ATATT...' is not one of ...);
    a token pasted in the wrong place must not reach a CI log in full."""
    try:
        yield
    except click.ClickException as exc:
        from scopelint.common.redact import scrub

        vars(exc)["message"] = scrub(exc.message)  # (typed Final; set once more, scrubbed)
        raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scopelint")
def cli() -> None:
    """Atlassian Cloud scopes: look them up, pick them, lint for them."""
    # A library's Python warnings (ruamel's multi-line ReusedAnchorWarning about a YAML file
    # in the tree) are not scopelint's messages: they would break the one-line-per-message
    # stderr that CI annotations and pre-commit read.
    import warnings

    warnings.simplefilter("ignore")


def main(argv: list[str] | None = None) -> Any:
    """The full CLI on ``argv``; a write to stdout or stderr that fails ends it with exit 2
    and one line on stderr (0, quietly, for a reader gone), never a traceback."""
    from scopelint.cli.hook_record import guard_output

    return guard_output(lambda: _main(argv))


def _main(argv: list[str] | None) -> Any:
    try:
        return cli.main(args=argv, prog_name="scopelint")
    except KeyboardInterrupt:
        click.echo("scopelint: interrupted", err=True)
        sys.exit(130)
