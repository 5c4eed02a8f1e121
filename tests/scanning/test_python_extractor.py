"""The Python extractor: which call sites a user's Python code yields, and where."""

from __future__ import annotations

import textwrap

import pytest

from scopelint.model import CallSite, FileScan
from scopelint.scanning.languages.python import extract
from scopelint.scanning.source import SourceFile


def scan(code: str, display: str = "app/jira.py") -> FileScan:
    return extract(SourceFile.from_text(textwrap.dedent(code), display))


def calls(code: str) -> list[tuple[str | None, str, str]]:
    """(method, url, kind) of every call site, in file order."""
    return [(c.method, c.url, c.kind) for c in scan(code).calls]


def only(code: str) -> CallSite:
    found = scan(code).calls
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- URL shapes


def test_string_constant_passed_to_requests_get() -> None:
    site = only(
        """
        import requests
        requests.get("https://acme.atlassian.net/rest/api/3/myself")
        """
    )
    assert (site.method, site.url, site.kind) == (
        "GET", "https://acme.atlassian.net/rest/api/3/myself", "call"
    )
    assert site.extractor == "python"
    assert (site.location.path, site.location.line, site.location.column) == ("app/jira.py", 3, 14)


def test_fstring_resolves_known_constants_and_names_the_rest() -> None:
    assert calls(
        """
        import os, requests
        BASE = "https://acme.atlassian.net"
        def get_issue(key):
            return requests.get(f"{BASE}/rest/api/3/issue/{key}")
        def get_project(project):
            return requests.get(f"{os.environ['JIRA_URL']}/rest/api/3/project/{project.key}")
        """
    ) == [
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "{JIRA_URL}/rest/api/3/project/{key}", "call"),
    ]


def test_unknown_base_in_fstring_becomes_a_named_placeholder() -> None:
    assert calls(
        """
        def fetch(client, settings, key):
            client.get(f"{settings.jira_base}/rest/api/3/issue/{key}")
            client.get(f"{compute()}/rest/api/3/issue/{key}")
        """
    ) == [
        ("GET", "{jira_base}/rest/api/3/issue/{key}", "call"),
        ("GET", "{}/rest/api/3/issue/{key}", "call"),
    ]


def test_concatenation_with_module_and_local_variables() -> None:
    site = only(
        """
        import requests
        BASE = "https://acme.atlassian.net"
        def me():
            url = BASE + "/rest/api/3/myself"
            return requests.get(url)
        """
    )
    assert (site.method, site.url) == ("GET", "https://acme.atlassian.net/rest/api/3/myself")
    # reported where the URL expression starts in the call, i.e. at `url`
    assert (site.location.line, site.location.column) == (6, 25)


def test_augmented_assignment_builds_on_the_previous_value() -> None:
    assert calls(
        """
        def search(session, jql):
            url = "https://acme.atlassian.net"
            url += "/rest/api/3/search/jql"
            session.post(url, json={"jql": jql})
        """
    ) == [("POST", "https://acme.atlassian.net/rest/api/3/search/jql", "call")]


def test_percent_formatting_positional_and_named() -> None:
    assert calls(
        """
        import requests
        BASE = "https://acme.atlassian.net"
        def go(key, board_id):
            requests.delete("%s/rest/api/3/issue/%s" % (BASE, key))
            requests.get("/rest/agile/1.0/board/%(board)s/sprint" % {"board": board_id})
            requests.get("/rest/api/3/issue/%s" % key)
        """
    ) == [
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "/rest/agile/1.0/board/{board_id}/sprint", "call"),
        ("GET", "/rest/api/3/issue/{key}", "call"),
    ]


def test_str_format_with_positional_and_keyword_fields() -> None:
    assert calls(
        """
        import requests
        BASE = "https://acme.atlassian.net"
        ISSUE = "{base}/rest/api/3/issue/{key}"
        def go(key, page):
            requests.put("{}/rest/api/3/issue/{}".format(BASE, key))
            requests.get(ISSUE.format(base=BASE, key=key))
            requests.get("{0}/wiki/api/v2/pages/{1}".format(BASE, page.id))
        """
    ) == [
        ("PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "https://acme.atlassian.net/wiki/api/v2/pages/{id}", "call"),
    ]


def test_urljoin_without_leading_slash_and_path_joins() -> None:
    assert calls(
        """
        import posixpath
        from urllib.parse import urljoin
        import requests
        BASE = "https://acme.atlassian.net/"
        SITE = "https://acme.atlassian.net"
        def go(s, key):
            s.get(urljoin(BASE, "rest/api/3/myself"))
            s.get(urljoin(SITE, "/rest/api/3/serverInfo"))
            s.get(posixpath.join(SITE, "rest/api/3/issue", key))
            s.get("/".join([SITE, "rest/api/3/project", key]))
        """
    ) == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/serverInfo", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/project/{key}", "call"),
    ]


