"""OAuth 2.0 (3LO) settings. Keep SCOPES in sync with the app in the developer console."""

import os

CLIENT_ID = os.environ.get("ATLASSIAN_CLIENT_ID", "")
CLIENT_SECRET = os.environ.get("ATLASSIAN_CLIENT_SECRET", "")
REDIRECT_URI = os.environ.get("REDIRECT_URI", "http://localhost:8000/callback")

AUTH_BASE = "https://auth.atlassian.com"
TOKEN_URL = f"{AUTH_BASE}/oauth/token"
API = "https://api.atlassian.com"

SCOPES = ["read:me", "read:jira-work", "read:jira-user", "offline-access"]
