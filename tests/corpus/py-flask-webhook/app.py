"""Receives GitHub pull-request webhooks and mirrors their state into Jira."""

import hashlib
import hmac
import logging
import os
import re

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
log = logging.getLogger("pr-to-jira")

CLOUD_ID = os.environ.get("JIRA_CLOUD_ID", "")
JIRA_API = os.environ.get("JIRA_API", f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3")
AUTH = (os.environ.get("JIRA_EMAIL", ""), os.environ.get("JIRA_API_TOKEN", ""))
SECRET = os.environ.get("GITHUB_WEBHOOK_SECRET", "").encode()
KEY_RE = re.compile(r"\b([A-Z][A-Z0-9]+-\d+)\b")
TARGET = {"opened": "In Review", "reopened": "In Review", "closed": "Done"}


class JiraError(Exception):
    pass


def jira(method: str, path: str, **kwargs) -> dict:
    resp = requests.request(method, f"{JIRA_API}{path}", auth=AUTH, timeout=20, **kwargs)
    if not resp.ok:
        log.warning("%s %s -> %s %s", method, path, resp.status_code, resp.text[:300])
        raise JiraError(resp.status_code)
    return resp.json() if resp.content else {}


def move(key: str, status: str) -> None:
    transitions = jira("GET", f"/issue/{key}/transitions")["transitions"]
    match = next((t for t in transitions if t["to"]["name"] == status), None)
    if match:
        jira("POST", f"/issue/{key}/transitions", json={"transition": {"id": match["id"]}})


def verify(payload: bytes, signature: str) -> bool:
    digest = "sha256=" + hmac.new(SECRET, payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, signature or "")


@app.post("/webhooks/github")
def github_webhook():
    if not verify(request.get_data(), request.headers.get("X-Hub-Signature-256", "")):
        abort(401)
    event = request.get_json()
    pr = event["pull_request"]
    action = "closed" if event["action"] == "closed" and pr["merged"] else event["action"]
    for key in set(KEY_RE.findall(pr["title"])):
        try:
            jira("POST", f"/issue/{key}/comment", json={"body": {
                "type": "doc", "version": 1,
                "content": [{"type": "paragraph", "content": [{"type": "text", "text": f"PR {action}: {pr['html_url']}"}]}],
            }})
            jira("PUT", f"/issue/{key}/properties/github-pr", json={"url": pr["html_url"], "state": action})
            if action in TARGET:
                move(key, TARGET[action])
        except JiraError:
            log.exception("could not update %s", key)
    return "", 204


@app.get("/issues/<key>/status")
def issue_status(key: str):
    try:
        issue = jira("GET", f"/issue/{key}", params={"fields": "status"})
    except JiraError as exc:
        return jsonify(error=str(exc)), 502
    return jsonify(key=key, status=issue["fields"]["status"]["name"])


@app.get("/healthz")
def healthz():
    return "ok"