def test_rstrip_on_a_configured_base_is_followed() -> None:
    assert calls(
        """
        import requests
        BASE = "https://acme.atlassian.net/"
        requests.get(BASE.rstrip("/") + "/rest/api/3/myself")
        """
    ) == [("GET", "https://acme.atlassian.net/rest/api/3/myself", "call")]


def test_self_attributes_set_in_init_and_class_attributes() -> None:
    assert calls(
        """
        class Jira:
            API = "https://api.atlassian.com/ex/jira/1234"
            def __init__(self, session, site):
                self.session = session
                self.site = site
            def me(self):
                return self.session.get(self.API + "/rest/api/3/myself")
            def issue(self, key):
                return self.session.get(f"{self.site}/rest/api/3/issue/{key}")
        """
    ) == [
        ("GET", "https://api.atlassian.com/ex/jira/1234/rest/api/3/myself", "call"),
        ("GET", "{site}/rest/api/3/issue/{key}", "call"),
    ]


# --------------------------------------------------------------------------- methods


def test_every_verb_on_any_receiver() -> None:
    found = calls(
        """
        def go(s, self_, client, httpx, aiohttp_session):
            s.get("/rest/api/3/myself")
            self_.session.post("/rest/api/3/issue")
            client.put("/rest/api/3/issue/1")
            httpx.patch("/rest/api/3/issue/1")
            aiohttp_session.delete("/rest/api/3/issue/1")
            s.head("/rest/api/3/myself")
            s.options("/rest/api/3/myself")
        """
    )
    assert [method for method, _url, _kind in found] == [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"
    ]


def test_request_with_positional_or_keyword_method() -> None:
    assert calls(
        """
        import requests
        def go(session):
            requests.request("PUT", "/rest/api/3/issue/1")
            session.request(method="put", url="/rest/api/3/issue/2")
            session.request("delete", url="/rest/api/3/issue/3")
        """
    ) == [
        ("PUT", "/rest/api/3/issue/1", "call"),
        ("PUT", "/rest/api/3/issue/2", "call"),
        ("DELETE", "/rest/api/3/issue/3", "call"),
    ]


def test_request_with_unknowable_method_keeps_none() -> None:
    assert calls(
        """
        def go(session, verb):
            session.request(verb, "https://acme.atlassian.net/rest/api/3/myself")
        """
    ) == [(None, "https://acme.atlassian.net/rest/api/3/myself", "call")]


def test_urllib_request_and_urlopen() -> None:
    assert calls(
        """
        import urllib.request
        from urllib.request import Request, urlopen
        BASE = "https://acme.atlassian.net"
        def go(key, body):
            urllib.request.urlopen(urllib.request.Request(BASE + "/rest/api/3/issue/" + key, method="DELETE"))
            urlopen(Request(BASE + "/rest/api/3/myself"))
            urlopen(Request(BASE + "/rest/api/3/issue", data=body))
            urlopen(BASE + "/rest/api/3/serverInfo")
            urlopen(BASE + "/rest/api/3/search/jql", data=body)
        """
    ) == [
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/myself", "call"),
        ("POST", "https://acme.atlassian.net/rest/api/3/issue", "call"),
        ("GET", "https://acme.atlassian.net/rest/api/3/serverInfo", "call"),
        ("POST", "https://acme.atlassian.net/rest/api/3/search/jql", "call"),
    ]


def test_verbs_imported_from_requests_by_name() -> None:
    assert calls(
        """
        from requests import get, post as send
        get("/rest/api/3/myself")
        send("/rest/api/3/issue")
        """
    ) == [("GET", "/rest/api/3/myself", "call"), ("POST", "/rest/api/3/issue", "call")]


def test_requests_request_object_takes_the_method_first() -> None:
    assert calls(
        """
        import requests
        req = requests.Request("POST", "https://acme.atlassian.net/rest/api/3/issue")
        """
    ) == [("POST", "https://acme.atlassian.net/rest/api/3/issue", "call")]


