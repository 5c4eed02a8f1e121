"""`scopelint kb update`: documents from a local mirror -> a newer table in the user cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from local_http import Route, clear_proxies, serve

from scopelint.cli.main import cli
from scopelint.kb.table import data_dir, load_default
from scopelint.kb.update import DOCUMENT_URLS, document_urls

JSM = "jira-service-management"
REMOVED_PATH = "/rest/servicedeskapi/assets/workspace"
CHANGED_PATH = "/rest/servicedeskapi/customer"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    clear_proxies(monkeypatch)
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(folder))
    load_default.cache_clear()
    yield folder
    load_default.cache_clear()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _changed_jsm(specs_dir: Path) -> bytes:
    """The real JSM document with one operation gone and one operation's scopes changed."""
    document: dict[str, Any] = json.loads((specs_dir / f"{JSM}.json").read_bytes())
    del document["paths"][REMOVED_PATH]
    post = document["paths"][CHANGED_PATH]["post"]
    post["x-atlassian-oauth2-scopes"][0]["scopes"] = ["write:servicedesk-request"]
    post["security"] = [{"OAuth2": ["write:servicedesk-request"]}]
    return json.dumps(document).encode()


def _info() -> dict[str, Any]:
    load_default.cache_clear()
    result = run("kb", "info", "--format", "json")
    assert result.exit_code == 0, result.output
    info: dict[str, Any] = json.loads(result.stdout)
    return info


def test_update_writes_the_cache_table_and_prints_the_diff(specs_dir: Path, cache_dir: Path) -> None:
    with serve({f"/{JSM}.json": Route(200, _changed_jsm(specs_dir))}) as server:
        result = run("kb", "update", "--base-url", server.url + "/", "--only", JSM, "--no-validate")
    assert result.exit_code == 0, result.output
    assert [path for path, _ in server.requests] == [f"/{JSM}.json"]
    assert server.requests[0][1]["user-agent"].startswith("scopelint/")
    table_path = cache_dir / "table.json"
    assert table_path.is_file()
    out = result.stdout
    assert f"Wrote {table_path}" in out
    assert "1 added" not in out and "0 added, 1 removed, 0 newly deprecated, 1 scope changes" in out
    assert f"GET {REMOVED_PATH}" in out
    assert f"POST {CHANGED_PATH}" in out and "+ classic: write:servicedesk-request" in out

    info = _info()
    assert info["origin"] == "cache" and info["path"] == str(table_path)
    embedded = json.loads((data_dir() / "table.json").read_text())
    # the other documents, the history and the curated data are kept from the table in use;
    # what the new JSM document dropped is kept too, last seen in the version it replaced
    embedded_jsm = next(d for d in embedded["documents"] if d["key"] == JSM)
    older = f"{JSM}@{embedded_jsm['date']}"
    assert [d["key"] for d in info["documents"]] == [d["key"] for d in embedded["documents"]] + [older]
    assert info["operations"] == len(embedded["operations"])
    assert info["current_operations"] == sum(
        d["operations"] for d in embedded["documents"] if d["status"] == "current"
    ) - 1
    jsm = next(d for d in info["documents"] if d["key"] == JSM)
    assert jsm["operations"] == embedded_jsm["operations"] - 1
    dropped = next(d for d in info["documents"] if d["key"] == older)
    assert (dropped["status"], dropped["of"], dropped["operations"]) == ("history", JSM, 1)
    assert info["curated"] == embedded["curated"]
    scopes = run("scopes", "GET", REMOVED_PATH, "--format", "json")
    assert scopes.exit_code == 0, scopes.output
    retired = json.loads(scopes.stdout)["retired"]
    assert (retired["dropped_from"], retired["last_seen"]) == (JSM, embedded_jsm["date"])

    text = run("kb", "info")
    assert text.exit_code == 0 and f"Table: {table_path} (cache)" in text.stdout


