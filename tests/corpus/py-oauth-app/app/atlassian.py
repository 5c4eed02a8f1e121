"""Calls to Atlassian with the user's OAuth 2.0 access token (requests-oauthlib)."""

from urllib.parse import urlencode

from requests_oauthlib import OAuth2Session

from app.config import API, AUTH_BASE, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, SCOPES, TOKEN_URL
from app.tokens import save_token


def authorize_url(state: str) -> str:
    query = urlencode({
        "audience": "api.atlassian.com",
        "client_id": CLIENT_ID,
        "scope": " ".join(SCOPES),
        "redirect_uri": REDIRECT_URI,
        "state": state,
        "response_type": "code",
        "prompt": "consent",
    })
    return f"{AUTH_BASE}/authorize?{query}"


def session_for(token: dict) -> OAuth2Session:
    return OAuth2Session(
        CLIENT_ID,
        token=token,
        scope=SCOPES,
        auto_refresh_url=TOKEN_URL,
        auto_refresh_kwargs={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
        token_updater=save_token,
    )


def jira_base(cloud_id: str) -> str:
    return f"{API}/ex/jira/{cloud_id}"


def sites(sess: OAuth2Session) -> list[dict]:
    resp = sess.get(f"{API}/oauth/token/accessible-resources")
    resp.raise_for_status()
    return [r for r in resp.json() if "read:jira-work" in r["scopes"]]


def profile(sess: OAuth2Session) -> dict:
    resp = sess.get(f"{API}/me")
    resp.raise_for_status()
    return resp.json()


def whoami(sess: OAuth2Session, cloud_id: str) -> dict:
    return sess.get(jira_base(cloud_id) + "/rest/api/3/myself").json()


def my_open_issues(sess: OAuth2Session, cloud_id: str) -> list[dict]:
    resp = sess.get(
        f"{jira_base(cloud_id)}/rest/api/3/search/jql",
        params={"jql": "assignee = currentUser() AND statusCategory != Done", "fields": "summary,status"},
    )
    resp.raise_for_status()
    return resp.json()["issues"]


def comment(sess: OAuth2Session, cloud_id: str, key: str, text: str) -> None:
    body = {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]}
    resp = sess.post(f"{jira_base(cloud_id)}/rest/api/3/issue/{key}/comment", json={"body": body})
    resp.raise_for_status()
