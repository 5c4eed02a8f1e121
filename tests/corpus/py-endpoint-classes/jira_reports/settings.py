import os

JIRA_URL = os.environ.get("JIRA_URL", "https://acme.atlassian.net")
API_VERSION = "3"
