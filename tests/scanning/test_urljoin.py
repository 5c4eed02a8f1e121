"""core/urljoin.py: the one place scanning joins a client's base URL and a request's path.

The endpoint a call reaches depends on it (``BaseAddress = ".../rest/api/3"`` without a final
``/`` sends ``GetAsync("issue/1")`` to ``.../rest/api/issue/1``), so every rule is checked
against what the client really does, and ``resolve`` against RFC 3986's own examples.
"""

from __future__ import annotations

import pytest

from scopelint.scanning.core.urljoin import JOIN_RULES, is_absolute, join

# RFC 3986 section 5.4.1 (normal examples) and 5.4.2 (abnormal ones), base http://a/b/c/d;p?q
RFC3986_BASE = "http://a/b/c/d;p?q"
RFC3986_EXAMPLES = [
    ("g", "http://a/b/c/g"),
    ("./g", "http://a/b/c/g"),
    ("g/", "http://a/b/c/g/"),
    ("/g", "http://a/g"),
    ("//g", "http://g"),
    ("?y", "http://a/b/c/d;p?y"),
    ("g?y", "http://a/b/c/g?y"),
    ("#s", "http://a/b/c/d;p?q#s"),
    ("g#s", "http://a/b/c/g#s"),
    (";x", "http://a/b/c/;x"),
    ("g;x?y#s", "http://a/b/c/g;x?y#s"),
    ("", "http://a/b/c/d;p?q"),
    (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"),
    ("..", "http://a/b/"),
    ("../g", "http://a/b/g"),
    ("../..", "http://a/"),
    ("../../g", "http://a/g"),
    ("../../../g", "http://a/g"),
    ("/./g", "http://a/g"),
    ("g.", "http://a/b/c/g."),
    ("./../g", "http://a/b/g"),
    ("g/../h", "http://a/b/c/h"),
]


@pytest.mark.parametrize(("reference", "expected"), RFC3986_EXAMPLES)
def test_resolve_follows_rfc3986_examples(reference: str, expected: str) -> None:
    assert join(RFC3986_BASE, reference, "resolve") == expected


SITE = "https://acme.atlassian.net"


@pytest.mark.parametrize(
    ("base", "path", "rule", "expected"),
    [
        # .NET HttpClient.BaseAddress / Guzzle base_uri / Go ResolveReference: no final slash
        # drops the version segment; a leading slash drops the whole base path.
        (f"{SITE}/rest/api/3", "issue/1", "resolve", f"{SITE}/rest/api/issue/1"),
        (f"{SITE}/rest/api/3/", "issue/1", "resolve", f"{SITE}/rest/api/3/issue/1"),
        (f"{SITE}/rest/api/3/", "/rest/agile/1.0/board", "resolve", f"{SITE}/rest/agile/1.0/board"),
        (SITE, "rest/api/3/myself", "resolve", f"{SITE}/rest/api/3/myself"),
        (f"{SITE}/rest/api/3/?expand=names", "issue", "resolve", f"{SITE}/rest/api/3/issue"),
        # Faraday url_prefix: the base is a directory, a leading slash still replaces it.
        (f"{SITE}/rest/api/3", "issue/1", "directory", f"{SITE}/rest/api/3/issue/1"),
        (f"{SITE}/wiki", "/rest/api/space", "directory", f"{SITE}/rest/api/space"),
        # axios baseURL, RestSharp RestClient + RestRequest: exactly one slash between.
        (f"{SITE}/rest/api/3/", "/issue/1", "slash", f"{SITE}/rest/api/3/issue/1"),
        (f"{SITE}/rest/api/3", "issue/1", "slash", f"{SITE}/rest/api/3/issue/1"),
        # HTTParty base_uri: the two strings as they are.
        (f"{SITE}/rest/api/3", "/issue/1", "append", f"{SITE}/rest/api/3/issue/1"),
        (f"{SITE}/rest/api/3/", "/issue/1", "append", f"{SITE}/rest/api/3//issue/1"),
    ],
)
def test_each_rule_is_what_its_client_sends(base: str, path: str, rule: str, expected: str) -> None:
    assert join(base, path, rule) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", JOIN_RULES)
def test_an_absolute_url_wins_and_an_empty_base_changes_nothing(rule: str) -> None:
    other = "https://api.atlassian.com/ex/jira/abc/rest/api/3/myself"
    assert join(f"{SITE}/rest/api/3/", other, rule) == other  # type: ignore[arg-type]
    assert join("", "rest/api/3/myself", rule) == "rest/api/3/myself"  # type: ignore[arg-type]


def test_placeholders_are_kept_and_a_leading_one_stands_for_the_origin() -> None:
    assert join("{base}/rest/api/3/", "issue/{key}", "resolve") == "{base}/rest/api/3/issue/{key}"
    assert join("{base}/rest/api/3", "issue/{key}", "resolve") == "{base}/rest/api/issue/{key}"
    assert join("{base}/wiki/", "/rest/api/3/myself", "resolve") == "{base}/rest/api/3/myself"
    assert join("{base}", "rest/api/3/myself", "resolve") == "{base}/rest/api/3/myself"
    assert join("https://{site}.atlassian.net/rest/api/3/", "issue/{key}/transitions", "resolve") == (
        "https://{site}.atlassian.net/rest/api/3/issue/{key}/transitions"
    )
    assert join("{base}/rest/api/3", "issue", "directory") == "{base}/rest/api/3/issue"


def test_scheme_relative_references() -> None:
    assert is_absolute("//other.example/x") and is_absolute("https://a/b")
    assert not is_absolute("rest/api/3") and not is_absolute("/rest/api/3")
    assert join(f"{SITE}/rest/", "//api.atlassian.com/oauth/token/accessible-resources", "resolve") == (
        "https://api.atlassian.com/oauth/token/accessible-resources"
    )


def test_a_base_urllib_cannot_split_is_still_joined() -> None:
    """A bracketed authority that is no IP address (hostile or half-typed input) makes
    urllib raise; the join still answers, by RFC 3986's merge."""
    assert join("https://[tool.scopelint]/rest/api/3/", "issue", "resolve") == (
        "https://[tool.scopelint]/rest/api/3/issue"
    )
    assert join("https://[x]/rest/api/3", "/wiki/api/v2/pages", "resolve") == "https://[x]/wiki/api/v2/pages"
    assert join("https://[x]", "rest/api/3/myself", "directory") == "https://[x]/rest/api/3/myself"
    assert join("https://[x]/a/b?q=1", "#frag", "resolve") == "https://[x]/a/b?q=1#frag"
