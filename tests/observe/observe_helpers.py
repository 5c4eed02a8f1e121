"""What the observe tests share: the recorded session, and scopelint run in a folder."""

from __future__ import annotations

import base64
from contextlib import chdir
from pathlib import Path

from atlassian_mimic import CONFLUENCE, GATEWAY, SITE, Call, record, serve, write_har
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

# The integration's API token (basic auth with an e-mail) and its scopes; an OAuth 2.0 token.
API_TOKEN = "ATATT3xFfGF0T9kq2Lr8mW4vB7nX1cZ5yH3jD6gS0pQ" + "e1R2t3Y4u5I6o7P8" * 8 + "=4A1B2C3D"
OAUTH_TOKEN = ("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1NTcwNTg6YWJjIiwic2NvcGUiOiJyZWFkIn0"
               ".Sx9f3Kq2ZtRmVb8wQy1LpN0")
BASIC = "Basic " + base64.b64encode(f"me@example.com:{API_TOKEN}".encode()).decode()
TOKENS = {API_TOKEN: frozenset({"read:jira-work"}), OAUTH_TOKEN: frozenset({"read:jira-work"})}


def session_calls() -> list[Call]:
    """What the recorded integration does, in order (entry numbers are 1-based)."""
    auth = {"Authorization": BASIC}
    bearer = {"Authorization": f"Bearer {OAUTH_TOKEN}"}
    return [
        Call("GET", f"{GATEWAY}/rest/api/3/issue/PPT-1", auth),  # 1: 200
        Call("GET", f"{GATEWAY}/rest/api/3/issue/PPT-2?fields=summary,status", auth),  # 2: 200
        Call("GET", f"{GATEWAY}/rest/api/3/issue/PPT-404", auth),  # 3: 404 does not exist
        Call("PUT", f"{GATEWAY}/rest/api/3/issue/PPT-1", auth,
             body='{"fields": {"summary": "Renamed"}}'),  # 4: 401 scope does not match
        Call("POST", f"{GATEWAY}/rest/api/3/search", auth, body='{"jql": "project = PPT"}'),  # 5: 410
        Call("POST", f"{GATEWAY}/rest/api/3/search/jql", auth,
             body='{"jql": "project = PPT", "fields": ["key"]}'),  # 6: 200
        Call("GET", f"{SITE}/rest/api/3/issue/PPT-1", auth),  # 7: 404 (site: anonymous)
        Call("GET", f"{CONFLUENCE}/wiki/api/v2/pages/42", bearer),  # 8: 401 scope does not match
        Call("GET", "https://api.bitbucket.org/2.0/repositories/acme/app/pullrequests", bearer),  # 9
        Call("POST", "https://auth.atlassian.com/oauth/token",
             body='{"grant_type": "refresh_token", "refresh_token": "r3fr3sh-T0ken-abc"}'),  # 10
        Call("GET", "https://cdn.example.com/app.js"),  # 11: not Atlassian
        Call("GET", f"{SITE}/rest/api/3/myself", cookies={"tenant.session.token": "c00kie-S3ssion-xyz"}),
        Call("GET", f"{GATEWAY}/rest/api/3/issue/PPT-2", auth),  # 13: 200 again
    ]


def record_session(path: Path, calls: list[Call] | None = None, indent: int | None = 2) -> Path:
    """Run the calls against the 127.0.0.1 mimic and write the HAR to ``path``."""
    with serve(TOKENS) as mimic:
        har = record(mimic, calls if calls is not None else session_calls())
    return write_har(path, har, indent)


def scopelint(args: list[str], cwd: Path, stdin: str | bytes | None = None) -> Result:
    with chdir(cwd):
        return CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)
