"""Data is not code (issue #14 item 1): exports, logs, saved responses and scopelint's own
reports hold neither calls nor API base URLs; configuration values and tokens still count."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import check_json, scopelint, write_tree

SITE = "https://acme.atlassian.net"
TOKEN = "ATATT3xFfGF0" + "T3stT0kenN0tReal" * 11 + "=0A1B2C3D"


def _export(rows: int) -> str:
    """An issue export as Jira's "Export CSV (all fields)" writes it: ``self`` links in cells."""
    lines = ["Issue key,Issue id,Summary,Custom field (Team),Status (raw),Self"]
    for n in range(1, rows + 1):
        option = (f"{{'self': '{SITE}/rest/api/3/customFieldOption/10081', 'value': 'Platform', "
                  "'id': '10081'}")
        status = f"{{'self': '{SITE}/rest/api/3/status/10000', 'name': 'To Do', 'id': '10000'}}"
        issue = f"{SITE}/rest/api/3/issue/{10200 + n}"
        lines.append(f'MIG-{n},{10200 + n},Migrate component {n},"{option}","{status}",{issue}')
    return "\n".join(lines) + "\n"


def _calls(root: Path) -> list[dict[str, object]]:
    result = scopelint(["calls", "--format", "json", "--include-bases"], root)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_200_row_csv_export_is_neither_calls_nor_findings(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"exports/issues-2025-05.csv": _export(200)})
    (root / "exports" / "issues-2025-05.tsv").write_text(_export(20).replace(",", "\t"))
    assert _calls(root) == []
    assert check_json(root) == []


def test_a_token_in_an_export_is_still_a_leaked_token(tmp_path: Path) -> None:
    export = _export(3) + f"MIG-4,10204,Rotate the bot token {TOKEN},,,{SITE}/rest/api/3/issue/10204\n"
    root = write_tree(tmp_path, {"exports/issues.csv": export})
    found = check_json(root)
    assert [(f["code"], f["path"], f["line"]) for f in found] == [("SL008", "exports/issues.csv", 5)]
    assert TOKEN not in json.dumps(found)


def test_saved_responses_in_a_test_fixtures_folder_are_data(tmp_path: Path) -> None:
    """A Node project keeps the responses its tests replay in fixtures/: none of their links is
    a call, and the project's one real call is still found."""
    issue = {
        "expand": "renderedFields,names,schema,operations",
        "id": "10001",
        "self": f"{SITE}/rest/api/3/issue/10001",
        "key": "OPS-1",
        "fields": {"status": {"self": f"{SITE}/rest/api/3/status/3", "name": "In Progress"},
                   "project": {"self": f"{SITE}/rest/api/3/project/10000", "key": "OPS"}},
    }
    root = write_tree(tmp_path, {
        "src/jira.js": """\
            const axios = require('axios');
            const CLOUD_ID = process.env.JIRA_CLOUD_ID;
            async function issue(key) {
              return axios.get(`https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3/issue/${key}`);
            }
            module.exports = { issue };
            """,
    })
    (root / "fixtures").mkdir()
    (root / "fixtures" / "issue-10001.json").write_text(json.dumps(issue, indent=2))
    rows = _calls(root)
    assert [(r["path"], r["line"], r["method"], r["endpoint"]) for r in rows] == [
        ("src/jira.js", 4, "GET", "/rest/api/3/issue/{issueIdOrKey}")
    ]
    assert check_json(root) == []


def test_scopelints_own_reports_add_nothing_to_the_next_run(tmp_path: Path) -> None:
    """SARIF, JSON, a baseline and the call inventory written into the tree are read as data:
    the next run finds exactly what the first one did."""
    root = write_tree(tmp_path, {
        "scripts/sync.py": f"""\
            import requests

            def fetch(key):
                return requests.get(f"{SITE}/rest/api/3/issue/{{key}}").json()

            def changelog(key):
                return requests.get(f"{SITE}/rest/api/3/issue/{{key}}/changelog").json()
            """,
    })
    before = check_json(root)
    calls_before = _calls(root)
    assert [f["code"] for f in before] == ["SL001", "SL001"]
    reports = root / "reports"
    for fmt, name in (("sarif", "scopelint.sarif"), ("json", "scopelint.json"),
                      ("rdjson", "scopelint.rdjson.json"), ("gitlab", "gl-code-quality-report.json")):
        result = scopelint(["check", "--format", fmt, "--output", str(reports / name), "."], root)
        assert result.exit_code == 1, result.output
    scopelint(["check", "--write-baseline", "scopelint-baseline.json", "."], root)
    inventory = scopelint(["calls", "--format", "json", "."], root)
    (reports / "calls.json").write_text(inventory.stdout)
    assert sorted(p.name for p in reports.iterdir()) == [
        "calls.json", "gl-code-quality-report.json", "scopelint.json", "scopelint.rdjson.json",
        "scopelint.sarif",
    ]
    assert (root / "scopelint-baseline.json").is_file()

    after = check_json(root)
    assert [(f["code"], f["path"], f["line"]) for f in after] == [
        (f["code"], f["path"], f["line"]) for f in before
    ]
    assert _calls(root) == calls_before


def test_configuration_values_are_still_base_urls(tmp_path: Path) -> None:
    """Data detection is by the file's kind and structure: a settings file holding the site is
    configuration, whatever its format."""
    root = write_tree(tmp_path, {
        "config/settings.json": f'{{"project": "OPS", "jira_url": "{SITE}"}}\n',
        "config/app.yaml": f"jira:\n  base_url: {SITE}\n  project: OPS\n",
        "src/App/App.config.xml": f"""\
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <appSettings>
                <add key="JiraBaseUrl" value="{SITE}" />
                <add key="Greeting" value="Hello" />
              </appSettings>
            </configuration>
            """,
        ".env": f"JIRA_URL={SITE}\n",
    })
    found = check_json(root)
    assert sorted((f["code"], f["path"], f["line"]) for f in found) == [
        ("SL001", ".env", 1),
        ("SL001", "config/app.yaml", 2),
        ("SL001", "config/settings.json", 1),
        ("SL001", "src/App/App.config.xml", 4),
    ]


def test_an_xml_export_is_not_configuration(tmp_path: Path) -> None:
    """A Confluence space export holds REST links inside page bodies: prose, not settings."""
    root = write_tree(tmp_path, {
        "export/entities.xml": f"""\
            <?xml version="1.0" encoding="UTF-8"?>
            <hibernate-generic datetime="2025-05-30 18:02:11">
              <object class="BodyContent" package="com.atlassian.confluence.core">
                <property name="title"><![CDATA[Architecture]]></property>
                <property name="body"><![CDATA[<p>See <a href="{SITE}/rest/api/3/issue/MIG-4">MIG-4</a>
                  and <a href="{SITE}/wiki/rest/api/content/98311">the design</a>.</p>]]></property>
              </object>
            </hibernate-generic>
            """,
    })
    assert _calls(root) == []
    assert check_json(root) == []
