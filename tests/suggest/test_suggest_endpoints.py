"""Reading endpoint inputs: values, files, and call sites from code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import scopelint.check.engine
from scopelint.errors import ScopelintError
from scopelint.model import CallSite, Location
from scopelint.suggest.endpoints import (
    EndpointInput,
    from_code,
    merge_duplicates,
    parse_text,
    read_endpoints_file,
)


def _pairs(text: str) -> list[tuple[str | None, str]]:
    return [(item.method, item.url) for item in parse_text(text)]


def test_one_value_may_hold_several_endpoints_by_comma_or_new_line() -> None:
    text = "GET /rest/api/3/myself, POST /rest/api/3/issue\nDELETE /rest/api/3/issue/PPT-1"
    assert _pairs(text) == [
        ("GET", "/rest/api/3/myself"),
        ("POST", "/rest/api/3/issue"),
        ("DELETE", "/rest/api/3/issue/PPT-1"),
    ]


def test_a_comma_inside_a_query_string_stays_in_the_url() -> None:
    assert _pairs("GET /rest/api/3/issue/PPT-1?fields=summary,status") == [
        ("GET", "/rest/api/3/issue/PPT-1?fields=summary,status")
    ]


def test_a_url_alone_means_get_and_methods_are_case_insensitive() -> None:
    assert _pairs("https://acme.atlassian.net/rest/api/3/myself, put /rest/api/3/issue/X") == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself"),
        ("PUT", "/rest/api/3/issue/X"),
    ]


def test_comments_blank_lines_and_a_pasted_http_version_are_ignored() -> None:
    text = "# endpoints of the sync job\n\nGET /rest/api/3/myself HTTP/1.1  # who am I\n  \n"
    assert _pairs(text) == [("GET", "/rest/api/3/myself")]


def test_a_fragment_is_not_a_comment() -> None:
    assert _pairs("GET /wiki/api/v2/pages/1#top") == [("GET", "/wiki/api/v2/pages/1#top")]


def test_malformed_items_carry_a_reason_instead_of_raising() -> None:
    fetch, extra = parse_text("FETCH /rest/api/3/myself\nGET /rest/api/3/myself and more")
    assert fetch.error is not None and "unknown HTTP method 'FETCH'" in fetch.error
    assert extra.error is not None and "unexpected text" in extra.error


def test_an_endpoints_file_is_read_and_a_missing_one_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "calls.txt"
    path.write_text("GET /rest/api/3/myself\n", encoding="utf-8")
    assert read_endpoints_file(str(path)) == "GET /rest/api/3/myself\n"
    with pytest.raises(ScopelintError, match="no such file"):
        read_endpoints_file(str(tmp_path / "missing.txt"))


def test_duplicates_merge_and_keep_every_source() -> None:
    items = [
        EndpointInput("GET /x", "GET", "/x", ("a.py:1",)),
        EndpointInput("POST /x", "POST", "/x"),
        EndpointInput("GET /x", "GET", "/x", ("b.py:9",)),
    ]
    merged = merge_duplicates(items)
    assert [(m.method, m.sources) for m in merged] == [("GET", ("a.py:1", "b.py:9")), ("POST", ())]


def _install_fake_scanner(monkeypatch: pytest.MonkeyPatch, sites: list[CallSite]) -> list[object]:
    seen: list[object] = []

    def find_calls(paths: list[str], **_settings: object) -> list[CallSite]:
        seen.append(paths)
        return sites

    monkeypatch.setattr(scopelint.check.engine, "find_calls", find_calls)
    return seen


def test_from_code_turns_call_sites_into_endpoints_and_skips_base_urls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sites = [
        CallSite(Location("src/a.py", 4, 1), "https://acme.atlassian.net/rest/api/3/issue/{key}", "GET"),
        CallSite(Location("src/b.js", 2, 5), "/rest/api/3/myself", None),
        CallSite(Location(".env", 1, 1), "https://acme.atlassian.net", None, kind="base-url"),
    ]
    seen = _install_fake_scanner(monkeypatch, sites)
    items = from_code(["src"])
    assert seen == [["src"]]
    assert [(i.method, i.url, i.sources) for i in items] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}", ("src/a.py:4",)),
        (None, "/rest/api/3/myself", ("src/b.js:2",)),
    ]


def test_from_code_without_the_scanner_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "scopelint.check.engine", None)
    with pytest.raises(ScopelintError, match=r"scopelint\.check\.engine\.find_calls"):
        from_code(["src"])
