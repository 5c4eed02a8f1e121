"""Token redaction, shared by every layer: what counts as a credential, and how it is shown."""

from __future__ import annotations

from scopelint.common.redact import find_secrets, redact, scrub

TOKEN = "ATATT3xFfGF0" + "a1B2c3D4" * 20
PLACEHOLDER = "Authorization: Bearer YOUR_API_TOKEN_HERE"
SHORT = "Authorization: Basic dXNlcjpwYXNz"  # user:pass, 12 characters


def test_a_token_is_shown_as_a_short_prefix_and_its_length() -> None:
    assert scrub(f"token={TOKEN}&x=1") == f"token=ATATT3…({len(TOKEN)} chars)&x=1"
    assert redact("abcdefgh") == "ab…(8 chars)"  # never more than a quarter of it


def test_in_scanned_text_placeholders_and_short_header_values_are_left_alone() -> None:
    # a README's "Authorization: Bearer YOUR_API_TOKEN_HERE" is documentation, not a leak
    assert scrub(PLACEHOLDER) == PLACEHOLDER
    assert scrub(SHORT) == SHORT
    assert find_secrets(PLACEHOLDER) == []


def test_in_pasted_requests_every_header_value_is_a_credential() -> None:
    assert scrub(PLACEHOLDER, every_header_value=True) == (
        "Authorization: Bearer YOUR…(19 chars)"
    )
    assert scrub(SHORT, every_header_value=True) == "Authorization: Basic dXN…(12 chars)"
    mixed_case = "AUTHorization: bearer abcdefgh12"
    assert "abcdefgh12" not in scrub(mixed_case, every_header_value=True)


def test_a_token_inside_a_header_value_is_redacted_once() -> None:
    text = f"Authorization: Bearer {TOKEN}"
    for every in (False, True):
        assert scrub(text, every_header_value=every) == (
            f"Authorization: Bearer ATATT3…({len(TOKEN)} chars)"
        )
        assert [kind for _s, _e, kind in find_secrets(text, every_header_value=every)] == [
            "atlassian-api-token"
        ]


def test_the_secrets_a_url_carries_are_cut_and_the_rest_kept() -> None:
    from scopelint.common.redact import redact_urls

    url = (
        "https://me:hunter2pw@acme.atlassian.net/rest/api/3/search/jql?jql=project%3DPPT"
        "&access_token=eyJhbGciOi.abc.def&startAt=0&JWT=xyz123&signature=f00d&code=AbC9#top"
    )
    assert redact_urls(f"see {url} now") == (
        "see https://me:…@acme.atlassian.net/rest/api/3/search/jql?jql=project%3DPPT"
        "&access_token=…&startAt=0&JWT=…&signature=…&code=…#top now"
    )
    assert scrub(f"GET /wiki/rest/api/space?api_key=k3y&token={'{token}'}") == (
        "GET /wiki/rest/api/space?api_key=…&token={token}"  # a placeholder is no secret
    )
    assert redact_urls("https://acme.atlassian.net:8443/a@b") == "https://acme.atlassian.net:8443/a@b"


def test_a_token_in_a_query_keeps_its_redacted_form_however_often_it_is_scrubbed() -> None:
    token = "ATATT3xFfGF0" + "a1B2c3D4e5" * 10
    once = scrub(f"https://acme.atlassian.net/rest/api/3/myself?token={token}&sig=abc")
    assert once == f"https://acme.atlassian.net/rest/api/3/myself?token={redact(token)}&sig=…"
    assert scrub(once) == once
