"""The build scripts (scripts/sdk/), on small SDK-shaped fixtures of ours; no registry, no network
beyond 127.0.0.1 (the recorder's own server)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.sdk import build, js_tables, py_tables

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sdk"
SCHEMA = Path(__file__).resolve().parents[2] / "data" / "sdk" / "sdk-table.schema.json"


def _package(tmp_path: Path, layout: dict[str, str]) -> Path:
    root = tmp_path / "package"
    for target, fixture in layout.items():
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / "js" / fixture, path)
    return root


# --------------------------------------------------------------------------- JavaScript source


def test_class_style_client_groups_and_parameters(tmp_path: Path) -> None:
    root = _package(tmp_path, {"out/version3/all.js": "class_style.js"})
    client = js_tables.build("jira.js", root)["jira.js Version3Client"]
    methods = client["methods"]
    get = methods["issues.getIssue"][0]["requests"]
    # the id may be the argument itself (a string) or its issueIdOrKey property
    assert get == [
        {
            "method": "GET",
            "path": "/rest/api/3/issue/{issueIdOrKey}",
            "params": {"issueIdOrKey": {"arg": 0, "key": "issueIdOrKey", "or_value": True}},
        }
    ]
    edit = methods["issues.editIssue"][0]["requests"]
    assert [(r["method"], r.get("implicit"), r.get("optional")) for r in edit] == [
        ("GET", "via getIssue", True),  # the SDK reads the issue first when the description is a string
        ("PUT", None, None),
    ]
    comment = methods["issueComments.addComment"][0]["requests"][0]
    assert comment["path"] == "/rest/api/3/issue/{issueIdOrKey}/comment/{id}"
    assert comment["params"]["id"] == {"arg": 0, "key": "body.id"}
    assert "issues._private" not in methods
    # a URL the source does not fix is listed, never dropped
    assert "issueComments.fromVariable" in client["unresolved"]


def test_factory_style_maps_client_methods_to_module_functions(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "dist/cloud/createCloudClient.js": "factory_style.js",
            "dist/cloud/issues_module.js": "issues_module.js",
        },
    )
    client = js_tables.build("jira.js", root)["jira.js createCloudClient"]
    assert client["construct"] == "factory"
    (row,) = client["methods"]["issues.getIssue"]
    # module functions take (client, parameters); the client method takes (parameters)
    assert row["requests"][0]["params"] == {"issueIdOrKey": {"arg": 0, "key": "issueIdOrKey"}}
    assert client["unresolved"] == {"issues.missing": "issues.notThere not found"}


def test_jira_client_babel_output(tmp_path: Path) -> None:
    root = _package(tmp_path, {"lib/jira.js": "jira_client_es5.js"})
    client = js_tables.build("jira-client", root)["jira-client JiraApi"]
    methods = client["methods"]
    assert methods["findIssue"][0]["requests"] == [
        {
            "method": "GET",
            "path": "{@base}/rest/api/{@apiVersion}/issue/{issueNumber}",
            "params": {"issueNumber": {"arg": 0}},
        }
    ]
    assert methods["addComment"][0]["requests"][0]["method"] == "POST"
    assert methods["getUsersIssues"][0]["requests"][0]["implicit"] == "via findIssue"
    assert "fromOption" in client["unresolved"]
    assert {o["name"]: o.get("default") for o in client["options"]}["apiVersion"] == "2"


def test_same_endpoint_treats_placeholders_and_options_as_wildcards() -> None:
    row = {"method": "GET", "path": "/rest/api/{@rest_api_version}/search"}
    assert js_tables.same_endpoint(row, ("GET", "/rest/api/2/search"))
    assert not js_tables.same_endpoint(row, ("POST", "/rest/api/2/search"))
    assert not js_tables.same_endpoint(row, ("GET", "/rest/api/2/search/jql"))


# --------------------------------------------------------------------------- Python recorder


def _fake_config() -> dict[str, Any]:
    return {
        "top": "fakesdk",
        "classes": [
            {
                "name": "fakesdk.Client",
                "kwargs": {"url": "{site}"},
                "probe": {
                    "kwargs": {"url": "https://acme.atlassian.net", "get_server_info": False},
                    "attributes": ["url", "cloud"],
                },
                "variants": [
                    {"label": "server", "kwargs": {"cloud": False}, "when": {"cloud": False}},
                    {
                        "label": "server-options",
                        "role": "options",
                        "kwargs": {"cloud": False, "api_version": "{opt:api_version}"},
                        "distinct_options": ["api_version"],
                        "when": {"cloud": False},
                    },
                    {"label": "cloud", "kwargs": {"cloud": True}, "when": {"cloud": True}},
                    {
                        "label": "quiet",
                        "role": "constructor",
                        "kwargs": {"get_server_info": False},
                        "when": {"get_server_info": False},
                    },
                ],
                "calls": {
                    "create_issue": {"project-key": {"kwargs": {"project": "zqproject", "summary": "s"}}}
                },
            }
        ],
    }


@pytest.fixture(scope="module")
def recording() -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(FIXTURES / "fake_sdk")}
    return py_tables.run_recorder(sys.executable, _fake_config(), timeout=120, label="fakesdk", env=env)


def test_recorder_rows_from_a_driven_sdk(recording: dict[str, Any]) -> None:
    spec = _fake_config()["classes"][0]
    merged = py_tables.class_rows(recording, spec)
    methods = merged["methods"]
    # the recorder stands in for a Cloud site URL, to which the SDK appends /wiki (the probe saw it);
    # the argument that fills the path segment is known, and the option lands as {@api_version}
    assert methods["issue"] == [
        {
            "requests": [
                {
                    "method": "GET",
                    "path": "/wiki/rest/api/{@api_version}/issue/{key}",
                    "params": {"key": {"arg": 0, "keyword": "key"}},
                }
            ],
            "returns": "fakesdk.Issue",
        }
    ]
    assert merged["defaults"] == {"api_version": "2"}
    # the same method hits different endpoints with and without cloud=True
    search = {json.dumps(row.get("when")): row["requests"][0]["path"] for row in methods["search"]}
    assert search == {
        '{"cloud": false}': "/wiki/rest/api/{@api_version}/search",
        '{"cloud": true}': "/wiki/rest/api/2/search/jql",
    }
    # extra requests the SDK makes by itself, in order
    create = next(row for row in methods["create_issue"] if row.get("case") == "project-key")
    assert [(r["method"], r["path"]) for r in create["requests"]] == [
        ("GET", "/wiki/rest/api/{@api_version}/project/{project}"),
        ("POST", "/wiki/rest/api/{@api_version}/issue"),
    ]
    # the constructor's own request, switched off by an option; it follows the path option
    # like every other request (the options run constructs with a distinctive api_version)
    assert merged["constructor"] == [
        {"method": "GET", "path": "/wiki/rest/api/{@api_version}/serverInfo",
         "unless": {"get_server_info": False}}
    ]
    # a method that works under one option only keeps its condition; the failure is listed
    (legacy,) = methods["legacy_only"]
    assert legacy["when"] == {"cloud": False}
    assert merged["unresolved"]["legacy_only"].startswith("with cloud=True: AttributeError")
    # methods that cannot be driven are listed with the reason, never dropped
    assert merged["unresolved"]["bulk_import"].startswith("ValueError: `rows` param")
    # a method that opens the file it is given (add_attachment) finds one and records its upload
    assert "attach" not in merged["unresolved"]
    assert [r["method"] + " " + r["path"] for r in methods["attach"][0]["requests"]] == [
        "POST /wiki/rest/api/{@api_version}/issue/{key}/attachments"
    ]
    assert merged["unresolved"]["close"] == "made no request"
    assert recording["probes"]["fakesdk.Client"] == {"url": "https://acme.atlassian.net/wiki", "cloud": False}


def test_recorder_templates() -> None:
    values = {"zq0": "0:issue", "97971": "1:board_id", "zqk0": "kw:jql"}
    path, params = py_tables.template(
        "/rest/agile/zqoagile/board/97971/issue/zq0?jql=zqk0", values, {"agile": "zqoagile"}
    )
    assert path == "/rest/agile/{@agile}/board/{board_id}/issue/{issue}"
    assert params == {"board_id": {"arg": 1, "keyword": "board_id"}, "issue": {"arg": 0, "keyword": "issue"}}
    path, params = py_tables.template("/rest/api/2/issue/ZQK-1", {}, {})
    assert (path, params) == ("/rest/api/2/issue/{returned}", {"returned": {"response": "key"}})
    path, params = py_tables.template("/rest/api/2/issue/zqr0/comment/zqr1", {}, {}, ["zqr0", "zqr1"])
    assert path == "/rest/api/2/issue/{receiver0}/comment/{receiver1}"


# --------------------------------------------------------------------------- schema gate


def _minimal_table() -> dict[str, Any]:
    return {
        "format": 1,
        "sdk": "x",
        "ecosystem": "npm",
        "language": "javascript",
        "version": "1.0.0",
        "covers": ">=1.0.0",
        "imports": ["x"],
        "provenance": {
            "package": "x",
            "version": "1.0.0",
            "archive": "x-1.0.0.tgz",
            "sha256": "0" * 64,
            "built": "2026-01-01T00:00:00Z",
            "method": "source",
            "generator": "test",
        },
        "classes": {
            "x Client": {
                "kind": "client",
                "product": "jira",
                "construct": "new",
                "methods": {"a.b": [{"requests": [{"method": "GET", "path": "/rest/api/3/myself"}]}]},
                "unresolved": {},
            }
        },
    }


def test_validate_accepts_a_good_table_and_names_what_is_wrong() -> None:
    table = _minimal_table()
    assert build.validate(table, SCHEMA) == []
    table["classes"]["x Client"]["methods"]["a.b"][0]["requests"] = []
    table["provenance"]["sha256"] = "not-a-digest"
    problems = build.validate(table, SCHEMA)
    assert any("provenance/sha256" in p for p in problems)
    assert any("methods/a.b/0/requests" in p for p in problems)


def test_a_table_failing_its_schema_fails_the_build_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdk"
    out.mkdir()
    shutil.copy(SCHEMA, out / SCHEMA.name)
    archive = tmp_path / "x-1.0.0.tgz"
    archive.write_bytes(b"not really")
    broken = _minimal_table()["classes"]
    broken["x Client"]["product"] = "not-a-product"
    monkeypatch.setattr(build, "fetch", lambda *a: archive)
    monkeypatch.setattr(build, "build_npm", lambda *a: {"classes": broken, "method": "source"})
    assert build.main(["--only", "jira.js@6.2.0", "--out", str(out), "--cache", str(tmp_path)]) == 1
    assert "fails its schema" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [SCHEMA.name]


def test_list_items_are_read_from_return_annotations(tmp_path: Path) -> None:
    """``search_issues -> dict[str, Any] | ResultList[Issue]``: iterating the result gives
    Issue resources (the recorder's answers hold no issues, so the annotation says it)."""
    import zipfile

    wheel = tmp_path / "fakesdk-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("fakesdk/resources.py", "class Issue:\n    pass\n\nclass Board:\n    pass\n")
        archive.writestr(
            "fakesdk/client.py",
            "from __future__ import annotations\n"
            "from typing import Any\n"
            "from fakesdk.resources import Issue, Board as B\n"
            "class ResultList(list):\n    pass\n"
            "class Client:\n"
            "    def search(self) -> dict[str, Any] | ResultList[Issue]: ...\n"
            "    def boards(self) -> list[B]: ...\n"
            "    def names(self) -> list[str]: ...\n"
            "    def issue(self) -> Issue: ...\n",
        )
        archive.writestr("other/x.py", "class Client:\n    def search(self) -> list[Issue]: ...\n")
    assert py_tables.list_items(wheel, "fakesdk") == {
        "fakesdk.client.Client": {"search": "fakesdk.resources.Issue", "boards": "fakesdk.resources.Board"}
    }
