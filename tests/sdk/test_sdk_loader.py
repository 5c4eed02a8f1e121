"""The SDK table loader on the shipped tables: class + method (+ version, + options) -> requests.

The examples are the ones issue #12 names: what a reader of the SDK's code would expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopelint.errors import DocumentError
from scopelint.kb.sdk import SdkIndex, SdkTable, load_index, load_table, version_in

SDKS = ("atlassian-python-api", "confluence.js", "jira", "jira-client", "jira.js")


@pytest.fixture(scope="module")
def index() -> SdkIndex:
    return load_index()


def table(index: SdkIndex, sdk: str, version: str) -> SdkTable:
    selected, assumed = index.select(sdk, version)
    assert not assumed and selected.version == version
    return selected


def paths(calls: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [[f"{r.method} {r.path}" for r in call.requests] for call in calls]


def test_every_sdk_has_two_tables_or_more(index: SdkIndex) -> None:
    assert index.sdks == sorted(SDKS)
    for sdk in SDKS:
        assert len(index.tables(sdk)) >= 2, sdk


# --------------------------------------------------------------------------- Python SDKs


def test_pycontribs_search_issues_changes_endpoint_at_3_10(index: SdkIndex) -> None:
    old = table(index, "jira", "3.8.0").lookup("jira.JIRA", "search_issues")
    new = table(index, "jira", "3.10.5").lookup("jira.JIRA", "search_issues")
    assert paths(old) == [["GET /rest/api/2/field", "GET /rest/api/2/search"]]
    assert paths(new) == [["GET /rest/api/2/field", "GET /rest/api/2/search/jql"]]
    # the removed endpoint names the SDK-level way out: upgrade
    assert old[0].replacement == {
        "endpoint": "GET /rest/api/2/search/jql",
        "upgrade": "jira >=3.10",
        "upgrade_method": "jira.client.JIRA.search_issues",
    }
    assert new[0].replacement is None
    assert table(index, "jira", "3.10.5").lookup("jira.JIRA", "enhanced_search_issues")
    assert not table(index, "jira", "3.8.0").lookup("jira.JIRA", "enhanced_search_issues")


def test_pycontribs_constructor_reads_server_info_unless_told_not_to(index: SdkIndex) -> None:
    jira = table(index, "jira", "3.10.5")
    (info,) = jira.constructor_requests("jira.JIRA")
    assert (info.method, info.path) == ("GET", "/rest/api/2/serverInfo")
    assert jira.constructor_requests("jira.JIRA", {"get_server_info": False}) == ()
    cls = jira.klass("jira.JIRA")
    assert cls is not None and cls["site"][:2] == [{"arg": 0}, {"keyword": "server"}]
    assert {"keyword": "options", "key": "server"} in cls["site"]


def test_pycontribs_issue_chains_to_resource_methods(index: SdkIndex) -> None:
    jira = table(index, "jira", "3.8.0")
    (issue,) = jira.lookup("jira.JIRA", "issue")
    assert paths([issue]) == [["GET /rest/api/2/issue/{id}"]]
    assert issue.requests[0].params == {"id": {"arg": 0, "keyword": "id"}}
    assert issue.returns == "jira.resources.Issue"
    # issue.update() and issue.delete() act on the issue the receiver holds
    (update,) = jira.lookup(issue.returns, "update")
    assert paths([update]) == [["PUT /rest/api/2/issue/{receiver0}", "GET /rest/api/2/issue/{receiver0}"]]
    (delete,) = jira.lookup(issue.returns, "delete")
    assert paths([delete]) == [["DELETE /rest/api/2/issue/{receiver0}"]]
    assert delete.requests[0].params == {"receiver0": {"receiver": 0}}
    # a generic method with no documented endpoint is listed, not made up
    assert jira.lookup("jira.resources.Status", "delete") == []
    assert "Atlassian documents no DELETE" in (jira.unresolved("jira.resources.Status", "delete") or "")


def test_pycontribs_create_issue_reads_the_project_first_when_given_a_key(index: SdkIndex) -> None:
    calls = {c.case: c for c in table(index, "jira", "3.10.5").lookup("jira.JIRA", "create_issue")}
    assert paths([calls["project-key"]]) == [
        ["GET /rest/api/2/project/{project}", "POST /rest/api/2/issue", "GET /rest/api/2/issue/{returned}"]
    ]
    assert paths([calls["project-id"]])[0][0] == "POST /rest/api/2/issue"


def test_pycontribs_rest_api_version_option_moves_paths(index: SdkIndex) -> None:
    jira = table(index, "jira", "3.10.5")
    (call,) = jira.lookup("jira.JIRA", "issue", {"rest_api_version": "3"})
    assert call.requests[0].path == "/rest/api/3/issue/{id}"
    (board,) = jira.lookup("jira.JIRA", "sprints")
    assert board.requests[0].path == "/rest/agile/1.0/board/{board_id}/sprint"


def test_atlassian_confluence_page_by_id_under_wiki(index: SdkIndex) -> None:
    apa = table(index, "atlassian-python-api", "3.41.21")
    (call,) = apa.lookup("atlassian.Confluence", "get_page_by_id", {"cloud": True})
    assert paths([call]) == [["GET /wiki/rest/api/content/{page_id}"]]
    cls = apa.klass("atlassian.Confluence")
    assert cls is not None
    assert (cls["product"], cls["site_suffix"]) == ("confluence", "/wiki")
    assert cls["site"] == [{"arg": 0}, {"keyword": "url"}]


def test_atlassian_update_page_writes_after_reading_the_history(index: SdkIndex) -> None:
    """update_page reads the page's history for its version number, then PUTs the page: the
    PUT (which needs a write scope) is in the table, not only the read on the way."""
    apa = table(index, "atlassian-python-api", "3.41.21")
    (call,) = apa.lookup("atlassian.Confluence", "update_page", {"cloud": True})
    assert paths([call]) == [[
        "GET /wiki/rest/api/content/{page_id}/history", "PUT /wiki/rest/api/content/{page_id}"
    ]]
    # append_page / prepend_page read the stored body, add to it and PUT the page
    for method in ("append_page", "prepend_page"):
        (call,) = apa.lookup("atlassian.Confluence", method, {"cloud": True})
        assert paths([call])[0][-1] == "PUT /wiki/rest/api/content/{page_id}", method
    (call,) = table(index, "atlassian-python-api", "5.0.5").lookup(
        "atlassian.Confluence", "create_page_from_template", {"cloud": False})
    assert paths([call])[0][-1] == "POST /rest/api/content"


def test_methods_that_read_a_file_record_their_upload(index: SdkIndex) -> None:
    """add_attachment / attach_file open the file they are given before sending it: the tables
    hold the upload (a write scope), not "could not read its requests (FileNotFoundError)"."""
    for version in ("3.8.0", "3.10.5"):
        pycontribs = table(index, "jira", version)
        assert paths(pycontribs.lookup("jira.JIRA", "add_attachment")) == [
            ["POST /rest/api/2/issue/{issue}/attachments"]
        ]
        assert pycontribs.unresolved("jira.JIRA", "add_attachment") is None
    apa = table(index, "atlassian-python-api", "3.41.21")
    assert paths(apa.lookup("atlassian.Jira", "add_attachment")) == [
        ["POST /rest/api/2/issue/{issue_key}/attachments"]
    ]
    uploads = apa.lookup("atlassian.Confluence", "attach_file", {"cloud": True})
    # with a page_id the page's attachments are read and the file POSTed; without one the page
    # is first looked up by space and title
    assert ["GET /wiki/rest/api/content/{page_id}/child/attachment",
            "POST /wiki/rest/api/content/{page_id}/child/attachment"] in paths(uploads)
    (desk,) = apa.lookup("atlassian.ServiceDesk", "create_attachment")
    assert [f"{r.method} {r.path}" for r in desk.requests][-1] == (
        "POST /rest/servicedeskapi/request/{issue_id_or_key}/attachment"
    )


def test_a_call_site_that_passes_a_case_keywords_is_that_case(index: SdkIndex) -> None:
    """attach_file(..., page_id=...) uploads to that page; without page_id the SDK first looks
    the page up by title: the keywords written at the call choose the recorded case."""
    apa = table(index, "atlassian-python-api", "3.41.21")
    lookup = "GET /wiki/rest/api/content"
    with_id = apa.lookup("atlassian.Confluence", "attach_file", {"cloud": True}, ["name", "page_id"])
    assert [c.case for c in with_id] == ["page-id"]
    assert lookup not in [r for p in paths(with_id) for r in p]
    by_title = apa.lookup("atlassian.Confluence", "attach_file", {"cloud": True}, ["title", "space"])
    assert [lookup] in paths(by_title) and len(by_title) == 2  # not decided: every possibility
    assert len(apa.lookup("atlassian.Confluence", "attach_file", {"cloud": True})) == 2
    pycontribs = table(index, "jira", "3.8.0")
    (by_fields,) = pycontribs.lookup("jira.JIRA", "create_issue", keywords=["fields"])
    assert by_fields.case == "project-id"
    (by_key,) = pycontribs.lookup("jira.JIRA", "create_issue", keywords=["project", "summary", "issuetype"])
    assert by_key.case == "project-key"


def test_atlassian_5_confluence_differs_by_cloud(index: SdkIndex) -> None:
    """5.x Confluence hands calls to a Cloud or a Server implementation; the Cloud one has no
    get_page_by_id: the table says so instead of borrowing the Server row."""
    apa = table(index, "atlassian-python-api", "5.0.5")
    (server,) = apa.lookup("atlassian.Confluence", "get_page_by_id", {"cloud": False})
    assert paths([server]) == [["GET /rest/api/content/{page_id}"]]  # below the URL given (.../wiki)
    assert apa.lookup("atlassian.Confluence", "get_page_by_id", {"cloud": True}) == []
    assert apa.lookup("atlassian.Confluence", "get_page_by_id") == []  # cloud is set for atlassian.net
    reason = apa.unresolved("atlassian.Confluence", "get_page_by_id") or ""
    assert reason.startswith("with cloud=True: ") and "no such method" in reason
    assert apa.klass("atlassian.Confluence")["cloud_site_path"] == "/wiki"  # type: ignore[index]


def test_atlassian_jql_depends_on_cloud_in_5_x(index: SdkIndex) -> None:
    apa = table(index, "atlassian-python-api", "5.0.5")
    assert paths(apa.lookup("atlassian.Jira", "jql", {"cloud": True})) == [["GET /rest/api/3/search/jql"]]
    (server,) = apa.lookup("atlassian.Jira", "jql", {"cloud": False})
    assert paths([server]) == [["GET /rest/api/2/search"]]
    assert server.replacement == {
        "endpoint": "GET /rest/api/2/search/jql",
        "method": "atlassian.Jira.jql",
        "when": {"cloud": True},
    }
    # atlassian.Jira does not set cloud=True by itself for an atlassian.net URL (Confluence does):
    # code that does not pass it gets the removed endpoint
    assert paths(apa.lookup("atlassian.Jira", "jql")) == [["GET /rest/api/2/search"]]
    assert apa.klass("atlassian.Jira")["options"][1] == {  # type: ignore[index]
        "name": "cloud",
        "in": {"keyword": "cloud"},
        "effect": "rows",
        "site_detected": False,
    }
    assert apa.klass("atlassian.ConfluenceV2")["options"][1]["site_detected"] is True  # type: ignore[index]
    # 3.x has one behaviour; the way out is an upgrade
    (old,) = table(index, "atlassian-python-api", "3.41.21").lookup("atlassian.Jira", "jql", {"cloud": True})
    assert old.replacement is not None and old.replacement["upgrade"] == "atlassian-python-api >=5"


def test_atlassian_bitbucket_cloud_paths(index: SdkIndex) -> None:
    apa = table(index, "atlassian-python-api", "5.0.5")
    (call,) = apa.lookup("atlassian.Bitbucket", "get_pull_request")
    assert call.requests[0].path == (
        "/2.0/repositories/{project_key}/{repository_slug}/pullrequests/{pull_request_id}"
    )


# --------------------------------------------------------------------------- JavaScript SDKs


def test_jira_js_get_issue_and_removed_search(index: SdkIndex) -> None:
    for version in ("4.1.3", "5.4.0"):
        js = table(index, "jira.js", version)
        (get,) = js.lookup("jira.js Version3Client", "issues.getIssue")
        assert paths([get]) == [["GET /rest/api/3/issue/{issueIdOrKey}"]]
        assert get.requests[0].params["issueIdOrKey"]["key"] == "issueIdOrKey"
        (search,) = js.lookup("jira.js Version3Client", "issueSearch.searchForIssuesUsingJql")
        assert paths([search]) == [["GET /rest/api/3/search"]]
        assert search.replacement is not None
        assert search.replacement["method"] == (
            "jira.js Version3Client.issueSearch.searchForIssuesUsingJqlEnhancedSearch"
        )
    v6 = table(index, "jira.js", "6.2.0")
    (get,) = v6.lookup("jira.js createCloudClient", "issues.getIssue")
    assert paths([get]) == [["GET /rest/api/3/issue/{issueIdOrKey}"]]
    assert v6.klass("jira.js createCloudClient")["construct"] == "factory"  # type: ignore[index]
    assert not v6.lookup("jira.js Version3Client", "issues.getIssue")  # 6.x has no Version3Client


def test_jira_js_edit_issue_may_read_the_issue_first(index: SdkIndex) -> None:
    (edit,) = table(index, "jira.js", "5.4.0").lookup("jira.js Version3Client", "issues.editIssue")
    first, last = edit.requests[0], edit.requests[-1]
    assert (first.method, first.optional, first.implicit) == ("GET", True, "via getIssue")
    assert (last.method, last.path) == ("PUT", "/rest/api/3/issue/{issueIdOrKey}")


def test_jira_client_paths_follow_api_version(index: SdkIndex) -> None:
    jc = table(index, "jira-client", "8.2.2")
    assert paths(jc.lookup("jira-client JiraApi", "findIssue")) == [["GET /rest/api/2/issue/{issueNumber}"]]
    assert paths(jc.lookup("jira-client JiraApi", "addComment")) == [
        ["POST /rest/api/2/issue/{issueId}/comment"]
    ]
    (v3,) = jc.lookup("jira-client JiraApi", "findIssue", {"apiVersion": "3"})
    assert v3.requests[0].path == "/rest/api/3/issue/{issueNumber}"
    (based,) = jc.lookup("jira-client JiraApi", "findIssue", {"base": "/jira"})
    assert based.requests[0].path == "/jira/rest/api/2/issue/{issueNumber}"
    (slashed,) = jc.lookup("jira-client JiraApi", "findIssue", {"base": "/jira/"})
    assert slashed.requests[0].path == "/jira/rest/api/2/issue/{issueNumber}"
    cls = jc.klass("jira-client JiraApi")
    assert cls is not None and cls["site_scheme_optional"] is True
    assert cls["site"] == [{"arg": 0, "key": "host"}]
    assert paths(table(index, "jira-client", "7.2.0").lookup("jira-client JiraApi", "findIssue")) == [
        ["GET /rest/api/2/issue/{issueNumber}"]
    ]


def test_confluence_js_prefix_and_v2_groups(index: SdkIndex) -> None:
    (v1,) = table(index, "confluence.js", "2.1.0").lookup(
        "confluence.js ConfluenceClient", "content.getContentById"
    )
    assert paths([v1]) == [["GET /wiki/rest/api/content/{id}"]]
    (moved,) = table(index, "confluence.js", "2.1.0").lookup(
        "confluence.js ConfluenceClient", "content.getContentById", {"apiPrefix": "/confluence/rest"}
    )
    assert moved.requests[0].path == "/confluence/rest/api/content/{id}"
    v3 = table(index, "confluence.js", "3.2.0")
    (page,) = v3.lookup("confluence.js createV2Client", "page.getPageById")
    assert paths([page]) == [["GET /wiki/api/v2/pages/{id}"]]


def test_raw_session_escape_hatches_are_listed(index: SdkIndex) -> None:
    jira = table(index, "jira", "3.10.5").klass("jira.JIRA")
    assert jira is not None and jira["raw"][0]["attribute"] == "_session"
    js = table(index, "jira.js", "6.2.0").klass("jira.js createCloudClient")
    assert js is not None and js["raw"][0]["methods"] == {"sendRequest": "KEY:method"}
    apa = table(index, "atlassian-python-api", "5.0.5").klass("atlassian.Confluence")
    assert apa is not None and set(apa["raw"][0]["methods"]) >= {"get", "post", "put", "delete"}
    assert "get" not in apa["methods"]  # the raw helpers are not endpoints


# --------------------------------------------------------------------------- selection


@pytest.mark.parametrize(
    ("sdk", "version", "spec", "picked", "assumed"),
    [
        ("jira", "3.9.2", None, "3.8.0", False),
        ("jira", "3.10.0", None, "3.10.5", False),
        ("jira", None, ">=3.8", "3.10.5", False),  # pip installs the newest the range admits
        ("jira", None, "<3.10,>=3.5", "3.8.0", False),
        ("jira", None, ">=3.8,<4", "3.10.5", False),
        ("jira", None, None, "3.10.5", True),
        ("jira", "not-a-version", None, "3.10.5", True),
        ("jira", None, "===garbage", "3.10.5", True),
        ("jira.js", "4.0.6", None, "4.1.3", False),
        ("jira.js", None, "^4.1.0", "4.1.3", False),
        ("jira.js", None, "~5.2.0", "5.4.0", False),
        ("jira.js", None, ">=4 <7", "6.2.0", False),
        ("jira.js", "7.0.0", None, "6.2.0", False),
        ("jira.js", None, "git+https://example.invalid/x", "6.2.0", True),
        ("atlassian-python-api", "4.0.7", None, "3.41.21", False),
        ("jira-client", "6.21.1", None, "7.2.0", False),
    ],
)
def test_select_table_for_detected_version(
    index: SdkIndex, sdk: str, version: str | None, spec: str | None, picked: str, assumed: bool
) -> None:
    info, was_assumed = index.info_for(sdk, version, spec)
    assert (info.version, was_assumed) == (picked, assumed)


def test_sdk_for_import(index: SdkIndex) -> None:
    assert index.sdk_for_import("jira") == "jira"
    assert index.sdk_for_import("jira.resources") == "jira"
    assert index.sdk_for_import("atlassian.confluence") == "atlassian-python-api"
    assert index.sdk_for_import("jira.js") == "jira.js"
    assert index.sdk_for_import("jira.js/out/version3") == "jira.js"
    assert index.sdk_for_import("jira-client") == "jira-client"
    assert index.sdk_for_import("confluence.js") == "confluence.js"
    assert index.sdk_for_import("jiraffe") is None
    assert index.sdk_for_import("requests") is None


def test_version_in_uses_each_ecosystem_rules() -> None:
    assert version_in("pypi", "3.10.5", ">=3.10")
    assert not version_in("pypi", "3.10.0rc1", ">=3.10")  # PEP 440: a pre-release is older
    assert version_in("npm", "5.4.0", "^5.2.0") and not version_in("npm", "6.0.0", "^5.2.0")
    assert not version_in("npm", "5.4.0", "not a range at all")


def test_unknown_class_or_method(index: SdkIndex) -> None:
    jira = table(index, "jira", "3.10.5")
    assert jira.lookup("jira.NoSuchClass", "issue") == []
    assert jira.lookup("jira.JIRA", "no_such_method") == []
    # driven, listed with the reason
    assert (jira.unresolved("jira.JIRA", "backup_complete") or "").startswith("ValueError")


def test_damaged_table_and_index_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('{"sdk": "x"', encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_table(bad)
    assert str(err.value) == f"{bad.resolve()}: damaged SDK table (JSONDecodeError)"
    bad.write_text(json.dumps({"sdk": "x"}), encoding="utf-8")
    with pytest.raises(DocumentError, match="damaged SDK table"):
        load_table(tmp_path / "t.json")  # cached per path: the first failure is not cached
    with pytest.raises(DocumentError, match="no SDK index"):
        load_index(tmp_path)
