"""The keyword arguments written at an SDK call choose the way of calling the table recorded
(its ``case``): a call that names the page does not look it up by title."""

from __future__ import annotations

from pathlib import Path

from scopelint import api

SCRIPT = '''\
from atlassian import Confluence
from jira import JIRA

wiki = Confluence(url="https://acme.atlassian.net", username="u", password="t", cloud=True)
wiki.attach_file("report.pdf", name="report.pdf", page_id="123")
wiki.attach_file("notes.pdf", title="Release notes", space="ENG")
options = {"title": "Release notes", "space": "ENG"}
wiki.attach_file("more.pdf", **options)
jira = JIRA(server="https://acme.atlassian.net", basic_auth=("u", "t"))
jira.create_issue(fields={"project": {"key": "ENG"}, "summary": "s", "issuetype": {"name": "Bug"}})
jira.create_issue(project="ENG", summary="s", issuetype={"name": "Bug"})
'''


def _requests(tmp_path: Path) -> dict[int, set[str]]:
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("atlassian-python-api==3.41.21\njira==3.8.0\n")
    (tmp_path / "publish.py").write_text(SCRIPT)
    found: dict[int, set[str]] = {}
    for call in api.find_calls(["."], cwd=tmp_path):
        if call.kind == "call":
            found.setdefault(call.location.line, set()).add(f"{call.method} {call.url}")
    return found


def test_keywords_at_the_call_choose_the_recorded_case(tmp_path: Path) -> None:
    found = _requests(tmp_path)
    title_lookup = "GET /wiki/rest/api/content"
    upload = "POST /wiki/rest/api/content/{page_id}/child/attachment"
    assert upload in found[5] and title_lookup not in found[5]  # page_id given: no lookup
    assert {upload, title_lookup} <= found[6]  # by title and space: the lookup, then the upload
    assert {upload, title_lookup} <= found[8]  # **options: undecided, every possibility
    project_lookup = "GET /rest/api/2/project/{project}"
    assert "POST /rest/api/2/issue" in found[10] and project_lookup not in found[10]
    assert {"POST /rest/api/2/issue", project_lookup} <= found[11]
