"""One place that knows how to connect to Jira."""

import os

from dotenv import load_dotenv
from jira import JIRA

load_dotenv()


def get_jira() -> JIRA:
    return JIRA(
        server=os.environ.get("JIRA_SERVER", "https://acme.atlassian.net"),
        basic_auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]),
        timeout=30,
    )
