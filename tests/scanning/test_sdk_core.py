"""The language-independent part of SDK calls (scanning/core/sdk.py): which table a project
uses, what a method call sends, which requests are implicit, and the SDK-level way out of an
endpoint Atlassian removed (the text SL004 appends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.scanning.core.sdk import FileSdks, imports_an_sdk


def project(tmp_path: Path, manifest: str, text: str) -> FileSdks:
    (tmp_path / ".git").mkdir()
    (tmp_path / manifest).write_text(text, encoding="utf-8")
    language = "python" if manifest.endswith(".txt") else "javascript"
    return FileSdks(tmp_path, language)


def test_which_imports_belong_to_an_sdk() -> None:
    assert imports_an_sdk(["os", "jira.resources"], "python")
    assert imports_an_sdk(["atlassian"], "python")
    assert not imports_an_sdk(["requests", "jiraone"], "python")
    assert imports_an_sdk(["jira.js/out/version3"], "javascript")
    assert not imports_an_sdk(["atlassian"], "javascript")  # another language's SDK


@pytest.mark.parametrize(
    ("manifest", "text", "cls", "method", "options", "replacement"),
    [
        ("requirements.txt", "jira==3.8.0\n", ("jira.JIRA", None), "search_issues", {},
         "upgrade jira to >=3.10 (jira 3.8.0 is in use): its search_issues calls GET /rest/api/2/search/jql"),
        ("package.json", '{"dependencies": {"jira.js": "4.1.3"}}', ("jira.js", "Version3Client"),
         "issueSearch.searchForIssuesUsingJql", {},
         "jira.js 4.1.3 has issueSearch.searchForIssuesUsingJqlEnhancedSearch, "
         "which calls GET /rest/api/3/search/jql"),
        ("package.json", '{"dependencies": {"jira-client": "8.2.2"}}', ("jira-client", "default"),
         "searchJira", {"apiVersion": "2"},
         "jira-client 8.2.2 has no method that calls POST /rest/api/2/search/jql"),
        ("requirements.txt", "atlassian-python-api==5.0.5\n", ("atlassian.Jira", None), "jql", {},
         "atlassian-python-api 5.0.5 has jql, which calls GET /rest/api/2/search/jql when the client is "
         "constructed with cloud=True"),
    ],
)
def test_the_sdk_way_out_of_a_removed_endpoint(
    tmp_path: Path, manifest: str, text: str, cls: tuple[str, str | None], method: str,
    options: dict[str, object], replacement: str,
) -> None:
    sdks = project(tmp_path, manifest, text)
    klass = sdks.klass(*cls)
    assert klass is not None
    outcome = sdks.call(klass, method, options)
    assert [r.use.replacement for r in outcome.requests if not r.use.implicit] == [replacement]


def test_implicit_requests_and_the_request_a_method_is_for(tmp_path: Path) -> None:
    sdks = project(tmp_path, "requirements.txt", "jira==3.8.0\n")
    jira = sdks.klass("jira.JIRA")
    assert jira is not None
    # recorded tables: the request that changes something is the method's own
    transition = sdks.call(jira, "transition_issue", {})
    assert [(r.method, r.use.implicit) for r in transition.requests] == [
        ("GET", "sent by the SDK on the way"), ("POST", None)
    ]
    # ... else the last one (search_issues reads the fields first)
    search = sdks.call(jira, "search_issues", {})
    assert [(r.path, r.use.implicit) for r in search.requests] == [
        ("/rest/api/2/field", "sent by the SDK on the way"), ("/rest/api/2/search", None)
    ]
    assert search.items == "jira.resources.Issue"  # for issue in jira.search_issues(...)
    # the constructor's own request follows the path option, and an option switches it off
    assert [r.path for r in sdks.constructor(jira, {"rest_api_version": "3"})] == ["/rest/api/3/serverInfo"]
    assert sdks.constructor(jira, {"get_server_info": False}) == []


def test_an_unresolved_sdk_call_says_why(tmp_path: Path) -> None:
    sdks = project(tmp_path, "requirements.txt", "jira==3.8.0\natlassian-python-api==3.41.16\n")
    jira = sdks.klass("jira.JIRA")
    assert jira is not None
    assert sdks.call(jira, "frobnicate", {}).use.reason == (
        "frobnicate is not a method of jira.JIRA in the jira 3.8.0 table"
    )
    assert sdks.call(jira, "rank", {}).use.reason == (
        "the jira 3.8.0 table could not read its requests "
        "(ValueError: One of 'next_issue' or 'prev_issue' must be specified)"
    )
    assert sdks.call(jira, "client_info", {}).use.reason == "made no request"  # not a call site
    cloud = sdks.klass("atlassian.bitbucket.Cloud")
    assert cloud is not None and cloud.info is None  # a class of the SDK the tables do not have
    assert sdks.call(cloud, "repositories.get", {}).use.reason == (
        "atlassian.bitbucket.Cloud is not in the atlassian-python-api 3.41.21 table"
    )
    assert sdks.klass("jira.exceptions.JIRAError") is None  # not a client
