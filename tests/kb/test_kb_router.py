"""The router: every form a request is written in resolves to the operation it calls."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scopelint.kb.router import Router
from scopelint.kb.table import KnowledgeBase
from scopelint.model import Alternative, Operation

ISSUE = "GET /rest/api/3/issue/{issueIdOrKey}"
MYSELF = "GET /rest/api/3/myself"


def resolved(kb: KnowledgeBase, method: str | None, url: str) -> str | None:
    op = kb.resolve(method, url).operation
    return op.key if op else None


# ---------------------------------------------------------------- input forms


@pytest.mark.parametrize(
    ("url", "expected", "host_kind", "host"),
    [
        ("/rest/api/3/issue/PPT-28", ISSUE, "relative", None),
        (
            "https://acme.atlassian.net/rest/api/3/issue/PPT-28?expand=names&fields=*all",
            ISSUE,
            "site",
            "acme.atlassian.net",
        ),
        ("https://ACME.atlassian.net/rest/api/3/issue/PPT-28", ISSUE, "site", "acme.atlassian.net"),
        ("https://bot@acme.atlassian.net:443/rest/api/3/issue/PPT-28", ISSUE, "site", "acme.atlassian.net"),
        ("//acme.atlassian.net/rest/api/3/issue/PPT-28", ISSUE, "site", "acme.atlassian.net"),
        (
            "https://api.atlassian.com/ex/jira/0b6d7a1c-1d2e-4f00-9a0b-5c6d7e8f9a0b/rest/api/3/issue/PPT-28",
            ISSUE,
            "gateway",
            "api.atlassian.com",
        ),
        (
            "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/myself",
            MYSELF,
            "gateway",
            "api.atlassian.com",
        ),
        ("${baseUrl}/ex/jira/${cloudId}/rest/api/3/myself", MYSELF, "gateway", None),
        (
            "https://api.atlassian.com/ex/confluence/abc-123/wiki/api/v2/pages/123",
            "GET /wiki/api/v2/pages/{id}",
            "gateway",
            "api.atlassian.com",
        ),
        (
            "https://api.atlassian.com/ex/confluence/abc-123/wiki/rest/api/audit",
            "GET /wiki/rest/api/audit",
            "gateway",
            "api.atlassian.com",
        ),
        # Confluence's gateway also serves the v1 API without /wiki
        (
            "https://api.atlassian.com/ex/confluence/abc-123/rest/api/audit",
            "GET /wiki/rest/api/audit",
            "gateway",
            "api.atlassian.com",
        ),
        (
            "https://api.bitbucket.org/2.0/repositories/acme/web",
            "GET /2.0/repositories/{workspace}/{repo_slug}",
            "bitbucket",
            "api.bitbucket.org",
        ),
        ("rest/api/3/myself", MYSELF, "relative", None),
        ("{BASE}/rest/api/3/myself", MYSELF, "relative", None),
        ("${JIRA_URL}/rest/api/3/myself", MYSELF, "relative", None),
        ("https://jira.example.com/proxy/rest/api/3/myself", MYSELF, "other", "jira.example.com"),
        ("http://localhost:8080/rest/api/3/myself", MYSELF, "other", "localhost"),
    ],
)
def test_input_forms(kb: KnowledgeBase, url: str, expected: str, host_kind: str, host: str | None) -> None:
    resolution = kb.resolve("GET", url)
    assert resolution.operation is not None and resolution.operation.key == expected
    assert (resolution.host_kind, resolution.host) == (host_kind, host)
    assert resolution.url == url


def test_gateway_product_is_reported(kb: KnowledgeBase) -> None:
    jira = kb.resolve("GET", "https://api.atlassian.com/ex/jira/abc/rest/api/3/myself")
    confluence = kb.resolve("GET", "https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/pages/1")
    site = kb.resolve("GET", "https://acme.atlassian.net/rest/api/3/myself")
    assert (jira.gateway_product, confluence.gateway_product, site.gateway_product) == (
        "jira",
        "confluence",
        None,
    )
    assert (jira.product, confluence.product) == ("jira", "confluence")


@pytest.mark.parametrize(
    "placeholder", ["{issueIdOrKey}", "{key}", "${key}", "${issue.key}", ":key", "<key>", "%s", "{}", "$KEY"]
)
def test_templated_paths(kb: KnowledgeBase, placeholder: str) -> None:
    assert resolved(kb, "GET", f"/rest/api/3/issue/{placeholder}") == ISSUE
    assert resolved(kb, "GET", f"https://acme.atlassian.net/rest/api/3/issue/{placeholder}/comment") == (
        "GET /rest/api/3/issue/{issueIdOrKey}/comment"
    )


def test_a_placeholder_never_takes_a_literal_route(kb: KnowledgeBase) -> None:
    # "{x}" could be anything, so it goes to the parameter, not to /issue/createmeta
    assert resolved(kb, "GET", "/rest/api/3/issue/{x}") == ISSUE


def test_literal_segment_wins_over_a_parameter(kb: KnowledgeBase) -> None:
    assert resolved(kb, "GET", "/rest/api/3/issue/createmeta") == "GET /rest/api/3/issue/createmeta"
    assert resolved(kb, "GET", "/rest/api/3/issue/PPT-1") == ISSUE
    assert resolved(kb, "GET", "/wiki/api/v2/pages/123") == "GET /wiki/api/v2/pages/{id}"


@pytest.mark.parametrize(
    "url",
    [
        "/rest/api/3/issue/PPT-28?fields=summary",
        "/rest/api/3/issue/PPT-28#comments",
        "/rest/api/3/issue/PPT-28/",
        "/rest/api/3//issue/PPT-28",
        "//rest//api/3//issue/PPT-28",
        "https://acme.atlassian.net//rest/api/3/issue//PPT-28/?a=1",
        "{BASE}//rest/api/3/issue/PPT-28",
        "/rest/api/3/issue/PPT%2D28",
        "/rest/api/3/%69ssue/PPT-28",
        "  /rest/api/3/issue/PPT-28  ",
    ],
)
def test_query_fragment_slashes_and_encoding_do_not_matter(kb: KnowledgeBase, url: str) -> None:
    assert resolved(kb, "GET", url) == ISSUE


def test_latest_is_version_2(kb: KnowledgeBase) -> None:
    resolution = kb.resolve("GET", "https://acme.atlassian.net/rest/api/latest/myself")
    assert resolution.path == "/rest/api/2/myself"
    assert resolution.operation is not None and resolution.operation.key == "GET /rest/api/2/myself"


def test_bitbucket_trailing_path_spans_segments(kb: KnowledgeBase) -> None:
    src = "GET /2.0/repositories/{workspace}/{repo_slug}/src/{commit}/{path}"
    assert (
        resolved(kb, "GET", "https://api.bitbucket.org/2.0/repositories/acme/web/src/main/docs/a/b.md") == src
    )
    assert resolved(kb, "GET", "/2.0/repositories/acme/web/src/main/README.md") == src
    # a shorter path stays its own operation
    assert (
        resolved(kb, "GET", "/2.0/repositories/acme/web/src")
        == "GET /2.0/repositories/{workspace}/{repo_slug}/src"
    )


def test_method_is_case_insensitive_and_head_falls_back_to_get(kb: KnowledgeBase) -> None:
    assert resolved(kb, "get", "/rest/api/3/myself") == MYSELF
    assert resolved(kb, "HEAD", "/rest/api/3/myself") == MYSELF


def test_method_none(kb: KnowledgeBase) -> None:
    # GET wins when the path has one
    assert resolved(kb, None, "/rest/api/3/issue/PPT-28") == ISSUE
    # the only operation of a path
    assert resolved(kb, None, "/rest/api/3/issue") == "POST /rest/api/3/issue"
    # several operations and no GET: undecided, candidates listed
    resolution = kb.resolve(None, "/rest/api/3/issue/PPT-28/transitions")
    keys = {c.key for c in resolution.candidates}
    assert "POST /rest/api/3/issue/{issueIdOrKey}/transitions" in keys
    assert resolution.method is None


def test_two_methods_no_get_gives_candidates_only() -> None:
    ops = [_op("PUT", "/rest/api/3/thing/{id}"), _op("DELETE", "/rest/api/3/thing/{id}")]
    resolution = Router(ops).resolve(None, "/rest/api/3/thing/7")
    assert resolution.operation is None
    assert {c.method for c in resolution.candidates} == {"PUT", "DELETE"}


def test_a_method_the_path_does_not_have_lists_the_others(kb: KnowledgeBase) -> None:
    resolution = kb.resolve("PATCH", "/rest/api/3/issue/PPT-28")
    assert resolution.operation is None
    assert {c.method for c in resolution.candidates} == {"GET", "PUT", "DELETE"}
    assert resolution.product == "jira"
    assert resolution.method == "PATCH"


def test_unknown_path_under_a_known_prefix_keeps_its_product(kb: KnowledgeBase) -> None:
    for url, product in [
        ("/rest/api/3/no-such-thing", "jira"),
        ("https://acme.atlassian.net/wiki/api/v2/no-such-thing", "confluence"),
        ("https://api.bitbucket.org/2.0/no-such-thing/x", "bitbucket"),
        ("/rest/agile/1.0/no-such-thing", "jira-software"),
        ("/rest/servicedeskapi/no-such-thing", "jira-service-management"),
    ]:
        resolution = kb.resolve("GET", url)
        assert resolution.operation is None and resolution.candidates == ()
        assert resolution.product == product, url
    assert kb.resolve("GET", "https://example.com/index.html").product is None


def test_nearest_suggests_operations_of_the_same_product(kb: KnowledgeBase) -> None:
    near = kb.nearest("GET", "/rest/api/3/issue/PPT-28/comments")
    assert len(near) == 3
    assert "GET /rest/api/3/issue/{issueIdOrKey}/comment" in {op.key for op in near}
    assert all(op.product == "jira" for op in near)
    assert len(kb.nearest("GET", "/wiki/api/v2/page/1", limit=5)) == 5
    assert all(op.product == "confluence" for op in kb.nearest("GET", "/wiki/api/v2/page/1"))


def test_exact_template_lookup(kb: KnowledgeBase) -> None:
    op = kb.operation("get", "/rest/api/3/issue/{issueIdOrKey}")
    assert op is not None and op.key == ISSUE
    assert kb.operation("GET", "/rest/api/3/issue/PPT-28") is None


def test_every_operation_resolves_from_its_own_template_and_from_a_filled_one(kb: KnowledgeBase) -> None:
    for op in kb.operations:
        assert kb.resolve(op.method, op.path).operation == op, op.key
        filled = re.sub(r"\{[^{}/]+\}", "Z9", op.path)
        assert kb.resolve(op.method, filled).operation == op, (op.key, filled)


def _op(method: str, path: str) -> Operation:
    return Operation("jira", method, path, None, False, None, (Alternative("classic", None, ()),), "doc")


# ---------------------------------------------------------------- properties

SAFE_VALUE = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_~-]{0,11}", fullmatch=True)
_PARAM = re.compile(r"\{[^{}/]+\}")
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _template_regex(template: str) -> re.Pattern[str]:
    parts = template.split("/")
    pattern = []
    for index, segment in enumerate(parts):
        if segment == "{path}" and index == len(parts) - 1:
            pattern.append(".+")
        else:
            pattern.append("[^/]+".join(re.escape(p) for p in _PARAM.split(segment)))
    return re.compile("/".join(pattern))


@PROPERTY_SETTINGS
@given(text=st.text(), method=st.one_of(st.none(), st.sampled_from(["GET", "post", "PATCH", "", "WHAT"])))
def test_arbitrary_text_never_raises(kb: KnowledgeBase, text: str, method: str | None) -> None:
    resolution = kb.resolve(method, text)
    assert resolution.url == text
    path = Router.normalise(text)[0]
    assert "?" not in path and "#" not in path


@settings(max_examples=40, deadline=None)  # nearest() compares with every operation: fewer runs
@given(text=st.text(), method=st.one_of(st.none(), st.sampled_from(["GET", "DELETE", "x"])))
def test_nearest_never_raises(kb: KnowledgeBase, text: str, method: str | None) -> None:
    assert len(kb.nearest(method, text, limit=2)) == 2


@PROPERTY_SETTINGS
@given(
    text=st.text(alphabet=st.sampled_from(list("/:{}$<>%?#@.-_ ~*aZ09")) | st.characters(), max_size=60),
    prefix=st.sampled_from(
        [
            "",
            "/",
            "https://",
            "https://acme.atlassian.net",
            "https://api.atlassian.com/ex/",
            "//",
            "/rest/api/3/",
        ]
    ),
)
def test_url_shaped_text_never_raises(kb: KnowledgeBase, text: str, prefix: str) -> None:
    resolution = kb.resolve("GET", prefix + text)
    if resolution.operation is not None:
        assert resolution.operation.method == "GET"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_filled_template_resolves_to_an_operation_matching_it(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    op = data.draw(st.sampled_from(kb.operations))
    path = _PARAM.sub(lambda _m: data.draw(SAFE_VALUE), op.path)
    resolution = kb.resolve(op.method, path)
    got = resolution.operation
    if got is None:
        # shadowed by a literal path that lacks this method (literal wins, as on the server)
        assert resolution.candidates, (op.key, path)
        assert all(_template_regex(c.path).fullmatch(path) for c in resolution.candidates), (op.key, path)
        assert op.method not in {c.method for c in resolution.candidates}
        return
    assert got.method == op.method
    assert _template_regex(got.path).fullmatch(path), (op.key, path, got.key)
    if got != op:  # only a more literal sibling may take it
        assert _literal_first(got.path, op.path), (op.key, got.key)


def _literal_first(winner: str, loser: str) -> bool:
    """At the first segment where the two templates differ, the winner's is the more literal one."""
    for mine, theirs in zip(winner.split("/"), loser.split("/"), strict=False):
        if mine != theirs:
            return _PARAM.fullmatch(theirs) is not None and _PARAM.fullmatch(mine) is None
    return False


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a Confluence tool whose base comes from its settings (the site's /wiki) writes the
        # v1 path after it: Confluence Cloud serves it under /wiki
        ("{CONFLUENCE_URL}/rest/api/audit", "GET /wiki/rest/api/audit"),
        ("${WIKI}/rest/api/audit?limit=5", "GET /wiki/rest/api/audit"),
        ("rest/api/audit", "GET /wiki/rest/api/audit"),
        # a Jira path is still Jira's; a site URL says where it goes, and it is not /wiki
        ("{BASE}/rest/api/3/myself", MYSELF),
        ("https://acme.atlassian.net/rest/api/audit", None),
    ],
)
def test_a_confluence_v1_path_after_an_unknown_base_is_read_under_wiki(
    url: str, expected: str | None
) -> None:
    from scopelint.kb.table import data_dir, load_table

    fresh = load_table(data_dir() / "table.json")  # nothing loaded yet (groups load lazily)
    assert resolved(fresh, "GET", url) == expected
