"""A link to Atlassian's documentation (developer.atlassian.com/cloud/.../rest/v3/intro/) and
an example URL with an elided path (``f"{BASE}/rest/api/3/..."``) are not REST calls, in any
language; the calls next to them still are."""

from __future__ import annotations

from pathlib import Path

from scopelint import api

DOCS = "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/"
FILES = {
    "tools/report.py": (
        "import requests\n"
        f"# see {DOCS}\n"
        f'DOCS = "{DOCS}"\n'
        'HELP = "https://developer.atlassian.com/cloud/confluence/rest/v2/intro/"\n'
        'HINT = f"call {BASE}/rest/api/3/... with a scoped token"\n'
        "def me():\n"
        '    return requests.get("https://acme.atlassian.net/rest/api/3/myself")\n'
    ),
    "web/spaces.js": (
        "const DOCS = 'https://developer.atlassian.com/cloud/confluence/rest/v2/intro/';\n"
        "fetch('https://acme.atlassian.net/wiki/api/v2/spaces');\n"
    ),
    "src/Links.java": f'class Links {{ static final String DOCS = "{DOCS}"; }}\n',
    "cmd/links.go": f'package main\n\nconst docs = "{DOCS}"\n',
    "support.py": (
        'TICKET = "https://support.atlassian.com/contact/#/rest/api/3/issue"\n'
        'COMMUNITY = "https://community.atlassian.com/t5/Jira/rest/api/3/search/qaq-p/1"\n'
    ),
}


def test_documentation_links_and_elided_examples_are_not_calls(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    found = {(c.location.path, c.url) for c in api.find_calls(["."], cwd=tmp_path) if c.kind == "call"}
    assert found == {
        ("tools/report.py", "https://acme.atlassian.net/rest/api/3/myself"),
        ("web/spaces.js", "https://acme.atlassian.net/wiki/api/v2/spaces"),
    }


def test_the_gateway_and_sites_are_still_api_hosts() -> None:
    from scopelint.kb.hosts import is_atlassian_web_host
    from scopelint.scanning.urls import url_kind

    assert is_atlassian_web_host("developer.atlassian.com")
    assert is_atlassian_web_host("Support.Atlassian.com.")
    assert not is_atlassian_web_host("api.atlassian.com")
    assert not is_atlassian_web_host("acme.atlassian.net")
    assert url_kind("https://api.atlassian.com/ex/jira/1/rest/api/3/myself") == "call"
    assert url_kind("https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/") is None
    assert url_kind("https://acme.atlassian.net/rest/api/3/issue/.../comment") is None
    assert url_kind("https://acme.atlassian.net/rest/api/3/search?jql=...") == "call"
