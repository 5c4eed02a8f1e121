"""The call-site core: one candidate type and one emit step for every language, byte offsets,
the tree-sitter helper, receiver types, and the external environment for imported names."""

from __future__ import annotations

import textwrap
import threading

import pytest

from scopelint.model import Location
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, Emitter, leftover, value_candidate
from scopelint.scanning.core.environment import Export, MappingEnvironment
from scopelint.scanning.core.methods import method_token, method_word
from scopelint.scanning.languages.javascript import extract as extract_js
from scopelint.scanning.languages.python import extract as extract_py
from scopelint.scanning.source import ByteOffsets, SourceFile

SITE = "https://acme.atlassian.net"


def source(text: str, name: str = "a.py") -> SourceFile:
    return SourceFile.from_text(textwrap.dedent(text), name)


# --------------------------------------------------------------------------- emit step


def test_emit_normalises_placeholders_classifies_and_locates() -> None:
    src = SourceFile.from_text("x = 1\ny = 'url'\n", "a.py")
    emitter = Emitter(src, "python")
    site = emitter.emit(Candidate(SITE + "/rest/api/3/issue/${key}", 10, 15, "DELETE", "literal",
                                  via="requests.delete"))
    assert site is not None
    assert (site.url, site.method, site.kind, site.extractor) == (
        SITE + "/rest/api/3/issue/{key}", "DELETE", "call", "python")
    assert site.location == Location("a.py", 2, 5, 2, 10)
    assert (site.via, site.method_source, site.resolved) == ("requests.delete", "literal", True)


def test_emit_drops_what_is_not_atlassian_and_keeps_one_of_each() -> None:
    emitter = Emitter(SourceFile.from_text("x\n", "a.js"), "javascript")
    assert emitter.emit(Candidate("https://example.com/api/items", 0)) is None
    first = emitter.emit(Candidate("/rest/api/3/myself", 0, method="GET", consumed={(0, 1)}))
    again = emitter.emit(Candidate("/rest/api/3/myself", 0, method="GET", consumed={(5, 9)}))
    assert first is not None and again is None
    assert len(emitter.calls) == 1
    assert emitter.is_consumed([(5, 9)])  # a duplicate still consumes its strings


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("drop", None), ("keep", ("base-url", None)), ("keep-method", ("base-url", "HEAD"))],
)
def test_a_request_to_a_bare_base_follows_the_emitters_policy(
    policy: str, expected: tuple[str, str | None] | None
) -> None:
    emitter = Emitter(SourceFile.from_text("x\n", "s.sh"), "shell", base_of_call=policy)  # type: ignore[arg-type]
    site = emitter.emit(Candidate(SITE, 0, method="HEAD"))
    assert (None if site is None else (site.kind, site.method)) == expected


def test_an_unreadable_part_or_method_marks_a_call_partially_resolved() -> None:
    emitter = Emitter(SourceFile.from_text("x\n", "a.py"), "python")
    unknown_base = emitter.emit(Candidate("{}/rest/api/3/myself", 0, method="GET"))
    unknown_method = emitter.emit(Candidate("/rest/api/3/issue/{key}", 0))
    assert unknown_base is not None and not unknown_base.resolved
    assert unknown_method is not None and not unknown_method.resolved
    assert unknown_method.method_source == "unknown"


def test_one_rule_for_leftover_strings() -> None:
    assert leftover("  /rest/api/3/myself ") == (None, "/rest/api/3/myself")
    assert leftover("DELETE /rest/api/3/issue/{key}") == ("DELETE", "/rest/api/3/issue/{key}")
    assert leftover("see /rest/api/3/myself for details") is None  # a sentence
    assert leftover("/rest/api/") is None  # a prefix alone is not an endpoint
    assert leftover("if url.startswith('/rest/')") is None  # code in a string


def test_config_values_must_be_atlassian_urls_themselves() -> None:
    host_only = value_candidate("  acme.atlassian.net", 10)
    assert host_only is not None and (host_only.start, host_only.kind) == (12, "base-url")
    assert value_candidate("/rest/api/3/myself", 0) is None  # a path alone is no config URL
    assert value_candidate("docs at https://acme.atlassian.net", 0) is None


def test_methods_are_normalised_in_one_place() -> None:
    assert method_word(" delete ") == "DELETE"
    assert method_word("PROPFIND") is None  # code naming a method: only the ones APIs use
    assert method_token("propfind") == "PROPFIND"  # a command line sends what it is told
    assert method_token("$METHOD") is None


# --------------------------------------------------------------------------- offsets


def test_byte_offsets_map_to_characters_in_any_script() -> None:
    text = "é😀a\udc80b"
    offsets = ByteOffsets(text)
    for index in range(len(text) + 1):
        byte = len(text[:index].encode("utf-8", errors="surrogatepass"))
        assert offsets.char(byte) == index
    assert SourceFile.from_text("ab😀c").char_offset(6) == 3