# --------------------------------------------------------------------------- helpers


HELPER_MODULE = """
import requests
BASE = "https://acme.atlassian.net"

def call_jira(path, method="GET"):
    return requests.request(method, BASE + path)

def delete_issue(key):
    return call_jira("/rest/api/3/issue/" + key, "DELETE")

def me():
    return call_jira("/rest/api/3/myself")

def transition(key):
    return call_jira(method="post", path=f"/rest/api/3/issue/{key}/transitions")
"""


def test_helper_calls_take_method_from_arguments_or_the_default() -> None:
    found = scan(HELPER_MODULE).calls
    assert [(c.method, c.url) for c in found] == [
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("GET", "https://acme.atlassian.net/rest/api/3/myself"),
        ("POST", "https://acme.atlassian.net/rest/api/3/issue/{key}/transitions"),
    ]
    # reported at the path argument of each helper call, not inside the helper
    lines = HELPER_MODULE.splitlines()
    expected = [
        (9, lines[8].index('"/rest') + 1),
        (12, lines[11].index('"/rest') + 1),
        (15, lines[14].index('f"/rest') + 1),
    ]
    assert [(c.location.line, c.location.column) for c in found] == expected


def test_helper_methods_called_through_self() -> None:
    assert calls(
        """
        class Confluence:
            def __init__(self, session):
                self.session = session
                self.base = "https://api.atlassian.com/ex/confluence/abc"
            def _get(self, path, **params):
                return self.session.get(self.base + path, params=params)
            def _send(self, method, path, body=None):
                return self.session.request(method, self.base + path, json=body)
            def page(self, page_id):
                return self._get(f"/wiki/api/v2/pages/{page_id}")
            def update(self, page_id, body):
                return self._send("PUT", f"/wiki/api/v2/pages/{page_id}", body)
        """
    ) == [
        ("GET", "https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/pages/{page_id}", "call"),
        ("PUT", "https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/pages/{page_id}", "call"),
    ]


def test_unused_helper_reports_its_own_base_instead() -> None:
    assert calls(
        """
        import requests
        BASE = "https://acme.atlassian.net"
        def call_jira(path):
            return requests.get(BASE + path)
        """
    ) == [(None, "https://acme.atlassian.net{path}", "base-url")]


def test_function_with_a_complete_rest_url_is_reported_in_place() -> None:
    site = only(
        """
        import requests
        def get_issue(key):
            return requests.get("https://acme.atlassian.net/rest/api/3/issue/" + key)
        get_issue("A-1")
        """
    )
    assert (site.method, site.url, site.location.line) == (
        "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}", 4
    )


# --------------------------------------------------------------------------- plain strings


def test_rest_constant_not_passed_to_any_call_has_no_method() -> None:
    assert calls(
        """
        ENDPOINTS = {
            "me": "https://acme.atlassian.net/rest/api/3/myself",
            "delete": "DELETE /rest/api/3/issue/{issueIdOrKey}",
        }
        """
    ) == [
        (None, "https://acme.atlassian.net/rest/api/3/myself", "call"),
        ("DELETE", "/rest/api/3/issue/{issueIdOrKey}", "call"),
    ]


def test_site_base_constant_is_a_base_url_at_its_definition() -> None:
    found = scan(
        """
        from jira import JIRA
        BASE = "https://acme.atlassian.net"
        jira = JIRA(server=BASE)
        """
    ).calls
    bases = [c for c in found if c.kind == "base-url"]
    assert len(bases) == 1, found
    site = bases[0]
    assert (site.kind, site.url, site.method) == ("base-url", "https://acme.atlassian.net", None)
    assert (site.location.line, site.location.column) == (3, 8)
    # the SDK's constructor reads serverInfo by itself (issue #12): a call at JIRA(...)
    (implicit,) = [c for c in found if c.kind == "call"]
    assert (implicit.method, implicit.url, implicit.location.line) == ("GET", "/rest/api/2/serverInfo", 4)
    assert implicit.sdk is not None and implicit.sdk.implicit == "sent by the constructor"


def test_gateway_base_is_a_base_url_but_other_hosts_are_not() -> None:
    assert calls(
        """
        import os
        GATEWAY = os.getenv("JIRA_GATEWAY", "https://api.atlassian.com/ex/jira/{cloud_id}")
        OTHER = "https://example.com"
        AUTH = "https://auth.atlassian.com/oauth/token"
        """
    ) == [(None, "https://api.atlassian.com/ex/jira/{cloud_id}", "base-url")]


