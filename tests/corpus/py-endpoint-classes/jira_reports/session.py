"""One authenticated session for every request the reports send."""

import os

import requests


class Credentials:
    def __init__(self, user=None, token=None):
        self.auth = (user or os.environ.get("JIRA_USER"), token or os.environ.get("JIRA_TOKEN"))
        self.headers = {"Accept": "application/json"}

    def get(self, url, *args, **kwargs):
        return requests.get(url, *args, auth=self.auth, headers=self.headers, **kwargs)

    def post(self, url, *args, payload=None, **kwargs):
        return requests.post(url, *args, auth=self.auth, headers=self.headers, json=payload, **kwargs)

    def put(self, url, *args, payload=None, **kwargs):
        return requests.put(url, *args, auth=self.auth, headers=self.headers, json=payload, **kwargs)


class Session(Credentials):
    """The process-wide session (credentials from the environment)."""


LOGIN = Session()
