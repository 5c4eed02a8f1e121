"""Text-level checks on any file: suppressions, secrets, OAuth URLs, and free-text URLs."""

from __future__ import annotations

import textwrap

import pytest

from scopelint.common.redact import find_secrets, redact, scrub
from scopelint.model import FileScan, Suppression
from scopelint.scanning.formats.text import extract, extract_urls, url_kind
from scopelint.scanning.source import SourceFile

# Shaped like a real Atlassian API token (made up): ATATT + 187 base64url characters.
TOKEN = "ATATT3xFfGF0" + "Zq8-_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ" * 4 + "Ab1_-Cd2Ef3G=5E1A2B3C"
BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP"
BASIC = "am9obkBleGFtcGxlLmNvbTpzM2NyZXRUb2tlbjEyMw=="


def text_scan(text: str, display: str = "scripts/tool.sh") -> FileScan:
    return extract(SourceFile.from_text(textwrap.dedent(text), display))


# --------------------------------------------------------------------------- suppressions


@pytest.mark.parametrize(
    "comment",
    [
        "# scopelint: ignore[SL001]",
        "// scopelint: ignore[SL001]",
        "/* scopelint: ignore[SL001] */",
        "-- scopelint: ignore[SL001]",
        "; scopelint: ignore[SL001]",
        "<!-- scopelint: ignore[SL001] -->",
        "x = call()  # noqa: E501  scopelint:ignore[ sl001 ]",
    ],
)
def test_suppression_in_every_comment_style(comment: str) -> None:
    scan = text_scan(f"first line\n{comment}\n")
    assert scan.suppressions == [Suppression(2, frozenset({"SL001"}))]


def test_suppression_with_several_codes_and_bare_ignore() -> None:
    scan = text_scan(
        """\
        requests.get(url)  # scopelint: ignore[SL001,SL002]
        requests.get(url)  # scopelint: ignore [SL003, SL004 ]
        requests.get(url)  # scopelint: ignore
        """
    )
    assert scan.suppressions == [
        Suppression(1, frozenset({"SL001", "SL002"})),
        Suppression(2, frozenset({"SL003", "SL004"})),
        Suppression(3, frozenset()),
    ]


def test_ignore_file_suppresses_the_whole_file() -> None:
    scan = text_scan("#!/bin/sh\n# scopelint: ignore-file\ncurl https://acme.atlassian.net\n")
    assert scan.suppressions == [Suppression(2, frozenset(), whole_file=True)]


def test_suppression_text_outside_a_comment_is_not_a_suppression() -> None:
    scan = text_scan(
        """\
        message = "scopelint: ignore[SL001]"
        # the word scopelint: ignored here is prose
        """
    )
    assert scan.suppressions == []


# --------------------------------------------------------------------------- secrets


def test_api_token_is_found_and_redacted() -> None:
    scan = text_scan(f'export JIRA_TOKEN="{TOKEN}"\n')
    assert len(scan.secrets) == 1
    hit = scan.secrets[0]
    assert hit.kind == "atlassian-api-token"
    assert hit.redacted == f"ATATT3…({len(TOKEN)} chars)"
    assert (hit.location.line, hit.location.column) == (1, len('export JIRA_TOKEN="') + 1)
    assert hit.location.end_column == hit.location.column + len(TOKEN)


def test_full_token_never_appears_in_any_field() -> None:
    scan = text_scan(
        f"""\
        token = "{TOKEN}"
        curl -H "Authorization: Bearer {BEARER}" https://acme.atlassian.net/rest/api/3/myself
        headers = {{"Authorization": "Basic {BASIC}"}}
        """
    )
    dumped = repr(scan)
    assert len(scan.secrets) == 3
    for secret in (TOKEN, BEARER, BASIC):
        assert secret not in dumped
        assert secret[:12] not in dumped


def test_other_token_kinds_and_authorization_headers() -> None:
    connect_token = "ATCTT3xFfGN0" + "a1B2c3D4e5" * 5
    scan = text_scan(
        f"""\
        ADMIN_KEY={connect_token}
        curl -H 'Authorization: Bearer {BEARER}' https://api.atlassian.com/ex/jira/x/rest/api/3/myself
        "Authorization": "Basic {BASIC}"
        """
    )
    assert [(hit.location.line, hit.kind) for hit in scan.secrets] == [
        (1, "atlassian-token"),
        (2, "authorization-bearer"),
        (3, "authorization-basic"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        'curl -H "Authorization: Bearer $JIRA_TOKEN"',
        'curl -H "Authorization: Basic ${AUTH}"',
        'headers = {"Authorization": f"Bearer {token}"}',
        'headers = {"Authorization": "Basic " + encoded}',
        "Authorization: Bearer <your-token>",
        "Authorization: Bearer YOUR_API_TOKEN_GOES_HERE",
        "token = ATATT_SHORT",
    ],
)
def test_placeholders_are_not_secrets(line: str) -> None:
    assert text_scan(line + "\n").secrets == []