def test_base_used_by_a_recognised_call_is_not_reported_again() -> None:
    assert calls(
        """
        import requests
        BASE = "https://acme.atlassian.net"
        requests.get(BASE + "/rest/api/3/myself")
        """
    ) == [("GET", "https://acme.atlassian.net/rest/api/3/myself", "call")]


def test_docstrings_messages_and_string_checks_are_not_calls() -> None:
    assert calls(
        '''
        """Wraps GET /rest/api/3/myself."""
        import logging
        def go(url):
            """Calls https://acme.atlassian.net/rest/api/3/myself."""
            logging.info("calling /rest/api/3/myself for %s", url)
            if url.startswith("https://acme.atlassian.net/rest/"):
                return "/rest/api/3/" in url
            return url == "https://acme.atlassian.net/rest/api/3/myself"
        '''
    ) == []


def test_prefix_tables_and_code_examples_in_strings_are_not_calls() -> None:
    assert calls(
        """
        PREFIXES = ("/rest/api/", "/rest/agile/", "/wiki/api/v2/", "/2.0/", "rest/", "2.0/")
        BAD_EXAMPLE = 'requests.get(f"{GATEWAY}/rest/api/3/isue/{key}")'
        """
    ) == []


def test_web_ui_links_are_not_calls() -> None:
    assert calls(
        """
        BASE = "https://acme.atlassian.net"
        def link(key):
            return f"{BASE}/browse/{key}"
        """
    ) == [(None, "https://acme.atlassian.net", "base-url")]


def test_non_atlassian_urls_and_non_string_calls_are_ignored() -> None:
    assert calls(
        """
        import requests
        def go(url, data):
            requests.get("https://api.github.com/repos/x/y")
            requests.get("https://example.com/api/2.0/items")
            requests.get(url)
            data.get("key")
        """
    ) == []


# --------------------------------------------------------------------------- not client calls


def test_mock_registrations_are_not_calls() -> None:
    assert calls(
        """
        import requests_mock, responses, respx
        URL = "https://acme.atlassian.net/rest/api/3/myself"

        @responses.activate
        def test_responses():
            responses.add(responses.GET, "https://acme.atlassian.net/rest/api/3/issue/1", json={})
            responses.get("https://acme.atlassian.net/rest/api/3/issue/2")

        def test_respx():
            respx.get("https://acme.atlassian.net/rest/api/3/issue/3").mock(return_value=None)

        def test_mocker_fixture(requests_mock):
            requests_mock.get(URL, json={})

        @requests_mock.Mocker()
        def test_mocker_decorator(m):
            m.post("https://acme.atlassian.net/rest/api/3/issue", json={})

        def test_mocker_context():
            with requests_mock.Mocker() as m:
                m.get("https://acme.atlassian.net/rest/api/3/issue/4", json={})
                m.register_uri("GET", "https://acme.atlassian.net/rest/api/3/issue/5")
        """
    ) == []


def test_code_run_against_a_mock_makes_no_call() -> None:
    """A test decorated or wrapped by a mock, or taking a mock fixture, is answered by the mock:
    the client calls it makes (directly or through a helper) never reach Atlassian."""
    assert calls(
        """
        import httpretty, requests, responses
        import requests_mock as rm
        SITE = "https://acme.atlassian.net"

        def get_json(path):
            return requests.get(SITE + path).json()

        def sync():
            return get_json("/rest/api/3/myself")

        @responses.activate
        def test_sync():
            responses.add(responses.GET, SITE + "/rest/api/3/myself", json={})
            assert get_json("/rest/api/3/issue/OPS-1")
            requests.delete(f"{SITE}/rest/api/3/issue/OPS-2")

        @httpretty.activate(allow_net_connect=False)
        def test_httpretty():
            requests.get(f"{SITE}/rest/api/3/project/OPS")

        def test_fixture(requests_mock, tmp_path):
            requests_mock.get(SITE + "/rest/api/3/serverInfo", json={})
            get_json("/rest/api/3/serverInfo")

        def test_block():
            with rm.Mocker() as m:
                get_json("/rest/api/3/field")
            with responses.RequestsMock() as rsps:
                requests.put(f"{SITE}/rest/api/3/issue/OPS-3", json={})
        """
    ) == [("GET", "https://acme.atlassian.net/rest/api/3/myself", "call")]


