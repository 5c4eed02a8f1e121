"""Weekly hours per project, logged back as a worklog on the report ticket."""

import os
from collections import Counter

import requests

GATEWAY = f"https://api.atlassian.com/ex/jira/{os.environ.get('JIRA_CLOUD_ID', '')}"
HEADERS = {"Authorization": f"Bearer {os.environ.get('JIRA_TOKEN', '')}", "Accept": "application/json"}


def hours_per_project() -> Counter:
    resp = requests.get(
        f"{GATEWAY}/rest/api/3/search/jql",
        params={"jql": "worklogDate >= startOfWeek()", "fields": "project,timespent", "maxResults": 100},
        headers=HEADERS,
        timeout=60,
    )
    resp.raise_for_status()
    totals: Counter = Counter()
    for issue in resp.json()["issues"]:
        totals[issue["fields"]["project"]["key"]] += (issue["fields"]["timespent"] or 0) / 3600
    return totals


def log_report(ticket: str, totals: Counter) -> None:
    comment = ", ".join(f"{k}: {v:.1f}h" for k, v in totals.most_common())
    requests.post(
        f"{GATEWAY}/rest/api/3/issue/{ticket}/worklog",
        json={"timeSpentSeconds": 60, "comment": {"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": comment}]}]}},
        headers=HEADERS,
        timeout=60,
    ).raise_for_status()


if __name__ == "__main__":
    log_report(os.environ.get("REPORT_TICKET", "OPS-1"), hours_per_project())
