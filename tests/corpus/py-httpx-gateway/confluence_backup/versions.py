"""Fetch the version history of many pages at once (used by --with-history)."""

from __future__ import annotations

import asyncio

import httpx


async def page_versions(cloud_id: str, token: str, page_ids: list[str]) -> dict[str, list[dict]]:
    async with httpx.AsyncClient(
        base_url=f"https://api.atlassian.com/ex/confluence/{cloud_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    ) as client:
        responses = await asyncio.gather(
            *(client.get(f"/wiki/api/v2/pages/{pid}/versions", params={"limit": 50}) for pid in page_ids)
        )
    out: dict[str, list[dict]] = {}
    for pid, resp in zip(page_ids, responses):
        resp.raise_for_status()
        out[pid] = resp.json()["results"]
    return out
