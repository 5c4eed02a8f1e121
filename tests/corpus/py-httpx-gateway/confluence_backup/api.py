"""Thin client for the Confluence Cloud REST API v2, through the api.atlassian.com gateway."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx

log = logging.getLogger(__name__)

GATEWAY = "https://api.atlassian.com/ex/confluence/{cloud_id}"


class ConfluenceAPI:
    def __init__(self, cloud_id: str, token: str, timeout: float = 30.0) -> None:
        self.base_url = GATEWAY.format(cloud_id=cloud_id)
        self.client = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=timeout,
        )

    def close(self) -> None:
        self.client.close()

    def _paged(self, path: str, params: dict) -> Iterator[dict]:
        url: str | None = path
        while url:
            resp = self.client.get(url, params=params if url == path else None)
            resp.raise_for_status()
            body = resp.json()
            yield from body["results"]
            url = body.get("_links", {}).get("next")
            log.debug("next page: %s", url)

    def spaces(self) -> Iterator[dict]:
        return self._paged("/wiki/api/v2/spaces", {"limit": 250})

    def pages_in_space(self, space_id: str) -> Iterator[dict]:
        return self._paged(f"/wiki/api/v2/spaces/{space_id}/pages", {"limit": 250, "body-format": "storage"})

    def page(self, page_id: str) -> dict:
        resp = self.client.get(f"/wiki/api/v2/pages/{page_id}", params={"body-format": "storage"})
        resp.raise_for_status()
        return resp.json()

    def attachments(self, page_id: str) -> Iterator[dict]:
        return self._paged(f"/wiki/api/v2/pages/{page_id}/attachments", {"limit": 100})
