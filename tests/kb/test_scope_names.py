"""What looks like an Atlassian scope (kb/scope_names.py), checked against the compiled table."""

from __future__ import annotations

import pytest

from scopelint.kb.platform_scopes import NON_REST_SCOPES
from scopelint.kb.scope_names import (
    PRODUCT_WORDS,
    SCOPE_MARKERS,
    did_you_mean,
    has_scope_marker,
    is_atlassian_declaration,
    is_scope_word,
    looks_atlassian,
    split_words,
)
from scopelint.kb.table import load_default

KB = load_default()
ALL_SCOPES = sorted(KB.scope_catalog() | NON_REST_SCOPES)
# Bitbucket's OAuth consumer scopes ("repository:write", "pullrequest") name no product: in a
# list with an Atlassian-shaped scope they are read, alone they are not enough.
BITBUCKET_CONSUMER = {s for s in KB.scope_catalog("bitbucket") if not s.endswith(":bitbucket")}


def test_every_scope_with_a_product_word_in_the_table_looks_atlassian() -> None:
    shaped = [s for s in ALL_SCOPES if s not in BITBUCKET_CONSUMER and s != "offline_access"]
    assert len(shaped) > 400
    assert [s for s in shaped if not looks_atlassian(s)] == []


def test_every_atlassian_looking_scope_holds_a_marker_the_prefilter_looks_for() -> None:
    for scope in ALL_SCOPES:
        if looks_atlassian(scope):
            assert has_scope_marker(scope), scope
            assert has_scope_marker(scope.replace(":", "%3A")), scope  # percent-encoded in a URL


@pytest.mark.parametrize(
    "words",
    [
        ["openid", "email", "profile"],  # Google / OpenID Connect
        ["https://www.googleapis.com/auth/drive.readonly"],
        ["repo", "read:org", "user:email", "admin:repo_hook", "write:packages"],  # GitHub
        ["chat:write", "channels:read", "users:read.email"],  # Slack
        ["openid", "profile", "offline_access", "User.Read"],  # Microsoft: offline_access alone
        ["read_user", "api", "read_api"],  # GitLab
    ],
)
def test_other_providers_scopes_are_not_an_atlassian_declaration(words: list[str]) -> None:
    assert not is_atlassian_declaration(words)


@pytest.mark.parametrize(
    "words",
    [
        ["read:jira-work"],
        ["offline-access", "read:account", "read:jira-work"],
        ["read:jira-wrok"],  # a typo still looks like one, so SL006 can say so
        ["read:issue:jira", "write:comment:jira"],
        ["read:me"],
        ["storage:app"],
        ["read:request:jira-service-management"],
        ["readonly:content.attachment:confluence"],
        ["repository:write", "read:repository:bitbucket"],
    ],
)
def test_atlassian_scopes_and_their_typos_are_a_declaration(words: list[str]) -> None:
    assert is_atlassian_declaration(words)


def test_scope_words_exclude_urls_and_punctuation() -> None:
    assert is_scope_word("read:jira-work")
    assert is_scope_word("offline_access")
    assert not is_scope_word("https://www.googleapis.com/auth/drive")
    assert not is_scope_word("${SCOPES}")
    assert not is_scope_word("")


def test_split_words_takes_spaces_and_commas_with_offsets() -> None:
    assert split_words(" read:me, read:jira-work  offline_access") == [
        ("read:me", 1), ("read:jira-work", 10), ("offline_access", 26)
    ]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("offline-access", ["offline_access"]),  # only the separator differs
        ("Read:Jira-Work", ["read:jira-work"]),  # only case differs
        ("read:jira-wrok", ["read:jira-work"]),  # one clear best match
        ("manage:jira-projekt", ["manage:jira-project"]),
        ("read:isue:jira", ["read:issue:jira"]),
        ("openid", []),
    ],
)
def test_did_you_mean_names_the_one_clear_match(typo: str, expected: list[str]) -> None:
    assert did_you_mean(typo, ALL_SCOPES) == expected


def test_did_you_mean_lists_several_when_none_stands_out() -> None:
    found = did_you_mean("read:jira-issue", ALL_SCOPES)
    assert len(found) > 1 and "read:issue:jira" in found


def test_markers_cover_every_product_word() -> None:
    for word in PRODUCT_WORDS:
        assert f":{word}" in SCOPE_MARKERS and f"%3A{word}" in SCOPE_MARKERS
