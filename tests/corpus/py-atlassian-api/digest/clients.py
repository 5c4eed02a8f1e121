"""Module-level clients, shared by every job in this package."""

import os

from atlassian import Confluence, Jira
from atlassian.bitbucket import Cloud

SITE = os.environ.get("ATLASSIAN_SITE", "https://acme.atlassian.net")
EMAIL = os.environ.get("ATLASSIAN_EMAIL", "")
TOKEN = os.environ.get("ATLASSIAN_API_TOKEN", "")

jira = Jira(url=SITE, username=EMAIL, password=TOKEN, cloud=True)
confluence = Confluence(url=SITE, username=EMAIL, password=TOKEN, cloud=True)
bitbucket = Cloud(
    username=os.environ.get("BITBUCKET_USER", ""),
    password=os.environ.get("BITBUCKET_APP_PASSWORD", ""),
    cloud=True,
)
