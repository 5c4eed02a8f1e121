"""`scopelint cloud-id SITE`: print (and optionally record) an Atlassian site's cloudId."""

from __future__ import annotations

import json
from pathlib import Path

import click

from scopelint.cli.common import user_errors


@click.command("cloud-id")
@click.argument("site")
@click.option("--json", "as_json", is_flag=True, help="Print the site's whole answer as JSON.")
@click.option(
    "--save",
    is_flag=True,
    help="Record the cloudId under `sites` in the project's scopelint configuration "
    "(creates .scopelint.toml when there is none).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds to wait for the site.",
)
@user_errors
def cloud_id(site: str, as_json: bool, save: bool, timeout: float) -> None:
    """Look up the cloudId of SITE (acme.atlassian.net, or a base URL).

    Reads SITE/_edge/tenant_info; no credentials are needed or sent.  The cloudId goes to
    standard output; with --save, where it was recorded goes to standard error.
    """
    from scopelint.cloud_id import fetch_tenant_info, parse_site, save_cloud_id

    target = parse_site(site)
    info = fetch_tenant_info(target, timeout=timeout)
    if as_json:
        click.echo(json.dumps(info.answer, indent=2, ensure_ascii=False))
    else:
        click.echo(info.cloud_id)
    if save:
        saved = save_cloud_id(target.host, info.cloud_id, Path.cwd())
        shown = _shown(saved.path)
        if not saved.changed:
            click.echo(f"{target.host} is already recorded in {shown}", err=True)
        elif saved.created:
            click.echo(f"Created {shown} with sites.{target.host} = {info.cloud_id}", err=True)
        else:
            click.echo(f"Recorded sites.{target.host} = {info.cloud_id} in {shown}", err=True)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
