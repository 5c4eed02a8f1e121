"""`scopelint completion bash|zsh|fish`: the shell completion script (click's own)."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")
ENV_VAR = "_SCOPELINT_COMPLETE"


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the completion script for SHELL (commands, options, format and rule choices, file
    names).  Load it from your shell's start-up file:

    \b
      bash:  eval "$(scopelint completion bash)"      (~/.bashrc)
      zsh:   eval "$(scopelint completion zsh)"       (~/.zshrc)
      fish:  scopelint completion fish > ~/.config/fish/completions/scopelint.fish
    """
    from click.shell_completion import get_completion_class

    from scopelint.cli.main import cli

    completer = get_completion_class(shell)
    assert completer is not None  # every choice of SHELLS is one click ships
    click.echo(completer(cli, {}, "scopelint", ENV_VAR).source())
