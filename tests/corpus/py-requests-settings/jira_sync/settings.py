"""Configuration, read once from the environment (.env in development)."""

import os

from dotenv import load_dotenv

load_dotenv()

BASE_URL = os.environ.get("JIRA_BASE_URL", "https://acme.atlassian.net").rstrip("/")
EMAIL = os.environ.get("JIRA_EMAIL", "")
API_TOKEN = os.environ.get("JIRA_API_TOKEN", "")
PROJECT_KEY = os.environ.get("JIRA_PROJECT", "OPS")
TIMEOUT = float(os.environ.get("JIRA_TIMEOUT", "30"))
STALE_LABEL = "stale"
