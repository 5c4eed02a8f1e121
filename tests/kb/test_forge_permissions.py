"""The Forge permission table (kb/forge_permissions.toml) and egress matching as Forge does it."""

from __future__ import annotations

import pytest

from scopelint.kb.forge import AllowList, entry_host, suggested_entry, table, url_host
from scopelint.kb.table import load_default


@pytest.mark.parametrize(
    ("entries", "url", "allowed"),
    [
        (["api.example.com"], "https://api.example.com/v1/score", True),
        (["api.example.com"], "http://api.example.com/v1/score", False),  # no scheme means https
        (["http://legacy.example.com"], "http://legacy.example.com/x", True),
        (["http://legacy.example.com"], "https://legacy.example.com/x", False),
        (["*.example.com"], "https://a.example.com/", True),
        (["*.example.com"], "https://a.b.example.com/", True),
        (["*.example.com"], "https://example.com/", False),  # a wildcard never covers its parent
        (["*.example.com"], "https://evil-example.com/", False),
        (["https://api.example.com/v1/only"], "https://api.example.com/v2/other", True),  # path ignored
        (["*"], "https://anything.example.net/", True),
        ([], "https://api.example.com/", False),
        (["API.Example.com"], "https://api.example.com/", True),
        (["api.example.com:8443"], "https://api.example.com:8443/", True),
    ],
)
def test_allow_list_matches_as_forge_egress_does(entries: list[str], url: str, allowed: bool) -> None:
    host = url_host(url)
    assert host is not None
    assert AllowList(entries).allows(*host) is allowed


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://api.example.com/v1", ("https", "api.example.com")),
        ("https://user@api.example.com:8443/v1?q=1", ("https", "api.example.com")),
        ("wss://rt.example.com", ("wss", "rt.example.com")),
        ("https://{host}/v1", None),
        ("https://${host}/v1", None),
        ("/rest/api/3/issue", None),
        ("ftp://files.example.com", None),
        ("api.example.com/v1", None),
    ],
)
def test_url_host(url: str, host: tuple[str, str] | None) -> None:
    assert url_host(url) == host


def test_entries_and_suggestions_round_trip() -> None:
    assert entry_host("https://api.example.com/v1/") == ("https", "api.example.com")
    assert entry_host("*.example.com") == ("https", "*.example.com")
    assert suggested_entry("https", "api.example.com") == "api.example.com"
    assert suggested_entry("http", "legacy.example.com") == "http://legacy.example.com"
    for scheme, host in (("https", "a.example.com"), ("http", "b.example.com")):
        assert AllowList([suggested_entry(scheme, host)]).allows(scheme, host)


def test_every_row_has_a_source_and_reachable_names() -> None:
    forge = table()
    assert {row.kind for row in forge.apis} <= {"storage", "scope", "remote"}
    for row in forge.apis:
        assert row.source and row.title and row.modules and row.names, row.key
        assert all(forge.lookup(module, name) is not None for module in row.modules
                   if module != "*" for name in row.names), row.key
        if row.kind != "remote":
            assert row.alternatives, row.key
    assert forge.egress_source and forge.images_source


def test_every_scope_of_the_table_is_a_scope_scopelint_knows() -> None:
    """A typo in the table would make SL014/SL017 demand a scope that does not exist."""
    kb = load_default()
    for row in table().apis:
        for alternative in row.alternatives:
            for scope in alternative:
                assert kb.is_known_scope(scope), (row.key, scope)


def test_needed_scopes_take_any_whole_alternative_and_the_apps_product() -> None:
    forge = table()
    hook = forge.api("useIssueProperty")
    notifications = forge.api("notifications")
    assert hook is not None and notifications is not None
    assert hook.needed(["read:issue.property:jira"]) == ()
    assert hook.needed(["read:jira-work", "write:jira-work"]) == ()
    assert hook.needed(["read:jira-work"]) == ("write:jira-work",)
    assert notifications.needed([], ["confluence"]) == ("send:app-notification:confluence",)
    assert notifications.needed([], ["jira"]) == ("send:app-notification:jira",)
    assert notifications.needed(["send:app-notification:confluence"], ["jira"]) == ()


def test_platform_scopes_are_those_only_platform_apis_need() -> None:
    platform = table().platform_scopes
    assert {"storage:app", "send:app-notification:jira", "report:personal-data"} <= platform
    assert "read:jira-work" not in platform  # a REST scope: SL003 judges it
