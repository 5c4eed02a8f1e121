"""Attach a report's CSV to the project's report issue."""

from jira_reports.endpoints import endpoint
from jira_reports.session import LOGIN
from jira_reports.transport import RetryingTransport


class Attachments:
    def __init__(self):
        self.http = RetryingTransport(retries=6)

    def upload(self, key, name, data):
        headers = {"X-Atlassian-Token": "no-check"}
        url = endpoint.attachments(key)
        return self.http.send("POST", url, auth=LOGIN.auth, headers=headers, files={"file": (name, data)})
