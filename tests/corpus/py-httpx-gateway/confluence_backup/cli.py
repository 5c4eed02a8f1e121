"""confluence-backup: write every page and its attachment list under --out."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import click

from confluence_backup.api import ConfluenceAPI
from confluence_backup.auth import access_token, cloud_id_for
from confluence_backup.versions import page_versions


@click.command()
@click.option("--site", required=True, help="e.g. acme.atlassian.net")
@click.option("--out", type=click.Path(path_type=Path), default=Path("backup"))
@click.option("--with-history", is_flag=True)
def main(site: str, out: Path, with_history: bool) -> None:
    logging.basicConfig(level=logging.INFO)
    token = access_token()
    api = ConfluenceAPI(cloud_id_for(site, token), token)
    try:
        for space in api.spaces():
            folder = out / space["key"]
            folder.mkdir(parents=True, exist_ok=True)
            ids = []
            for page in api.pages_in_space(space["id"]):
                ids.append(page["id"])
                (folder / f"{page['id']}.xml").write_text(page["body"]["storage"]["value"], encoding="utf-8")
                files = [a["title"] for a in api.attachments(page["id"])]
                (folder / f"{page['id']}.attachments.json").write_text(json.dumps(files), encoding="utf-8")
            if with_history and ids:
                history = asyncio.run(page_versions(api.base_url.rsplit("/", 1)[-1], token, ids))
                (folder / "history.json").write_text(json.dumps(history, indent=1), encoding="utf-8")
    finally:
        api.close()
