"""OAuth 2.0 (3LO): refresh the access token and find the cloudId of a site."""

from __future__ import annotations

import os

import httpx

TOKEN_URL = "https://auth.atlassian.com/oauth/token"
RESOURCES_URL = "https://api.atlassian.com/oauth/token/accessible-resources"


class AuthError(RuntimeError):
    pass


def access_token() -> str:
    resp = httpx.post(TOKEN_URL, json={
        "grant_type": "refresh_token",
        "client_id": os.environ["CONFLUENCE_CLIENT_ID"],
        "client_secret": os.environ["CONFLUENCE_CLIENT_SECRET"],
        "refresh_token": os.environ["CONFLUENCE_REFRESH_TOKEN"],
    }, timeout=30)
    if resp.status_code != 200:
        raise AuthError(f"token refresh failed: {resp.status_code}")
    return resp.json()["access_token"]


def cloud_id_for(site: str, token: str) -> str:
    resp = httpx.get(RESOURCES_URL, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    resp.raise_for_status()
    for resource in resp.json():
        if resource["url"].rstrip("/") == f"https://{site}":
            return resource["id"]
    raise AuthError(f"this token cannot see {site}")