def test_update_validates_and_reports_json(specs_dir: Path, cache_dir: Path) -> None:
    with serve({f"/{JSM}.json": Route(200, (specs_dir / f"{JSM}.json").read_bytes())}) as server:
        result = run("kb", "update", "--base-url", server.url, "--only", JSM, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == [JSM]
    assert report["diff"] == {"added": [], "removed": [], "newly_deprecated": [], "scope_changes": []}
    assert "OpenAPI validation errors (continuing)" in result.stderr  # Atlassian's own document


def test_a_failing_download_leaves_the_previous_table_untouched(specs_dir: Path, cache_dir: Path) -> None:
    routes = {f"/{JSM}.json": Route(200, _changed_jsm(specs_dir))}
    with serve(routes) as server:
        first = run("kb", "update", "--base-url", server.url, "--only", JSM, "--no-validate")
        assert first.exit_code == 0, first.output
        before = (cache_dir / "table.json").read_bytes()
        server.routes["/confluence-v2.json"] = Route(500, b"down", "text/plain")
        failed = run(
            "kb", "update", "--base-url", server.url, "--only", JSM, "--only", "confluence-v2",
            "--no-validate",
        )
    assert failed.exit_code == 2
    assert failed.stderr.splitlines()[-1] == (
        f"scopelint: error: kb update: {server.url}/confluence-v2.json: HTTP 500 Internal Server Error; "
        "the table in use is unchanged"
    )
    assert (cache_dir / "table.json").read_bytes() == before
    assert sorted(p.name for p in cache_dir.iterdir()) == ["table.json"]


def test_a_mirror_serving_the_wrong_document_is_refused(specs_dir: Path, cache_dir: Path) -> None:
    wrong = (specs_dir / "confluence-v2.json").read_bytes()
    with serve({f"/{JSM}.json": Route(200, wrong)}) as server:
        result = run("kb", "update", "--base-url", server.url, "--only", JSM, "--no-validate")
    assert result.exit_code == 2
    assert f"{server.url}/{JSM}.json: describes confluence, not {JSM}" in result.stderr
    assert not (cache_dir / "table.json").exists()


def test_not_an_openapi_document_is_refused(cache_dir: Path) -> None:
    with serve({f"/{JSM}.json": Route(200, b'{"hello": "world"}')}) as server:
        result = run("kb", "update", "--base-url", server.url, "--only", JSM)
    assert result.exit_code == 2
    assert "not an OpenAPI 3 document" in result.stderr
    assert not (cache_dir / "table.json").exists()


def test_an_older_or_damaged_cached_table_never_shadows_the_embedded_one(cache_dir: Path) -> None:
    embedded = json.loads((data_dir() / "table.json").read_text())
    older = dict(embedded, built="2000-01-01T00:00:00Z", operations=embedded["operations"][:5])
    cache_dir.mkdir()
    (cache_dir / "table.json").write_text(json.dumps(older))
    info = _info()
    assert info["origin"] == "embedded" and info["operations"] == len(embedded["operations"])
    (cache_dir / "table.json").write_text("{not json")
    assert _info()["origin"] == "embedded"


def test_unknown_only_key_and_bad_base_url(cache_dir: Path) -> None:
    unknown = run("kb", "update", "--only", "jira-typo", "--base-url", "http://127.0.0.1:9")
    assert unknown.exit_code == 2 and "unknown document 'jira-typo'" in unknown.stderr
    bad = run("kb", "update", "--base-url", "ftp://mirror")
    assert bad.exit_code == 2 and "an http(s) URL is expected" in bad.stderr


def test_published_urls_and_mirror_urls() -> None:
    assert document_urls()["jira-platform"] == (
        "https://dac-static.atlassian.com/cloud/jira/platform/swagger-v3.v3.json"
    )
    assert set(document_urls()) == set(DOCUMENT_URLS)
    assert document_urls("http://mirror.example/specs/", ["bitbucket"]) == {
        "bitbucket": "http://mirror.example/specs/bitbucket.json"
    }


def test_the_help_names_every_document_key() -> None:
    """`--only`'s help lists the keys update_table knows (DOCUMENT_URLS), not a copy of them."""
    help_text = " ".join(run("kb", "update", "--help").stdout.split())
    keys = help_text.split("Keys: ", 1)[1].split(".", 1)[0].replace("- ", "-")
    assert keys.split(", ") == list(DOCUMENT_URLS)
