"""A shared requests session for Jira Cloud, and small helpers around it."""

import logging

import requests
from requests.auth import HTTPBasicAuth

from jira_sync.settings import API_TOKEN, BASE_URL, EMAIL, TIMEOUT

log = logging.getLogger(__name__)

session = requests.Session()
session.auth = HTTPBasicAuth(EMAIL, API_TOKEN)
session.headers.update({"Accept": "application/json"})


class JiraError(RuntimeError):
    pass


def _check(resp: requests.Response) -> dict:
    if resp.status_code >= 400:
        log.error("Jira said %s: %s", resp.status_code, resp.text[:200])
        raise JiraError(f"{resp.request.method} {resp.url} -> {resp.status_code}")
    return resp.json() if resp.content else {}


def get_json(path: str, **params) -> dict:
    return _check(session.get(f"{BASE_URL}{path}", params=params, timeout=TIMEOUT))


def post_json(path: str, body: dict) -> dict:
    return _check(session.post(f"{BASE_URL}{path}", json=body, timeout=TIMEOUT))


def search(jql: str, fields: list[str]) -> list[dict]:
    """All issues matching ``jql`` (enhanced search, paged by token)."""
    issues: list[dict] = []
    token = None
    while True:
        params = {"jql": jql, "fields": ",".join(fields), "maxResults": 100}
        if token:
            params["nextPageToken"] = token
        page = get_json("/rest/api/3/search/jql", **params)
        issues.extend(page.get("issues", []))
        token = page.get("nextPageToken")
        if not token:
            return issues
