"""Lookups on the table in use: dropped operations, new products, curated endpoints, `latest`.

What a user sees from `scopes`, `suggest` and `explain-error` (issue #15), on the committed
table: no OpenAPI document is needed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from scopelint.kb.table import KnowledgeBase, data_dir
from scopelint.model import PRODUCT_TITLES, PRODUCTS

Run = Callable[..., Result]


def scopes_json(run_cli: Run, method: str, url: str) -> dict[str, Any]:
    result = run_cli("scopes", method, url, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ---------------------------------------------------------------- dropped operations


def test_scopes_of_a_dropped_confluence_v1_operation(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "https://acme.atlassian.net/wiki/rest/api/content/123")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "GET /wiki/rest/api/content/{id}"
    assert (
        "  retired:       dropped from Atlassian's confluence-v1 document "
        "(last seen in its version 1.0.0 of 2024-02-04)"
    ) in lines
    assert "  instead:       use GET /wiki/api/v2/pages/{id} (read:page:confluence (granular))" in lines
    scopes_line = lines[lines.index("  connect scope: READ") + 1]
    assert scopes_line.startswith("  scopes (the last documented scopes; ")
    assert "      read:confluence-content.summary" in lines

    data = scopes_json(run_cli, "GET", "https://acme.atlassian.net/wiki/rest/api/content/123")
    assert {(a["kind"], tuple(a["scopes"])) for a in data["alternatives"]} == {
        ("classic", ("read:confluence-content.summary",)),
        ("granular", ("read:content-details:confluence",)),
    }
    retired = data["retired"]
    assert (retired["dropped_from"], retired["last_seen"], retired["last_version"]) == (
        "confluence-v1", "2024-02-04", "1.0.0",
    )
    assert retired["removed_on"] is None
    assert retired["replacement"] == "GET /wiki/api/v2/pages/{id}"
    assert retired["replacement_alternatives"] == [
        {"kind": "granular", "state": "Current", "scopes": ["read:page:confluence"]}
    ]
    assert retired["source"] == "https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864"


@pytest.mark.parametrize(
    ("method", "url", "replacement"),
    [
        ("GET", "/wiki/rest/api/space", "GET /wiki/api/v2/spaces"),
        (
            "GET",
            "https://api.atlassian.com/ex/confluence/c/wiki/rest/api/space/DEV",
            "GET /wiki/api/v2/spaces/{id}",
        ),
        ("POST", "/wiki/rest/api/content", "POST /wiki/api/v2/pages"),
        ("PUT", "/wiki/rest/api/content/1", "PUT /wiki/api/v2/pages/{id}"),
        ("DELETE", "/wiki/rest/api/content/1", "DELETE /wiki/api/v2/pages/{id}"),
        ("GET", "/wiki/rest/api/content/1/child/page", "GET /wiki/api/v2/pages/{id}/children"),
        ("GET", "/wiki/rest/api/content/1/child/comment", "GET /wiki/api/v2/pages/{id}/footer-comments"),
        ("GET", "/rest/api/3/filter", "GET /rest/api/3/filter/search"),
    ],
)
def test_each_dropped_operation_of_the_issue_names_its_replacement(
    run_cli: Run, method: str, url: str, replacement: str
) -> None:
    retired = scopes_json(run_cli, method, url)["retired"]
    assert retired["dropped_from"] and retired["replacement"] == replacement
    assert retired["replacement_alternatives"]


def test_a_dropped_operation_without_a_replacement_says_so(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "https://api.bitbucket.org/2.0/addon/linkers")
    assert result.exit_code == 0
    assert "dropped from Atlassian's bitbucket document (last seen in its version 2.0 of 2026-04-12)" in (
        result.stdout
    )
    assert "  instead:       no replacement is known" in result.stdout


def test_a_removal_the_documents_never_had_is_still_explained(run_cli: Run) -> None:
    result = run_cli("scopes", "POST", "/rest/api/2/search/id")
    assert result.exit_code == 1  # no operation to show
    assert result.stderr.startswith(
        "scopelint: POST /rest/api/2/search/id was removed by Atlassian on 2025-08-01"
    )
    assert "use POST /rest/api/2/search/jql (read:jira-work (classic)" in result.stderr
    assert "Nearest known operations" not in result.stderr


def test_the_current_search_removal_keeps_its_date_and_notice(kb: KnowledgeBase) -> None:
    removal = kb.removal("GET", "/rest/api/3/search")
    assert removal is not None and not removal.dropped  # still in the current document
    assert (removal.removed_on, removal.replacement) == ("2025-08-01", "GET /rest/api/3/search/jql")
    assert removal.notice.startswith("CHANGE-2046")
    both = kb.removal("POST", "/rest/api/3/search/id")  # removed, and gone from the document
    assert both is not None and both.removed_on == "2025-08-01" and both.dropped


# ---------------------------------------------------------------- new products, curated


def test_a_jsm_assets_object_resolves_in_both_url_forms(run_cli: Run) -> None:
    for url in (
        "https://api.atlassian.com/jsm/assets/workspace/ws-1/v1/object/88",
        "https://api.atlassian.com/ex/jira/c1d/jsm/assets/workspace/ws-1/v1/object/88",
    ):
        data = scopes_json(run_cli, "GET", url)
        assert data["path"] == "/jsm/assets/workspace/{workspaceId}/v1/object/{id}"
        assert data["product"] == "jsm-assets"
        assert data["alternatives"] == [
            {"kind": "granular", "state": "Current", "scopes": ["read:cmdb-object:jira"]}
        ]
    assert scopes_json(run_cli, "DELETE", url)["alternatives"][0]["scopes"] == ["delete:cmdb-object:jira"]


def test_a_jsm_operations_alert_resolves(run_cli: Run) -> None:
    data = scopes_json(run_cli, "GET", "https://api.atlassian.com/jsm/ops/api/c1d/v1/alerts")
    assert (data["path"], data["product"]) == ("/jsm/ops/api/{cloudId}/v1/alerts", "jsm-ops")
    assert data["alternatives"] == [
        {"kind": "granular", "state": None, "scopes": ["read:ops-alert:jira-service-management"]}
    ]


def test_the_newer_bitbucket_document_is_the_current_one(kb: KnowledgeBase, run_cli: Run) -> None:
    bitbucket = next(d for d in kb.documents if d.key == "bitbucket")
    assert (bitbucket.source, bitbucket.date, bitbucket.status) == (
        "bitbucket-2026-06.json",
        "2026-06-29",
        "current",
    )
    url = "https://api.bitbucket.org/2.0/repositories/ws/repo/file-conflicts/a..b"
    data = scopes_json(run_cli, "GET", url)
    assert data["product"] == "bitbucket" and data["retired"] is None  # only in the newer document


def test_the_user_identity_endpoint_needs_read_me(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "https://api.atlassian.com/me")
    assert result.exit_code == 0
    assert "  product:       Atlassian identity and OAuth 2.0 (identity)" in result.stdout
    assert result.stdout.rstrip().endswith("classic, Current:\n      read:me")
    resources = scopes_json(run_cli, "GET", "https://api.atlassian.com/oauth/token/accessible-resources")
    assert resources["alternatives"] == [{"kind": "classic", "state": "Current", "scopes": []}]
    assert "3LO" in resources["note"]["text"] and resources["note"]["source"].startswith("https://")


def test_oauth_scopes_are_known_everywhere(kb: KnowledgeBase) -> None:
    for scope in ("read:me", "read:account", "offline_access"):
        assert kb.is_known_scope(scope), scope
        assert "identity" in kb.products_of_scope(scope) or scope == "offline_access"


# ---------------------------------------------------------------- latest


def test_latest_is_the_newest_version_of_every_versioned_prefix(kb: KnowledgeBase) -> None:
    board = kb.resolve("GET", "https://acme.atlassian.net/rest/agile/latest/board/7").operation
    assert board is not None and board.path == "/rest/agile/1.0/board/{boardId}"
    issue = kb.resolve("GET", "/rest/api/latest/issue/PPT-1").operation
    assert issue is not None and issue.path == "/rest/api/2/issue/{issueIdOrKey}"  # latest is v2
    assert kb.router.latest["api"] == "2" and kb.router.latest["agile"] == "1.0"


def test_an_operation_only_in_v3_under_latest_says_why_it_is_unknown(run_cli: Run) -> None:
    result = run_cli("scopes", "GET", "/rest/api/latest/bulk/queue/12")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first == (
        "scopelint: no known operation matches GET /rest/api/2/bulk/queue/12 (/rest/api/latest is "
        "version 2; GET /rest/api/3/bulk/queue/{taskId} exists only in version 3: call "
        "/rest/api/3/... instead)"
    )


# ---------------------------------------------------------------- suggest, explain-error


def test_suggest_text_when_nothing_needs_a_scope(run_cli: Run) -> None:
    result = run_cli("suggest", "--endpoints", "GET /rest/api/3/serverInfo")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.startswith("0 scopes for 1 endpoint")
    assert "No scopes to request." in result.stdout
    assert "No scope needed:\n  GET /rest/api/3/serverInfo" in result.stdout


def test_suggest_takes_the_replacements_scopes_for_a_dropped_operation(run_cli: Run) -> None:
    result = run_cli("suggest", "--endpoints", "GET /wiki/rest/api/content/123", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (entry,) = data["endpoints"]
    assert (entry["status"], entry["scopes_from"]) == ("dropped", "GET /wiki/api/v2/pages/{id}")
    assert entry["dropped"]["last_seen"] == "2024-02-04" and entry["removed"] is None
    assert data["scopes"] == ["read:page:confluence"]
    assert data["dropped"] == ["GET /wiki/rest/api/content/123"]
    text = run_cli("suggest", "--endpoints", "GET /wiki/rest/api/content/123").stdout
    assert "Dropped endpoints (gone from Atlassian's current documents):" in text
    assert "use GET /wiki/api/v2/pages/{id}" in text


def test_suggest_does_not_call_the_bitbucket_workspace_free(run_cli: Run) -> None:
    endpoint = "GET https://api.bitbucket.org/2.0/workspaces/acme"
    result = run_cli("suggest", "--endpoints", endpoint, "--format", "json")
    data = json.loads(result.stdout)
    assert data["scopes"] == ["read:workspace:bitbucket"]
    assert data["endpoints"][0]["chosen"]["scopes"] == ["read:workspace:bitbucket"]


def test_explain_error_names_the_replacement_of_a_dropped_endpoint(run_cli: Run) -> None:
    url = "https://api.atlassian.com/ex/confluence/c1d/wiki/rest/api/space"
    result = run_cli("explain-error", "Gone", "--status", "410", "--url", url, "--format", "json")
    data = json.loads(result.stdout)
    (match,) = data["matched"]
    assert match["id"] == "api-removed" and match["confirmed"] is True
    (fact,) = match["facts"]
    assert fact.startswith("Replacement: GET /wiki/api/v2/spaces (GET /wiki/rest/api/space was dropped")
    endpoint = next(c for c in data["checks"] if c["id"] == "endpoint")
    assert endpoint["status"] == "problem" and "use GET /wiki/api/v2/spaces" in endpoint["message"]


# ---------------------------------------------------------------- one list of products


def test_every_list_of_products_derives_from_one() -> None:
    schema = json.loads((data_dir() / "table.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["product"]["enum"]) == PRODUCTS
    assert tuple(PRODUCT_TITLES) == PRODUCTS
    from scopelint.suggest.result import ANY_TOKEN, JIRA_FAMILY

    assert JIRA_FAMILY | ANY_TOKEN | {"confluence", "bitbucket"} == set(PRODUCTS)


def test_kb_update_knows_every_current_document(kb: KnowledgeBase) -> None:
    from scopelint.kb.update import DOCUMENT_URLS, expected_product

    assert set(DOCUMENT_URLS) == {d.key for d in kb.documents if d.status == "current"}
    assert expected_product("jsm-assets") == "jsm-assets" and expected_product("bitbucket") == "bitbucket"
