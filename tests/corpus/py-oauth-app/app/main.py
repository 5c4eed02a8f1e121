"""Routes: /login -> Atlassian consent -> /callback -> /issues."""

import secrets

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from requests_oauthlib import OAuth2Session

from app import atlassian
from app.config import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, TOKEN_URL
from app.tokens import load_token, save_token

app = FastAPI(title="my-work")
STATES: set[str] = set()


@app.get("/login")
def login() -> RedirectResponse:
    state = secrets.token_urlsafe(16)
    STATES.add(state)
    return RedirectResponse(atlassian.authorize_url(state))


@app.get("/callback")
def callback(code: str, state: str) -> RedirectResponse:
    if state not in STATES:
        raise HTTPException(400, "unknown state")
    oauth = OAuth2Session(CLIENT_ID, redirect_uri=REDIRECT_URI, state=state)
    token = oauth.fetch_token(TOKEN_URL, client_secret=CLIENT_SECRET, code=code)
    save_token(token)
    return RedirectResponse("/issues")


@app.get("/issues")
def issues(request: Request) -> dict:
    token = load_token("default")
    if token is None:
        return RedirectResponse("/login")
    sess = atlassian.session_for(token)
    site = atlassian.sites(sess)[0]
    return {
        "me": atlassian.profile(sess)["name"],
        "site": site["url"],
        "jira_user": atlassian.whoami(sess, site["id"])["displayName"],
        "issues": atlassian.my_open_issues(sess, site["id"]),
    }


@app.post("/issues/{key}/comment")
def add_comment(key: str, text: str = Form(...)) -> dict:
    sess = atlassian.session_for(load_token("default") or {})
    site = atlassian.sites(sess)[0]
    atlassian.comment(sess, site["id"], key, text)
    return {"ok": True}
