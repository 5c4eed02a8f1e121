"""Where each report reads from: one method per URL."""

from jira_reports.settings import API_VERSION, JIRA_URL


class EndPoints:
    @classmethod
    def myself(cls):
        return "{}/rest/api/{}/myself".format(JIRA_URL, API_VERSION)

    @classmethod
    def search_issues(cls, jql, start=0):
        return f"{JIRA_URL}/rest/api/{API_VERSION}/search/jql?jql={jql}&startAt={start}"

    @classmethod
    def worklogs(cls, key):
        return f"{JIRA_URL}/rest/api/{API_VERSION}/issue/{key}/worklog"

    @classmethod
    def issue(cls, key):
        return f"{JIRA_URL}/rest/api/{API_VERSION}/issue/{key}"

    @staticmethod
    def attachments(key):
        return f"{JIRA_URL}/rest/api/{API_VERSION}/issue/{key}/attachments"


endpoint = EndPoints()