def test_token_inside_a_bearer_header_is_reported_once_as_an_api_token() -> None:
    hits = find_secrets(f"Authorization: Bearer {TOKEN}")
    assert [kind for _start, _end, kind in hits] == ["atlassian-api-token"]


def test_redact_shows_at_most_six_characters_and_the_length() -> None:
    assert redact(TOKEN) == f"ATATT3…({len(TOKEN)} chars)"
    assert redact("abcdefghijklmnop") == "abcd…(16 chars)"
    assert redact("") == "…(0 chars)"


def test_scrub_replaces_every_secret_in_text() -> None:
    message = f"token {TOKEN} rejected; header was Authorization: Basic {BASIC}."
    cleaned = scrub(message)
    assert TOKEN not in cleaned and BASIC not in cleaned
    assert cleaned == (
        f"token ATATT3…({len(TOKEN)} chars) rejected; header was Authorization: Basic "
        f"{redact(BASIC)}."
    )
    assert scrub("nothing secret here") == "nothing secret here"


# --------------------------------------------------------------------------- OAuth URLs


OAUTH_URL = (
    "https://auth.atlassian.com/authorize?audience=api.atlassian.com&client_id=abc"
    "&scope=write%3Ajira-work%20read%3Ajira-work+offline_access%20read:jira-user"
    "&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&state=xyz&response_type=code&prompt=consent"
)


def test_oauth_url_scopes_are_decoded_and_sorted() -> None:
    scan = text_scan(f'\n\nAUTH_URL = "{OAUTH_URL}"\n', display="src/app/auth.py")
    assert len(scan.declarations) == 1
    declaration = scan.declarations[0]
    assert declaration.source == "oauth-url"
    assert declaration.scopes == (
        "offline_access", "read:jira-user", "read:jira-work", "write:jira-work"
    )
    assert declaration.root == "src/app"
    assert declaration.scope_lines == {scope: 3 for scope in declaration.scopes}
    assert (declaration.location.path, declaration.location.line) == ("src/app/auth.py", 3)
    assert declaration.location.column == len('AUTH_URL = "') + 1


def test_oauth_url_in_a_top_level_html_file() -> None:
    html = OAUTH_URL.replace("&", "&amp;").replace("write%3Ajira-work%20", "")
    scan = text_scan(f'<a href="{html}">Connect</a>\n', display="index.html")
    assert [(d.root, d.scopes) for d in scan.declarations] == [
        (".", ("offline_access", "read:jira-user", "read:jira-work"))
    ]


def test_authorize_url_without_scopes_declares_nothing() -> None:
    scan = text_scan("https://auth.atlassian.com/authorize?client_id=abc&response_type=code\n")
    assert scan.declarations == []


def test_extract_reports_no_calls_itself() -> None:
    scan = text_scan("curl https://acme.atlassian.net/rest/api/3/myself\n")
    assert scan.calls == []


# --------------------------------------------------------------------------- free-text URLs


def urls(text: str, display: str = "tools/sync.rb") -> list[tuple[str | None, str, str]]:
    source = SourceFile.from_text(textwrap.dedent(text), display)
    return [(c.method, c.url, c.kind) for c in extract_urls(source)]


def test_free_text_urls_with_methods_and_bases() -> None:
    assert urls(
        """\
        curl -X PUT https://acme.atlassian.net/rest/api/3/issue/KEY-1 -d @body.json
        GET https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/myself
        curl --request DELETE "https://acme.atlassian.net/wiki/api/v2/pages/$PAGE_ID"
        fetch https://acme.atlassian.net/rest/agile/1.0/board.
        SITE = 'https://acme.atlassian.net'
        GATEWAY = 'https://api.atlassian.com/ex/confluence/1234'
        """
    ) == [
        ("PUT", "https://acme.atlassian.net/rest/api/3/issue/KEY-1", "call"),
        ("GET", "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/myself", "call"),
        ("DELETE", "https://acme.atlassian.net/wiki/api/v2/pages/{PAGE_ID}", "call"),
        (None, "https://acme.atlassian.net/rest/agile/1.0/board", "call"),
        (None, "https://acme.atlassian.net", "base-url"),
        (None, "https://api.atlassian.com/ex/confluence/1234", "base-url"),
    ]


