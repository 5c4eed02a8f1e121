"""Data is not code: which files and parsed documents hold records of requests, never requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from scopelint.scanning.formats.data_files import data_document_kind, is_data_file

PROJECT = Path(__file__).resolve().parent.parent / "fixtures" / "projects" / "exported-data"


@pytest.mark.parametrize(
    "display",
    ["exports/issues.csv", "exports/issues.TSV", "logs/run.log", "space/entities.xml",
     "reports/scopelint.sarif", "session.har", "events.jsonl"],
)
def test_files_of_a_data_kind_are_data(display: str) -> None:
    assert is_data_file(display, "anything\n")


def test_a_log_without_a_suffix_is_data_by_its_timestamped_lines() -> None:
    text = (PROJECT / "logs" / "cron-output").read_text()
    assert is_data_file("logs/cron-output", text)
    assert is_data_file("notes.txt", (PROJECT / "logs" / "export-2025-06-01.log").read_text())


def test_a_table_without_a_suffix_is_data_by_its_rows() -> None:
    text = (PROJECT / "exports" / "issues.csv").read_text()
    assert is_data_file("export-2025-06", text)
    tsv = (PROJECT / "exports" / "issues.tsv").read_text()
    assert is_data_file("export.txt", tsv)


@pytest.mark.parametrize(
    ("display", "text"),
    [
        ("fetch.py", "import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n"),
        ("Client.java", "class C {\n  String a, b, c;\n  String d, e, f;\n  String g, h, i;\n}\n"),
        ("run", "#!/bin/sh\ncurl https://acme.atlassian.net/rest/api/3/myself\n"),
        ("notes.txt", "2025-06-01: moved to the gateway\nnothing else\nand more prose\n"),
    ],
)
def test_code_and_prose_are_not_data(display: str, text: str) -> None:
    assert not is_data_file(display, text)


def _json(relative: str) -> Any:
    return json.loads((PROJECT / relative).read_text())


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("responses/search-OPS-first.json", "a saved API response"),  # Jira: self, expand
        ("responses/page-98310.json", "a saved API response"),  # Confluence: _links, _expandable
        ("responses/pullrequests.json", "a saved API response"),  # Bitbucket: pagelen, links.self
        ("recordings/session.har", "a HAR recording"),
    ],
)
def test_saved_responses_and_recordings_are_data(relative: str, kind: str) -> None:
    assert data_document_kind(_json(relative)) == kind


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ({"startAt": 0, "maxResults": 50, "total": 1, "issues": []}, "a saved API response"),
        ({"isLast": True, "values": [{"id": 1}]}, "a saved API response"),
        ([{"key": "OPS-1", "fields": {"status": {"self": "https://acme.atlassian.net/rest/api/3/status/1"}}}],
         "a saved API response"),
        ({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []},
         "a SARIF report"),
        ({"findings": [], "summary": {"files": 1}}, "a scopelint report"),
        ({"version": 1, "fingerprints": {}}, "a scopelint baseline"),
        ([{"path": "a.py", "line": 3, "column": 1, "url": "https://acme.atlassian.net/rest/api/3/x"}],
         "a call inventory (scopelint calls --format json)"),
    ],
)
def test_reports_and_responses_are_data(document: Any, kind: str) -> None:
    assert data_document_kind(document) == kind


def test_an_openapi_document_is_data() -> None:
    document = YAML(typ="rt").load((PROJECT / "openapi" / "jira-subset.yaml").read_text())
    assert data_document_kind(document) == "an OpenAPI document"


@pytest.mark.parametrize(
    "document",
    [
        {"jira_url": "https://acme.atlassian.net", "project": "OPS"},
        {"values": [{"key": "baseUrl", "value": "https://acme.atlassian.net"}],
         "_postman_variable_scope": "environment"},  # a Postman environment: settings
        {"name": "app", "scripts": {"start": "node index.js"}},
        ["https://acme.atlassian.net", "https://api.atlassian.com"],
    ],
)
def test_configuration_is_not_data(document: Any) -> None:
    assert data_document_kind(document) is None


def test_aliases_are_walked_once() -> None:
    """A YAML alias bomb (each list holds the one before fifty times) ends at once."""
    text = "a0: &a0 [x, x, x]\n" + "".join(
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 50) + "]\n" for n in range(1, 13)
    )
    assert data_document_kind(YAML(typ="rt").load(text)) is None
