"""`scopelint clean`: remove the result cache (as `ruff clean`)."""

from __future__ import annotations

from pathlib import Path

import click

from scopelint.cli.common import fail, user_errors


@click.command()
@click.option("--all", "everything", is_flag=True,
              help="Remove the cached scans of every project, not only this folder's.")
@user_errors
def clean(everything: bool) -> None:
    """Remove the cached per-file scans of runs from this folder (see `check --no-cache`)."""
    from scopelint.check.cache import clean as remove

    try:
        removed = remove(Path.cwd(), everything=everything)
    except OSError as exc:
        fail(f"cannot remove the result cache: {exc.strerror or exc}")
        return
    click.echo(f"Removed {removed}" if removed is not None else "No result cache to remove")