def test_canned_responses_and_response_bodies_are_not_calls() -> None:
    assert calls(
        """
        import httpx
        from flask import jsonify

        ISSUE = {"key": "OPS-1", "self": "https://acme.atlassian.net/rest/api/3/issue/10001",
                 "fields": {"status": {"self": "https://acme.atlassian.net/rest/api/3/status/3"}},
                 "_links": {"next": "/rest/api/3/issue/OPS-2"}}

        def fake_page():
            return httpx.Response(200, json={"values": [], "next": "/wiki/api/v2/spaces?cursor=x"})

        def fake_issue(key):
            return jsonify({"key": key, "url": f"https://acme.atlassian.net/rest/api/3/issue/{key}"})
        """
    ) == []


def test_assertions_are_not_calls_but_the_code_under_test_is() -> None:
    assert calls(
        """
        from unittest import mock
        EXPECTED = "https://acme.atlassian.net/rest/api/3/issue/KEY-1"

        def test_it(session):
            session.get("https://acme.atlassian.net/rest/api/3/myself")
            session.get.assert_called_with("https://acme.atlassian.net/rest/api/3/myself")
            assert session.get.call_args[0][0] == EXPECTED
            assert fetch() == "https://acme.atlassian.net/rest/api/3/serverInfo"

        class T:
            def test_url(self):
                self.assertEqual(build(), "https://acme.atlassian.net/rest/api/3/project")
        """
    ) == [("GET", "https://acme.atlassian.net/rest/api/3/myself", "call")]


def test_web_framework_routes_are_not_calls() -> None:
    assert calls(
        """
        from django.urls import path, re_path
        from fastapi import APIRouter, FastAPI
        from aiohttp import web
        app = FastAPI()
        router = APIRouter(prefix="/rest/api/3")

        @app.get("/rest/api/3/issue/{id}")
        def get_issue(id): ...

        @app.route("/rest/api/3/myself", methods=["GET"])
        def me(): ...

        @router.post("/rest/api/3/issue")
        def create(): ...

        urlpatterns = [
            path("rest/api/3/issue/<str:key>", get_issue),
            re_path(r"^rest/api/3/project/(?P<key>\\w+)$", get_issue),
        ]
        routes = [web.get("/rest/api/3/myself", me)]
        app.add_url_rule("/rest/api/3/search", view_func=me)
        """
    ) == []


# --------------------------------------------------------------------------- positions


def test_column_counts_characters_not_utf8_bytes() -> None:
    site = only(
        """
        import requests
        straße = "ü"; résumé = requests.get("https://acme.atlassian.net/rest/api/3/myself")
        """
    )
    line = 'straße = "ü"; résumé = requests.get("https://acme.atlassian.net/rest/api/3/myself")'
    assert site.location.line == 3
    assert site.location.column == line.index('"https') + 1
    assert site.location.end_column == line.index('")') + 2


def test_column_after_emoji_and_cjk() -> None:
    site = only(
        """
        x = "🎉日本"; s.get("/rest/api/3/myself")
        """
    )
    assert site.location.column == 'x = "🎉日本"; s.get("/rest/api/3/myself")'.index('"/rest') + 1


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("def broken(:\n    pass\n", "invalid syntax"),
        ("x = 1\x00\n", "null"),
        ("x = " + "(" * 300 + ")" * 300 + "\n", "nest"),
    ],
)
def test_unparseable_file_gives_one_warning_and_no_calls(code: str, reason: str) -> None:
    result = extract(SourceFile.from_text(code, "pkg/broken.py"))
    assert result.calls == []
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.startswith("pkg/broken.py: not valid Python (")
    assert warning.endswith("); only text-level checks ran")
    assert reason in warning.lower()


def test_long_concatenation_is_followed_to_the_end() -> None:
    code = 'URL = "https://acme.atlassian.net/rest/api/3/"' + ' + "x"' * 2000 + "\nsession.get(URL)\n"
    result = extract(SourceFile.from_text(code, "deep.py"))
    assert result.warnings == []
    assert [c.url for c in result.calls] == ["https://acme.atlassian.net/rest/api/3/" + "x" * 2000]


