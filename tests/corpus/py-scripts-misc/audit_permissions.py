"""Dump permission schemes, project roles and groups to audit/*.json (stdlib only)."""

import base64
import functools
import json
import os
import urllib.request
from pathlib import Path

SITE = "https://acme.atlassian.net"
EMAIL = os.environ.get("JIRA_EMAIL", "admin@example.com")
API_TOKEN = os.environ.get("JIRA_API_TOKEN") or "ATATT3xFfGF0-EXAMPLE-not-a-real-token-0000000000000000000000000000=DEADBEEF"

ENDPOINTS = [
    "/rest/api/3/permissionscheme",
    "/rest/api/3/role",
    "/rest/api/3/group/bulk",
]


def _request(method: str, path: str, base: str = SITE) -> dict:
    auth = base64.b64encode(f"{EMAIL}:{API_TOKEN}".encode()).decode()
    req = urllib.request.Request(base + path, method=method, headers={"Authorization": f"Basic {auth}",
                                                                      "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


fetch_json = functools.partial(_request, "GET")


def main() -> None:
    out = Path("audit")
    out.mkdir(exist_ok=True)
    for path in ENDPOINTS:
        data = fetch_json(path)
        (out / (path.rsplit("/", 2)[-1] + ".json")).write_text(json.dumps(data, indent=1))
    projects = fetch_json("/rest/api/3/project/search?maxResults=100")
    print(f"{len(projects['values'])} projects audited")


if __name__ == "__main__":
    main()
