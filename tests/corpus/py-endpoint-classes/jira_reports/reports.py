"""Time spent per issue of a project, last week."""

import argparse
import logging

from jira_reports.attachments import Attachments
from jira_reports.endpoints import endpoint
from jira_reports.session import LOGIN
from jira_reports.wiki import publish

log = logging.getLogger(__name__)


def whoami():
    return LOGIN.get(endpoint.myself()).json()["displayName"]


def issues(project):
    jql = f"project = {project} AND updated >= -7d"
    page = LOGIN.get(endpoint.search_issues(jql)).json()
    return [issue["key"] for issue in page.get("issues", [])]


def hours(key):
    worklogs = LOGIN.get(endpoint.worklogs(key)).json()["worklogs"]
    return sum(w["timeSpentSeconds"] for w in worklogs) / 3600


def label(key):
    LOGIN.put(endpoint.issue(key), payload={"update": {"labels": [{"add": "reported"}]}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True)
    args = parser.parse_args()
    log.info("running as %s", whoami())
    rows = {key: hours(key) for key in issues(args.project)}
    for key in rows:
        label(key)
    csv = "\n".join(f"{k},{v:.1f}" for k, v in rows.items())
    Attachments().upload(f"{args.project}-1", "hours.csv", csv.encode())
    publish("OPS", f"Hours {args.project}", csv)


if __name__ == "__main__":
    main()