def test_code_too_deep_for_the_parser_gives_a_warning() -> None:
    code = 'URL = "https://acme.atlassian.net/rest/api/3/"' + ' + "x"' * 20000 + "\n"
    result = extract(SourceFile.from_text(code, "deep.py"))
    assert result.calls == []
    assert result.warnings == [  # the wording every language shares (source.refuse_too_deep)
        "deep.py: too deeply nested to scan; only text-level checks ran"
    ]
    assert result.skipped == "too deeply nested to scan"  # not counted as checked


def test_long_chains_of_reassignment_are_cut_to_a_placeholder() -> None:
    code = "def f(url):\n" + '    url = url + "/a"\n' * 5000
    code += '    s.get("https://acme.atlassian.net/rest/api/3" + url)\n'
    result = extract(SourceFile.from_text(code, "chain.py"))  # was quadratic once (bench/ measures it)
    # too long to follow completely: the rest becomes a placeholder, the call is still found
    assert len(result.calls) == 1
    assert result.calls[0].url.startswith("https://acme.atlassian.net/rest/api/3")
    assert result.calls[0].method == "GET"


def test_self_referencing_names_terminate() -> None:
    assert calls(
        """
        a = b
        b = a
        url = url + "/rest/api/3/myself"
        session.get(a + "/rest/api/3/myself")
        """
    ) == [
        (None, "{url}/rest/api/3/myself", "call"),
        ("GET", "{a}/rest/api/3/myself", "call"),
    ]


def test_every_call_of_a_large_file_is_found() -> None:
    body = "\n".join(
        f'def f{i}(s, key):\n    url = BASE + "/rest/api/3/issue/" + key\n    return s.get(url)\n'
        for i in range(2000)
    )
    code = 'BASE = "https://acme.atlassian.net"\n' + body
    result = extract(SourceFile.from_text(code, "big.py"))
    assert len(result.calls) == 2000
    assert {c.url for c in result.calls} == {"https://acme.atlassian.net/rest/api/3/issue/{key}"}


def test_parser_warnings_of_the_scanned_code_are_not_shown(
    recwarn: pytest.WarningsRecorder,
) -> None:
    found = calls(
        r"""
        import re
        PATTERN = "\d+"
        requests.get("/rest/api/3/issue/" + key)
        """
    )
    assert found == [("GET", "/rest/api/3/issue/{key}", "call")]
    assert len(recwarn) == 0


def test_columns_with_windows_line_endings() -> None:
    code = 'import requests\r\nnom = "é"; requests.get("/rest/api/3/myself")\r\n'
    (site,) = extract(SourceFile.from_text(code, "crlf.py")).calls
    assert (site.location.line, site.location.column) == (2, len('nom = "é"; requests.get(') + 1)


def test_instance_copy_of_a_class_attribute_keeps_its_url() -> None:
    # `self.base_url = self.base_url` in __init__ copies the class attribute: the request is
    # still to it, and the base is no call of its own (seen in a published Bitbucket helper).
    assert calls(
        """
        import requests

        class Pipelines:
            base_url = "https://api.bitbucket.org/2.0/repositories/"

            def __init__(self, user):
                self.user = user
                self.base_url = self.base_url

            def last_build(self, workspace, repo_slug):
                url = self.base_url + f"{workspace}/{repo_slug}/pipelines/"
                return requests.get(url, auth=self.user)
        """
    ) == [("GET", "https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/pipelines/", "call")]


def test_a_url_a_function_returns_is_no_call_where_it_is_returned() -> None:
    # URL builders (a function, a method, a str.format template): the request is sent where
    # their value is used, here or in another module; a hard-coded site stays an API base.
    assert calls(
        """
        import requests

        def worklog_url(key, paged=False):
            return (
                f"https://acme.atlassian.net/rest/api/3/issue/{key}/worklog"
                if not paged else f"https://acme.atlassian.net/rest/api/3/issue/{key}/worklog?startAt=0"
            )

        class Paths:
            @staticmethod
            def properties(key):
                return "/rest/api/3/issue/{}/properties".format(key)

        def properties(key):
            return requests.get("https://acme.atlassian.net" + Paths.properties(key)).json()
        """
    ) == [
        (None, "https://acme.atlassian.net/rest/api/3/issue/{key}/worklog", "base-url"),
        (None, "https://acme.atlassian.net/rest/api/3/issue/{key}/worklog?startAt=0", "base-url"),
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}/properties", "call"),
    ]