def test_free_text_url_location_and_extractor_name() -> None:
    source = SourceFile.from_text("x\n  url: https://acme.atlassian.net/rest/api/3/myself\n", "a.go")
    (call,) = extract_urls(source)
    assert (call.location.line, call.location.column, call.extractor) == (2, 8, "text")
    assert call.location.end_column == 8 + len("https://acme.atlassian.net/rest/api/3/myself")


def test_web_ui_links_are_not_calls() -> None:
    assert urls(
        """\
        see https://acme.atlassian.net/browse/KEY-1
        and https://acme.atlassian.net/wiki/spaces/ENG/pages/123/Title
        and https://acme.atlassian.net/jira/software/projects/KEY/boards/1
        """
    ) == []


@pytest.mark.parametrize("display", ["README.md", "docs/api.rst", "notes.txt", "site/index.html",
                                     "guide.adoc"])
def test_documentation_files_yield_no_calls(display: str) -> None:
    assert urls("GET https://acme.atlassian.net/rest/api/3/myself\n", display) == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://acme.atlassian.net/rest/api/3/myself", "call"),
        ("{BASE}/rest/api/3/issue/{key}", "call"),
        ("rest/api/3/myself", "call"),
        ("https://acme.atlassian.net{path}", "base-url"),
        ("https://acme.atlassian.net/wiki", "base-url"),
        ("https://api.atlassian.com", "base-url"),
        ("https://api.atlassian.com/ex/jira/{cloud_id}/", "base-url"),
        # a product's REST base alone is where calls go, not a call
        ("https://acme.atlassian.net/rest/api/3", "base-url"),
        ("https://acme.atlassian.net/rest/agile/1.0/", "base-url"),
        ("https://acme.atlassian.net/wiki/rest/api", "base-url"),
        ("https://api.atlassian.com/ex/confluence/{cloud_id}/wiki/api/v2", "base-url"),
        ("https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3", "base-url"),
        ("{BASE}/rest/api/latest", "base-url"),
        ("https://jira.test/rest/api/3", None),
        ("https://acme.atlassian.net/rest/servicedeskapi/request", "call"),
        ("https://acme.atlassian.net/rest/api/3/myself?x=1", "call"),
        ("https://api.bitbucket.org/2.0/repositories/ws/repo", "call"),
        ("https://jira.example.com/rest/api/2/issue/1", "call"),
        ("https://example.com/api/2.0/items", None),
        # called on the gateway host itself (curated endpoints, data/endpoints.json)
        ("https://api.atlassian.com/oauth/token/accessible-resources", "call"),
        ("https://api.atlassian.com/me", "call"),
        ("https://example.com/me", None),
        ("https://api.atlassian.com/media/x", None),
        ("https://acme.atlassian.net/browse/KEY-1", None),
        ("https://example.com", None),
    ],
)
def test_url_kind(url: str, kind: str | None) -> None:
    assert url_kind(url) == kind


def test_a_line_of_many_urls_gives_each_its_own_method_and_none_it_lacks() -> None:
    site = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
    words = ["POST" if n % 3 == 0 else "GET" if n % 3 == 1 else "fooDELETE" for n in range(600)]
    padding = "x" * 250  # so that a method word falls right at the edge of what is looked at
    line = " ".join(f"{padding} {word} {site}/rest/api/3/issue/P-{n}" for n, word in enumerate(words))
    calls = extract_urls(SourceFile.from_text(f'jobs = "{line}"\n', "jobs.cfg"))
    expected = [word if word in ("GET", "POST") else None for word in words]
    assert [call.method for call in calls] == expected
    # after a long run of text, a method word glued to a letter is still not a method word
    glued = "y" * 300 + "GET " + site + "/rest/api/3/myself"
    assert [c.method for c in extract_urls(SourceFile.from_text(glued + "\n", "one.cfg"))] == [None]
    curl = "curl -X PUT " + " ".join(f"{site}/rest/api/3/issue/P-{n}" for n in range(300))
    assert {c.method for c in extract_urls(SourceFile.from_text(curl + "\n", "put.sh"))} == {"PUT"}
