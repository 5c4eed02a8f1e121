"""Open pull requests per repository of the workspace (Bitbucket Cloud, app password)."""

import asyncio
import os

import aiohttp

WORKSPACE = os.environ.get("BB_WORKSPACE", "acme")


async def main() -> None:
    auth = aiohttp.BasicAuth(os.environ["BB_USER"], os.environ["BB_APP_PASSWORD"])
    async with aiohttp.ClientSession(base_url="https://api.bitbucket.org", auth=auth) as session:
        async with session.get(f"/2.0/repositories/{WORKSPACE}", params={"pagelen": 100}) as resp:
            repos = (await resp.json())["values"]
        for repo in repos:
            async with session.get(
                f"/2.0/repositories/{WORKSPACE}/{repo['slug']}/pullrequests", params={"state": "OPEN"}
            ) as resp:
                prs = (await resp.json())["values"]
            if prs:
                print(f"{repo['slug']}: {len(prs)} open")


if __name__ == "__main__":
    asyncio.run(main())
