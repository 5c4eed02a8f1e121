"""An environment variable's default is the value Python code runs with where the variable is
unset: ``os.environ.get("JIRA_API", "https://...")`` carries its URL into the calls built on
it, in the same file and in the modules that import it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scopelint import api
from scopelint.scanning.languages.python import extract
from scopelint.scanning.source import SourceFile

GATEWAY = "https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3"


def calls(code: str) -> list[tuple[int, str | None, str]]:
    scan = extract(SourceFile.from_text(textwrap.dedent(code).lstrip(), "app.py"))
    assert scan.warnings == []
    return [(c.location.line, c.method, c.url) for c in scan.calls]


def test_a_helper_on_an_environment_default_gives_the_calls_at_its_callers() -> None:
    code = """
        import os
        import requests

        CLOUD_ID = os.environ.get("JIRA_CLOUD_ID", "")
        JIRA_API = os.environ.get("JIRA_API", f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3")

        def jira(method, path, **kwargs):
            return requests.request(method, f"{JIRA_API}{path}", timeout=20, **kwargs).json()

        def move(key, transition_id):
            jira("GET", f"/issue/{key}/transitions")
            jira("POST", f"/issue/{key}/transitions", json={"transition": {"id": transition_id}})

        jira("PUT", f"/issue/{key}/properties/github-pr", json={})
        """
    assert calls(code) == [
        (11, "GET", f"{GATEWAY}/issue/{{key}}/transitions"),
        (12, "POST", f"{GATEWAY}/issue/{{key}}/transitions"),
        (14, "PUT", f"{GATEWAY}/issue/{{key}}/properties/github-pr"),
    ]


@pytest.mark.parametrize(
    ("imports", "lookup"),
    [
        ("import os", 'os.environ.get("JIRA_URL", "https://acme.atlassian.net")'),
        ("import os", 'os.environ.get("JIRA_URL", default="https://acme.atlassian.net")'),
        ("import os", 'os.getenv("JIRA_URL", "https://acme.atlassian.net")'),
        ("import os", 'os.environ.setdefault("JIRA_URL", "https://acme.atlassian.net")'),
        ("import os as _os", '_os.getenv("JIRA_URL", "https://acme.atlassian.net")'),
        ("from os import environ", 'environ.get("JIRA_URL", "https://acme.atlassian.net")'),
        ("from os import getenv", 'getenv("JIRA_URL", "https://acme.atlassian.net")'),
        ("import os", 'os.getenv("JIRA_URL") or "https://acme.atlassian.net"'),
    ],
)
def test_every_way_of_reading_an_environment_default(imports: str, lookup: str) -> None:
    code = f"""
        {imports}
        import requests
        SITE = {lookup}
        requests.delete(f"{{SITE}}/rest/api/3/issue/{{key}}")
        """
    assert calls(code) == [(4, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}")]


def test_without_a_default_or_with_an_empty_one_the_variable_stays_a_placeholder() -> None:
    code = """
        import os
        import requests
        JIRA_API = os.environ.get("JIRA_API")
        WIKI_API = os.getenv("WIKI_API", "")
        JSM_API = os.environ["JSM_API"]
        requests.get(f"{JIRA_API}/rest/api/3/myself")
        requests.get(f"{WIKI_API}/wiki/api/v2/spaces")
        requests.get(f"{JSM_API}/rest/servicedeskapi/request")
        """
    assert calls(code) == [
        (6, "GET", "{JIRA_API}/rest/api/3/myself"),
        (7, "GET", "{WIKI_API}/wiki/api/v2/spaces"),
        (8, "GET", "{JSM_API}/rest/servicedeskapi/request"),
    ]


def test_environment_defaults_that_are_not_atlassian_urls_are_not_calls() -> None:
    code = """
        import os
        import requests
        JIRA_URL = os.environ.get("JIRA_URL", "https://acme.atlassian.net")
        TOKEN = os.getenv("JIRA_API_TOKEN", "changeme")
        PROJECT = os.getenv("JIRA_PROJECT", "WEB")
        SLACK = os.environ.get("SLACK_WEBHOOK", "https://hooks.slack.com/services/T0/B0/X")
        HEALTH = os.getenv("HEALTH_PATH", "/healthz")
        requests.post(SLACK, json={"text": "released"})
        requests.get(f"http://localhost:8080{HEALTH}")
        requests.get(f"{JIRA_URL}/rest/api/3/project/{PROJECT}", auth=("bot", TOKEN))
        """
    assert calls(code) == [(10, "GET", "https://acme.atlassian.net/rest/api/3/project/WEB")]


def _write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def test_an_environment_default_crosses_files_through_the_summaries(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "bot/settings.py": """
            import os
            CLOUD_ID = os.environ.get("JIRA_CLOUD_ID", "")
            JIRA_API = os.getenv("JIRA_API", f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3")
            TOKEN = os.getenv("JIRA_TOKEN", "changeme")
            """,
        "bot/__init__.py": "",
        "bot/jobs.py": """
            import requests
            from bot.settings import JIRA_API, TOKEN

            def close(key):
                requests.post(f"{JIRA_API}/issue/{key}/transitions", headers={"Authorization": TOKEN})
            """,
    })
    found = [c for c in api.find_calls(["."], cwd=root) if c.kind == "call"]
    assert [(c.location.path, c.location.line, c.method, c.url) for c in found] == [
        ("bot/jobs.py", 5, "POST", f"{GATEWAY}/issue/{{key}}/transitions"),
    ]
    # where the default is written
    assert ("bot/settings.py", 3) in [(r.path, r.line) for r in found[0].related]
    assert found[0].resolved


def test_a_base_from_another_module_used_outside_a_call_points_where_it_is_written(
    tmp_path: Path,
) -> None:
    """``browse_url(BASE_URL + "/", key)`` (a link for people) holds the site base the
    settings module defaults to: the site is written there, so that is where it is reported."""
    root = _write(tmp_path, {
        "jobs/settings.py": """
            import os
            BASE_URL = os.environ.get("JIRA_BASE_URL", "https://acme.atlassian.net").rstrip("/")
            """,
        "jobs/__init__.py": "",
        "jobs/report.py": """
            import requests
            from jobs.settings import BASE_URL

            def browse_url(base, key):
                return f"{base}browse/{key}"

            requests.get(BASE_URL + "/rest/api/3/myself")
            link = browse_url(BASE_URL + "/", "OPS-1")
            """,
    })
    found = [c for c in api.find_calls(["."], cwd=root) if c.location.path == "jobs/report.py"]
    assert [(c.location.path, c.location.line, c.kind, c.url) for c in found] == [
        ("jobs/report.py", 7, "call", "https://acme.atlassian.net/rest/api/3/myself"),
        ("jobs/report.py", 8, "base-url", "https://acme.atlassian.net/"),
    ]
    assert all(("jobs/settings.py", 2) in [(r.path, r.line) for r in c.related] for c in found)
    findings = api.check(["."], cwd=root, select=["SL001"]).findings
    assert [(f.code, f.location.path, f.location.line) for f in findings] == [
        ("SL001", "jobs/settings.py", 2),
    ]
