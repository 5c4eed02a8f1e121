"""`scopelint explain-error`: known Atlassian errors, from plain text and JSON bodies."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.cli.main import cli
from scopelint.explain import CATALOGUE, explain, parse_error, render_json, render_text

NOT_VISIBLE = "Issue does not exist or you do not have permission to see it."
SCOPE_MISMATCH = "Unauthorized; scope does not match"
CONNECT = "Failed to parse Connect Session Auth Token"
REMOVED = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."
SITE_ISSUE_URL = "https://acme.atlassian.net/rest/api/3/issue/PPT-28"
GATEWAY_ID = "11111111-2222-3333-4444-555555555555"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["explain-error", *args], input=stdin, catch_exceptions=False)


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def matched_ids(*args: str) -> list[str]:
    return [m["id"] for m in run_json(*args)["matched"]]


def test_the_catalogue_is_data_with_unique_ids_and_advice() -> None:
    ids = [p.id for p in CATALOGUE]
    assert len(ids) == len(set(ids)) == 6
    assert all(p.causes and p.what_to_check for p in CATALOGUE)


# --------------------------------------------------------------------------- each pattern


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (NOT_VISIBLE, "not-found-on-site-url"),
        (SCOPE_MISMATCH, "scope-does-not-match"),
        (CONNECT, "connect-session-auth-token"),
        (REMOVED, "api-removed"),
    ],
)
def test_each_message_pattern_is_recognised_from_plain_text(message: str, expected: str) -> None:
    assert matched_ids(message) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"errorMessages": [NOT_VISIBLE], "errors": {}}, "not-found-on-site-url"),
        ({"code": 401, "message": SCOPE_MISMATCH}, "scope-does-not-match"),
        ({"message": CONNECT, "status-code": 401}, "connect-session-auth-token"),
        ({"errorMessages": [REMOVED]}, "api-removed"),
    ],
)
def test_each_message_pattern_is_recognised_from_a_json_body(
    body: dict[str, Any], expected: str
) -> None:
    data = run_json(json.dumps(body))
    assert [m["id"] for m in data["matched"]] == [expected]
    assert data["messages"][0] in (NOT_VISIBLE, SCOPE_MISMATCH, CONNECT, REMOVED)


def test_a_json_body_after_pasted_headers_is_found_with_its_status() -> None:
    pasted = f'HTTP/2 404\ncontent-type: application/json\n\n{{"errorMessages":["{NOT_VISIBLE}"]}}'
    data = run_json(pasted)
    assert data["status"] == 404
    assert data["messages"] == [NOT_VISIBLE]
    assert [m["id"] for m in data["matched"]] == ["not-found-on-site-url"]


def test_a_bare_410_is_recognised_as_a_removed_api() -> None:
    assert matched_ids("Gone", "--status", "410") == ["api-removed"]


def test_removed_api_names_the_replacement_when_the_url_resolves() -> None:
    result = run(REMOVED, "--url", "https://acme.atlassian.net/rest/api/3/search?jql=x")
    assert "Replacement: GET /rest/api/3/search/jql" in result.stdout
    post = run_json(REMOVED, "--url", "/rest/api/2/search", "--method", "POST")
    (match,) = post["matched"]
    assert any("Replacement: POST /rest/api/2/search/jql" in fact for fact in match["facts"])


def test_removed_api_without_url_lists_the_known_removals() -> None:
    (match,) = run_json(REMOVED)["matched"]
    assert any("GET /rest/api/3/search -> GET /rest/api/3/search/jql" in f for f in match["facts"])


def test_an_empty_200_from_jql_search_points_at_missing_scopes() -> None:
    url = f"https://api.atlassian.com/ex/jira/{GATEWAY_ID}/rest/api/3/search/jql?jql=project=PPT"
    data = run_json('{"issues": [], "isLast": true}', "--url", url, "--status", "200")
    (match,) = data["matched"]
    assert match["id"] == "empty-jql-search"
    assert "the request is a JQL search" in match["evidence"]
    # the scopes the search endpoint wants are shown by the checks
    endpoint = next(c for c in data["checks"] if c["id"] == "endpoint")
    assert "GET /rest/api/3/search/jql" in endpoint["message"]
    assert any("read:jira-work" in d for d in endpoint["details"])


def test_an_empty_search_in_plain_words_is_recognised_with_the_url() -> None:
    ids = matched_ids("200 OK but no issues returned", "--url", "/rest/api/3/search/jql?jql=a")
    assert ids == ["empty-jql-search"]


def test_an_empty_jql_search_described_in_words_is_recognised_without_url() -> None:
    data = run_json("JQL search returns empty results (status 200) with my scoped token")
    assert data["status"] == 200
    assert [m["id"] for m in data["matched"]] == ["empty-jql-search"]


def test_an_empty_issues_list_with_an_error_status_is_not_the_empty_search_pattern() -> None:
    assert "empty-jql-search" not in matched_ids('{"issues": []}', "--status", "500")


def test_classic_scopes_against_confluence_v2_are_recognised() -> None:
    url = f"https://api.atlassian.com/ex/confluence/{GATEWAY_ID}/wiki/api/v2/pages/123"
    data = run_json('{"code":401,"message":"Unauthorized; scope does not match"}', "--url", url)
    ids = [m["id"] for m in data["matched"]]
    assert ids[0] == "confluence-v2-classic-scopes" and "scope-does-not-match" in ids
    v2 = data["matched"][0]
    assert any("read:page:confluence" in fact for fact in v2["facts"])
    assert any(c["id"] == "confluence-v2" for c in data["checks"])


def test_confluence_v2_is_recognised_from_plain_text_too() -> None:
    text = "401 Unauthorized calling /wiki/api/v2/pages with read:confluence-content.all"
    data = run_json(text)
    v2 = next(m for m in data["matched"] if m["id"] == "confluence-v2-classic-scopes")
    assert "classic Confluence scopes are named" in v2["evidence"]


def test_an_unrelated_message_matches_nothing_and_says_so() -> None:
    result = run("Rate limit exceeded, retry later")
    assert result.exit_code == 0
    assert "No known error pattern matched" in result.stdout
    assert run_json("Rate limit exceeded, retry later")["matched"] == []


# --------------------------------------------------------------------------- url checks


def test_site_url_prints_the_gateway_form_and_the_endpoint_scopes() -> None:
    result = run(NOT_VISIBLE, "--url", SITE_ISSUE_URL)
    text = result.stdout
    assert result.exit_code == 0
    assert "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/PPT-28" in text
    assert "https://acme.atlassian.net/_edge/tenant_info" in text
    assert "GET /rest/api/3/issue/{issueIdOrKey}" in text
    assert "read:jira-work" in text and "read:issue-security-level:jira" in text
    assert "the URL is a site URL (acme.atlassian.net)" in text


def test_site_url_checks_in_json() -> None:
    data = run_json(NOT_VISIBLE, "--url", SITE_ISSUE_URL)
    site = next(c for c in data["checks"] if c["id"] == "site-url")
    assert site["status"] == "problem"
    gateway = "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/PPT-28"
    assert f"Same call through the gateway: {gateway}" in site["details"]
    assert data["matched"][0]["confirmed"] is True


def test_confluence_site_url_keeps_wiki_in_the_gateway_form() -> None:
    data = run_json("Unauthorized", "--url", "https://acme.atlassian.net/wiki/api/v2/pages/1")
    site = next(c for c in data["checks"] if c["id"] == "site-url")
    assert any(
        "https://api.atlassian.com/ex/confluence/{cloudId}/wiki/api/v2/pages/1" in d for d in site["details"]
    )


def test_a_gateway_url_with_a_site_name_instead_of_a_cloud_id_is_a_problem() -> None:
    data = run_json(SCOPE_MISMATCH, "--url", "https://api.atlassian.com/ex/jira/acme/rest/api/3/myself")
    gateway = next(c for c in data["checks"] if c["id"] == "gateway-url")
    assert gateway["status"] == "problem" and "'acme' does not look like a cloudId" in gateway["message"]


def test_a_gateway_url_on_the_wrong_product_segment_is_a_problem() -> None:
    url = f"https://api.atlassian.com/ex/jira/{GATEWAY_ID}/wiki/api/v2/pages/1"
    gateway = next(c for c in run_json("x", "--url", url)["checks"] if c["id"] == "gateway-url")
    assert gateway["status"] == "problem" and "use /ex/confluence/" in gateway["message"]


def test_a_good_gateway_url_passes_the_host_check() -> None:
    url = f"https://api.atlassian.com/ex/jira/{GATEWAY_ID}/rest/api/3/issue/PPT-28"
    gateway = next(c for c in run_json(SCOPE_MISMATCH, "--url", url)["checks"] if c["id"] == "gateway-url")
    assert gateway["status"] == "ok"


def test_an_endpoint_without_scoped_access_is_flagged_by_the_checks() -> None:
    data = run_json(SCOPE_MISMATCH, "--url", "/rest/api/3/mypreferences/locale", "--method", "PUT")
    endpoint = next(c for c in data["checks"] if c["id"] == "endpoint")
    assert endpoint["status"] == "problem" and "no scope helps" in endpoint["message"]


def test_an_unknown_url_gets_the_nearest_known_operations() -> None:
    data = run_json(SCOPE_MISMATCH, "--url", "/rest/api/3/isue/PPT-1")
    endpoint = next(c for c in data["checks"] if c["id"] == "endpoint")
    assert endpoint["status"] == "problem"
    assert "nearest known: GET /rest/api/3/issue/{issueIdOrKey}" in endpoint["details"]


# --------------------------------------------------------------------------- input and secrets


def test_message_from_stdin() -> None:
    result = run("-", stdin=json.dumps({"errorMessages": [NOT_VISIBLE]}))
    assert "not-found-on-site-url" not in result.stdout  # text output shows titles, not ids
    assert "The resource looks missing" in result.stdout


def test_an_empty_message_is_a_tool_error() -> None:
    result = run("   ")
    assert result.exit_code == 2 and "empty" in result.stderr


LONG_BASIC = "YWxpY2VAZXhhbXBsZS5jb206QVRBVFQzeEZmR0YwVjhLc2FtcGxlVG9rZW5WYWx1ZTEyMzQ1Njc4OTA="


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_pasted_authorization_header_never_appears_in_full(output_format: str) -> None:
    pasted = (
        f"curl -H 'Authorization: Basic {LONG_BASIC}' {SITE_ISSUE_URL}\n"
        f'{{"errorMessages":["{NOT_VISIBLE}"],"errors":{{}}}}\n'
        f'{{"message": "Authorization: Basic {LONG_BASIC} rejected"}}'
    )
    result = run(pasted, "--url", SITE_ISSUE_URL, "--format", output_format)
    assert result.exit_code == 0
    assert LONG_BASIC not in result.output
    assert LONG_BASIC[:20] not in result.output


def test_a_token_inside_an_error_message_is_redacted_but_the_message_is_shown() -> None:
    token = "ATATT3xFfGF0" + "a1B2c3D4" * 20
    pasted = json.dumps({"errorMessages": [f"Token {token} is not valid: {SCOPE_MISMATCH}"]})
    result = run(pasted)
    assert token not in result.stdout
    assert "Message: Token ATATT" in result.stdout and "scope does not match" in result.stdout


# --------------------------------------------------------------------------- library level


def test_parse_error_reads_statuses_from_json_and_text() -> None:
    assert parse_error('{"errors":[{"status":403,"title":"Forbidden"}]}').status == 403
    assert parse_error("HTTP/1.1 410 Gone").status == 410
    assert parse_error("anything", status=401).status == 401
    assert parse_error('{"statusCode": 404, "message": "Not found"}').messages == ["Not found"]


def test_explain_without_url_runs_no_checks() -> None:
    explanation = explain(NOT_VISIBLE)
    assert explanation.checks == [] and explanation.request is None
    assert [m.pattern.id for m in explanation.matched] == ["not-found-on-site-url"]


@settings(max_examples=80, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=80)))
def test_arbitrary_pasted_text_and_urls_never_raise(text: str, url: str | None) -> None:
    explanation = explain(text, url=url)
    assert isinstance(render_text(explanation), str)
    json.loads(render_json(explanation))


def test_hostile_json_nesting_is_read_as_plain_text() -> None:
    explanation = explain("[" * 100_000 + NOT_VISIBLE)
    assert [m.pattern.id for m in explanation.matched] == ["not-found-on-site-url"]


# --------------------------------------------------------------------------- causes ordered by the checks

GATEWAY_ISSUE_URL = f"https://api.atlassian.com/ex/jira/{GATEWAY_ID}/rest/api/3/issue/PPT-28"


def test_a_gateway_url_is_not_told_its_token_went_to_the_site_url() -> None:
    text = run(NOT_VISIBLE, "--url", GATEWAY_ISSUE_URL).stdout
    data = run_json(NOT_VISIBLE, "--url", GATEWAY_ISSUE_URL)

    (match,) = data["matched"]
    assert "site URL" not in match["title"]
    assert not any("site URL" in cause for cause in match["causes"])
    assert not any("gateway form" in item for item in match["what_to_check"])
    assert match["ruled_out"] == ["a token sent to the site URL (this URL goes through the API gateway)"]
    assert match["causes"][0].startswith("The token lacks the read scopes")
    assert "often a scoped token sent to the site URL" not in text
    assert "Not the cause here: a token sent to the site URL" in text


def test_the_site_url_cause_stays_first_on_a_site_url() -> None:
    (match,) = run_json(NOT_VISIBLE, "--url", SITE_ISSUE_URL)["matched"]

    assert match["causes"][0].startswith("A scoped API token (or an OAuth 2.0 access token) was sent "
                                         "to the site URL")
    assert match["ruled_out"] == []
    assert match["title"] == "The resource looks missing: often a scoped token sent to the site URL"


def test_missing_scopes_found_by_the_checks_come_before_what_they_cannot_tell() -> None:
    # a path without a host: the checks cannot tell site or gateway, but do find missing scopes
    url = "/rest/api/3/issue/PPT-28"
    (match,) = run_json(NOT_VISIBLE, "--url", url, "--scopes", "read:jira-user")["matched"]

    assert match["causes"][0].startswith("The token lacks the read scopes")
    assert "was sent to the site URL" in match["causes"][1]
    assert match["ruled_out"] == []


def test_a_connect_token_error_on_the_gateway_leads_with_the_authorization_scheme() -> None:
    (match,) = run_json(CONNECT, "--url", GATEWAY_ISSUE_URL)["matched"]

    assert match["causes"][0].startswith("An API token was sent as `Authorization: Bearer")
    assert not any("site URL" in cause for cause in match["causes"])
