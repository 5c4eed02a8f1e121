"""Request files (.http/.rest) and Postman collections."""

from __future__ import annotations

import json

from scopelint.model import CallSite
from scopelint.scanning.formats.http_file import extract as extract_http
from scopelint.scanning.formats.postman import extract as extract_postman
from scopelint.scanning.source import SourceFile

SITE = "https://acme.atlassian.net"
SCHEMA_21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
SCHEMA_20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"


def summary(found: list[CallSite]) -> list[tuple[str | None, str, str, int, int]]:
    return [(c.method, c.url, c.kind, c.location.line, c.location.column) for c in found]


HTTP_FILE = """\
@host = acme.atlassian.net
@baseUrl = https://{{host}}
@issue = PPT-1

### Get one issue
# @name getIssue
GET {{baseUrl}}/rest/api/3/issue/{{issue}} HTTP/1.1
Authorization: Basic {{token}}

###
POST https://{{host}}/rest/api/3/search
    ?jql=project%3DPPT
    &maxResults=5
Content-Type: application/json

{"see": "https://acme.atlassian.net/rest/api/3/issue/NOT-A-REQUEST"}

###
// a bare URL is a GET
https://api.atlassian.com/ex/jira/{{cloudId}}/rest/api/3/myself

###
put {{ baseUrl }}/rest/api/3/issue/{{issue}}/assignee

###
GET https://example.com/rest/api/3/nothing-atlassian-here
"""


def test_http_file_requests_variables_and_separators() -> None:
    scan = extract_http(SourceFile.from_text(HTTP_FILE, "jira.http"))
    assert scan.warnings == []
    assert summary(scan.calls) == [
        ("GET", f"{SITE}/rest/api/3/issue/{{issue}}", "call", 7, 5),
        ("POST", f"{SITE}/rest/api/3/search?jql=project%3DPPT&maxResults=5", "call", 11, 6),
        ("GET", "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/myself", "call", 20, 1),
        ("PUT", f"{SITE}/rest/api/3/issue/{{issue}}/assignee", "call", 23, 5),
        ("GET", "https://example.com/rest/api/3/nothing-atlassian-here", "call", 26, 5),
    ]
    assert {c.extractor for c in scan.calls} == {"http-file"}


def test_http_file_unresolvable_base_stays_a_placeholder() -> None:
    text = "@base = {{$dotenv JIRA_BASE}}\n\nGET {{base}}/rest/api/3/myself\n"
    scan = extract_http(SourceFile.from_text(text, "a.rest"))
    assert summary(scan.calls) == [("GET", "{base}/rest/api/3/myself", "call", 3, 5)]


def test_http_file_curl_request() -> None:
    text = "###\ncurl -X DELETE \\\n  https://acme.atlassian.net/rest/api/3/issue/X-1\n"
    scan = extract_http(SourceFile.from_text(text, "a.http"))
    assert summary(scan.calls) == [("DELETE", f"{SITE}/rest/api/3/issue/X-1", "call", 3, 3)]


def test_http_file_comments_are_not_requests() -> None:
    text = "# GET https://acme.atlassian.net/rest/api/3/myself\n// https://acme.atlassian.net/rest/api/3/x\n"
    assert extract_http(SourceFile.from_text(text, "a.http")).calls == []


def collection() -> dict[str, object]:
    return {
        "info": {"name": "Jira", "schema": SCHEMA_21},
        "item": [
            {
                "name": "Issues",
                "item": [
                    {
                        "name": "Nested",
                        "item": [
                            {
                                "name": "Edit",
                                "request": {
                                    "method": "PUT",
                                    "url": {
                                        "raw": "{{baseUrl}}/rest/api/3/issue/:issueKey",
                                        "host": ["{{baseUrl}}"],
                                        "path": ["rest", "api", "3", "issue", ":issueKey"],
                                    },
                                },
                            }
                        ],
                    },
                    {
                        "name": "Create",
                        "request": {
                            "method": "POST",
                            "url": {
                                "protocol": "https",
                                "host": ["acme", "atlassian", "net"],
                                "path": ["rest", "api", "3", "issue"],
                            },
                        },
                    },
                ],
            },
            {"name": "Pages", "request": {"url": f"{SITE}/wiki/api/v2/pages?limit=5"}},
            {"name": "Other", "request": {"method": "GET", "url": "https://example.com/health"}},
            {
                "name": "Projects",
                "request": {"method": "get", "url": {"raw": "{{gateway}}/rest/api/3/project"}},
            },
        ],
        "variable": [
            {"key": "baseUrl", "value": SITE},
            {"key": "gateway", "value": "not a url"},
        ],
    }


def locate(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_postman_nested_folders_and_object_urls() -> None:
    text = json.dumps(collection(), indent=2)
    scan = extract_postman(SourceFile.from_text(text, "jira.postman_collection.json"))
    assert scan.warnings == []
    assert summary(scan.calls) == [
        ("PUT", f"{SITE}/rest/api/3/issue/{{issueKey}}", "call",
         *locate(text, "{{baseUrl}}/rest/api/3/issue/:issueKey")),
        ("POST", f"{SITE}/rest/api/3/issue", "call", *locate(text, 'acme",')),
        ("GET", f"{SITE}/wiki/api/v2/pages?limit=5", "call", *locate(text, SITE + "/wiki")),
        ("GET", "{gateway}/rest/api/3/project", "call",
         *locate(text, "{{gateway}}/rest/api/3/project")),
    ]
    assert {c.extractor for c in scan.calls} == {"postman"}


def test_postman_v20_collection_minified_falls_back_sensibly() -> None:
    data = collection()
    data["info"] = {"name": "x", "schema": SCHEMA_20}
    scan = extract_postman(SourceFile.from_text(json.dumps(data), "c.postman_collection.json"))
    assert [c.location.line for c in scan.calls] == [1, 1, 1, 1]
    assert scan.calls[0].method == "PUT"


def test_not_a_collection_is_ignored_quietly() -> None:
    text = json.dumps({"info": {"schema": "something else"}, "item": [{"request": SITE}]})
    scan = extract_postman(SourceFile.from_text(text, "x.postman_collection.json"))
    assert (scan.calls, scan.warnings) == ([], [])


def test_invalid_json_gives_a_warning() -> None:
    scan = extract_postman(SourceFile.from_text('{"info": ', "x.postman_collection.json"))
    assert scan.calls == []
    assert len(scan.warnings) == 1
    assert scan.warnings[0].startswith("x.postman_collection.json: invalid JSON")