def test_python_columns_count_characters_after_non_ascii_text() -> None:
    found = extract_py(source("x = 'é😀'; import requests; requests.get('/rest/api/3/myself')\n"))
    assert [(c.location.column, c.location.end_column) for c in found.calls] == [(41, 61)]


# --------------------------------------------------------------------------- tree-sitter


def test_tree_sitter_queries_capture_in_document_order() -> None:
    tree = treesitter.parse("bash", b"curl a && wget b\nX=1\n")
    query = treesitter.query("bash", "(command) @c (variable_assignment) @v")
    captured = [(name, node.text) for name, node in treesitter.captures(query, tree.root_node)]
    assert captured == [("c", b"curl a"), ("c", b"wget b"), ("v", b"X=1")]
    assert treesitter.query("bash", "(command) @c (variable_assignment) @v") is query  # cached


def test_walk_is_iterative_and_in_document_order() -> None:
    tree = treesitter.parse("javascript", b"f(" * 3000 + b")" * 3000)
    kinds = [node.type for node in treesitter.walk(tree.root_node)]
    assert kinds[0] == "program" and kinds.count("call_expression") == 3000


def test_each_thread_gets_its_own_parser_and_all_share_the_language() -> None:
    seen: dict[str, object] = {}

    def grab(name: str) -> None:
        seen[name] = treesitter.parser("bash")

    threads = [threading.Thread(target=grab, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen["a"] is not seen["b"]
    assert treesitter.language("bash") is treesitter.language("bash")
    with pytest.raises(KeyError):
        treesitter.language("cobol")


# --------------------------------------------------------------------------- receivers


def test_python_receivers_carry_the_type_a_client_row_constructed() -> None:
    found = extract_py(source(
        """
        import requests
        from httpx import Client

        session = requests.Session()
        session.get("https://acme.atlassian.net/rest/api/3/myself")
        with Client() as http:
            http.request("DELETE", "https://acme.atlassian.net/rest/api/3/issue/K-1")

        class Jira:
            def __init__(self):
                self.s = requests.session()

            def me(self):
                return self.s.put("https://acme.atlassian.net/rest/api/3/myself")

        requests.post("https://acme.atlassian.net/rest/api/3/issue")
        anything.get("https://acme.atlassian.net/rest/api/3/serverInfo")
        """
    ))
    assert [(c.location.line, c.method, c.via) for c in found.calls] == [
        (6, "GET", "requests.Session.get"),
        (8, "DELETE", "httpx.Client.request"),
        (15, "PUT", "requests.Session.put"),
        (17, "POST", "requests.post"),
        (18, "GET", "*.get"),
    ]


def test_javascript_instances_carry_their_factory_and_the_base_is_a_related_location() -> None:
    found = extract_js(source(
        """
        import axios from 'axios';
        const jira = axios.create({ baseURL: 'https://acme.atlassian.net/rest/api/3' });
        export const getIssue = (key) => jira.get(`/issue/${key}`);
        """,
        "client.js",
    ))
    calls = [c for c in found.calls if c.kind == "call"]
    assert [(c.location.line, c.method, c.url, c.via) for c in calls] == [
        (4, "GET", SITE + "/rest/api/3/issue/{key}", "axios.Instance.get"),
    ]
    assert [(r.line, r.column) for r in calls[0].related] == [(3, 38)]  # the quote


# --------------------------------------------------------------------------- environment


def test_imported_names_are_looked_up_in_the_external_environment() -> None:
    code = source(
        """
        import requests
        from myproject.settings import JIRA_URL
        from myproject import settings

        requests.get(JIRA_URL + "/rest/api/3/myself")
        requests.get(f"{settings.JIRA_URL}/rest/api/3/serverInfo")
        """
    )
    alone = extract_py(code)
    assert [c.url for c in alone.calls] == [
        "{JIRA_URL}/rest/api/3/myself", "{JIRA_URL}/rest/api/3/serverInfo"]

    linked = extract_py(code, MappingEnvironment(
        {"myproject.settings.JIRA_URL": Export("constant", template=SITE)}))
    assert [c.url for c in linked.calls] == [
        SITE + "/rest/api/3/myself", SITE + "/rest/api/3/serverInfo"]


def test_python_calls_name_where_their_base_url_is_written() -> None:
    found = extract_py(source(
        """
        import requests

        BASE_URL = "https://acme.atlassian.net"

        class Jira:
            def __init__(self):
                self.base = BASE_URL + "/rest/api/3"

            def issue(self, key):
                return requests.get(f"{self.base}/issue/{key}")

        requests.get(BASE_URL + "/rest/api/3/myself")
        requests.get("https://acme.atlassian.net/rest/api/3/serverInfo")
        """
    ))
    calls = [(c.location.line, [(r.line, r.column) for r in c.related]) for c in found.calls]
    assert calls == [
        (11, [(4, 12)]),  # through self.base, to the constant
        (13, [(4, 12)]),
        (14, []),  # the literal at the call holds the host itself
    ]
