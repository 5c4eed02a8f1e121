"""The Go SDK build (scripts/sdk/go_tables.py, build.py's Go path) on a small module in
go-jira's shape, zipped by the test the way the Go module proxy serves it and served from a
``file://`` GOPROXY: no network."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from go_module import SCHEMA, V1, V2, V2_VERSION, build_tables, fake_proxy

from scripts.sdk import build, go_tables


@pytest.fixture
def proxy(tmp_path: Path) -> Path:
    return fake_proxy(tmp_path / "proxy")


def _build(tmp_path: Path, proxy: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, Path]:
    return build_tables(tmp_path, proxy, monkeypatch, *extra)


def _rows(table: dict[str, Any], method: str) -> list[tuple[str, str, Any]]:
    (row,) = table["classes"]["go-jira Client"]["methods"][method]
    return [(r["method"], r["path"], r.get("params")) for r in row["requests"]]


def test_v1_table_from_a_module_zip(tmp_path: Path, proxy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _build(tmp_path, proxy, monkeypatch)
    assert code == 0
    table = json.loads((out / "go-jira" / "1.16.0.json").read_text(encoding="utf-8"))
    assert build.validate(table, SCHEMA) == []
    assert (table["ecosystem"], table["language"], table["covers"]) == ("go", "go", "<2.0.0")
    assert table["imports"] == [V1]
    provenance = table["provenance"]
    assert provenance["package"] == V1
    assert provenance["archive"] == "github.com_andygrunwald_go-jira@v1.16.0.zip"
    assert provenance["sha256"] == build.sha256(proxy / V1 / "@v" / "v1.16.0.zip")
    client = table["classes"]["go-jira Client"]
    # NewClient(httpClient, baseURL string): the site is the second argument
    assert client["construct"] == "factory" and client["factories"] == ["NewClient"]
    assert client["site"] == [{"arg": 1}]
    # the client's own request builders are the raw escape hatch (method, URL positions read
    # from their parameters)
    assert sorted((sorted(e["methods"].items()), e["url"]) for e in client["raw"]) == [
        ([("NewRequest", "ARG0")], {"arg": 1}),
        ([("NewRequestWithContext", "ARG1")], {"arg": 2}),
    ]
    # Sprintf with a parameter; the parameter named as the knowledge base names it when it has
    # the operation (the specs may be absent: then go-jira's own name stays)
    get_ctx = _rows(table, "Issue.GetWithContext")
    assert [(m, p.replace("{issueID}", "{issueIdOrKey}")) for m, p, _ in get_ctx] == [
        ("GET", "/rest/api/2/issue/{issueIdOrKey}")
    ]
    assert list(get_ctx[0][2].values()) == [{"arg": 1}]  # (ctx, issueID, options)
    # the plain form delegates: same request, the id is its first argument
    get = _rows(table, "Issue.Get")
    assert [m for m, _, _ in get] == ["GET"] and get[0][1] == get_ctx[0][1]
    assert list(get[0][2].values()) == [{"arg": 0}]
    # a literal method ("POST"), http.MethodPut, a field of a parameter (comment.ID)
    assert _rows(table, "Issue.AddComment")[0][0] == "POST"
    (put,) = _rows(table, "Issue.UpdateCommentWithContext")
    assert put[0] == "PUT" and put[1].endswith("/comment/{id}") and put[2]["id"] == {"arg": 2, "key": "ID"}
    # url.URL{Path: ...}.String(), a literal endpoint, a %d of an int parameter
    assert _rows(table, "Issue.Search") == [("GET", "/rest/api/2/search", None)]
    assert _rows(table, "Project.GetList") == [("GET", "/rest/api/2/project", None)]
    sprints = _rows(table, "Board.GetAllSprintsWithContext")
    assert sprints[0][1].startswith("/rest/agile/1.0/board/{") and sprints[0][1].endswith("}/sprint")
    # a sibling called on the way is an implicit request; the query string is not in the path
    (row,) = client["methods"]["Issue.DoTransitionWithContext"]
    assert [(r["method"], r.get("implicit")) for r in row["requests"]] == [
        ("GET", "via GetTransitionsWithContext"), ("POST", None)
    ]
    assert all("?" not in r["path"] for r in row["requests"])
    # a URL the caller gives is listed, never dropped; test files are not read
    assert "Issue.DownloadWithContext" in client["unresolved"]
    assert "Issue.DownloadWithContext" not in client["methods"]
    assert not any("NotATestMethod" in name for name in (*client["methods"], *client["unresolved"]))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert {(e["sdk"], e["language"], e["file"]) for e in index["tables"]} == {
        ("go-jira", "go", "go-jira/1.16.0.json"),
        ("go-jira", "go", f"go-jira/{V2_VERSION[1:]}.json"),
    }


def test_v2_cloud_package_methods_take_ctx_first(
    tmp_path: Path, proxy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _build(tmp_path, proxy, monkeypatch)
    assert code == 0
    table = json.loads((out / "go-jira" / f"{V2_VERSION[1:]}.json").read_text(encoding="utf-8"))
    assert build.validate(table, SCHEMA) == []
    assert table["imports"] == [V2 + "/cloud"] and table["covers"] == ">=2.0.0-0"
    assert table["provenance"]["version"] == V2_VERSION[1:]
    assert table["provenance"]["archive"].endswith(f"@{V2_VERSION}.zip")
    client = table["classes"]["go-jira Client"]
    assert client["site"] == [{"arg": 0}]  # NewClient(baseURL string, httpClient)
    # `type IssueService service`: methods on it are the Issue group's
    (delete,) = _rows(table, "Issue.Delete")
    assert delete[0] == "DELETE" and list(delete[2].values()) == [{"arg": 1}]
    assert _rows(table, "Project.GetAll") == [("GET", "/rest/api/3/project", None)]
    assert set(client["methods"]) == {"Issue.Get", "Issue.Delete", "Project.GetAll"}


def test_unreachable_proxy_is_one_line_per_go_sdk_and_keeps_what_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "no-proxy-here"
    empty.mkdir()
    out = tmp_path / "out"
    (out / "go-jira").mkdir(parents=True)
    kept = out / "go-jira" / "1.16.0.json"
    previous = json.dumps({"sdk": "go-jira", "ecosystem": "go", "language": "go", "version": "1.16.0",
                           "covers": "<2.0.0", "imports": [V1], "classes": {}})
    kept.write_text(previous, encoding="utf-8")
    code, _ = _build(tmp_path, empty, monkeypatch)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": not built:" in line]
    assert code == 0
    assert len(lines) == 2 and lines[0].startswith("go-jira 1.16.0: not built: module proxy unreachable")
    assert "Traceback" not in err and "2 Go table(s) not built" in err
    assert kept.read_text(encoding="utf-8") == previous  # the table built where the proxy was reachable
    code, _ = _build(tmp_path, empty, monkeypatch, "--strict")
    assert code == 1


def test_module_path_case_encoding_and_proxy_list(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build.escape_module("github.com/Azure/Go-Jira") == "github.com/!azure/!go-!jira"
    monkeypatch.setenv("GOPROXY", "https://goproxy.example/,direct|off")
    assert build.go_proxies() == ["https://goproxy.example"]
    monkeypatch.delenv("GOPROXY")
    assert build.go_proxies() == ["https://proxy.golang.org"]


def test_a_zip_without_the_client_is_a_one_line_error(tmp_path: Path) -> None:
    archive = tmp_path / "m.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("example.com/m@v1.0.0/x.go", "package m\n\nfunc F() {}\n")
    files = go_tables.package_files(archive, "example.com/m", "v1.0.0")
    with pytest.raises(go_tables.GoBuildError, match="type Client struct"):
        go_tables.build(files, "m")
    with pytest.raises(go_tables.GoBuildError, match="no Go files"):
        go_tables.package_files(archive, "example.com/m", "v1.0.0", "cloud")
