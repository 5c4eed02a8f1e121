"""Post a summary of a board's active sprint to Slack."""

import argparse
import logging
import os

import requests

from jira_sync.client import session
from jira_sync.settings import BASE_URL, TIMEOUT
from jira_sync.utils.url_builder import browse_url, build_sprint_issues_url, build_sprint_url

log = logging.getLogger("sprint_report")
SLACK_WEBHOOK = os.environ.get("SLACK_WEBHOOK_URL", "")


def active_sprint(board_id: int) -> dict | None:
    url = build_sprint_url(BASE_URL + "/", board_id, "active")
    resp = session.get(url, timeout=TIMEOUT)
    resp.raise_for_status()
    sprints = resp.json().get("values", [])
    return sprints[0] if sprints else None


def sprint_issues(sprint_id: int) -> list[dict]:
    resp = session.get(build_sprint_issues_url(BASE_URL + "/", sprint_id, "statusCategory != Done"),
                       timeout=TIMEOUT)
    resp.raise_for_status()
    return resp.json()["issues"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--board", type=int, required=True)
    args = parser.parse_args()
    sprint = active_sprint(args.board)
    if sprint is None:
        log.info("board %s has no active sprint", args.board)
        return
    lines = [f"*{sprint['name']}*"]
    for issue in sprint_issues(sprint["id"]):
        link = browse_url(BASE_URL + "/", issue["key"])
        lines.append(f"<{link}|{issue['key']}> {issue['fields']['summary']}")
    requests.post(SLACK_WEBHOOK, json={"text": "\n".join(lines)}, timeout=10)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
