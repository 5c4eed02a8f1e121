"""Raise the priority of new tickets that mention an outage, then start work on them."""

import logging
import re

from jira import JIRA
from jira.exceptions import JIRAError

from jira_tools.connection import get_jira

log = logging.getLogger("triage")
OUTAGE = re.compile(r"\b(outage|down|500|unreachable)\b", re.IGNORECASE)


def triage(jira: JIRA, project: str = "SUP") -> int:
    touched = 0
    issues = jira.search_issues(f"project = {project} AND status = 'Needs Triage'", maxResults=False)
    for issue in issues:
        text = f"{issue.fields.summary} {issue.fields.description or ''}"
        if not OUTAGE.search(text):
            continue
        try:
            issue.update(fields={"priority": {"name": "Highest"}, "labels": issue.fields.labels + ["outage"]})
            jira.add_comment(issue, "Auto-triage: looks like an outage, priority raised.")
            jira.transition_issue(issue, "In Progress")
        except JIRAError as exc:
            log.warning("%s: %s", issue.key, exc.text)
            continue
        touched += 1
    return touched


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    log.info("triaged %d tickets", triage(get_jira()))
