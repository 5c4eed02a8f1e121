"""`scopelint check --format X` on one small project, for every format a review bot reads.

The project has four findings: a site URL and a missing scope in a shell script, a missing
scope in Python, and an unused scope (a warning) in the configuration.  Each format must
report exactly those four, at the right place, in the shape its consumer expects.
"""

from __future__ import annotations

import json
import re
from contextlib import chdir
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

CONFIG = 'scopes = ["read:jira-user"]\n'
FETCH_SH = """\
#!/bin/sh
curl --user "$EMAIL:$TOKEN" 'https://acme.atlassian.net/rest/api/3/issue/PPT-28'
"""
APP_PY = """\
import requests

GATEWAY = "https://api.atlassian.com/ex/jira/00000000-0000-0000-0000-000000000000"


def issue(key):
    return requests.get(f"{GATEWAY}/rest/api/3/issue/{key}", timeout=10)
"""

# (path, line, code) of every finding in the project
EXPECTED = {
    (".scopelint.toml", 1, "SL003"),
    ("app.py", 7, "SL002"),
    ("scripts/fetch.sh", 2, "SL001"),
    ("scripts/fetch.sh", 2, "SL002"),
}
WARNINGS = {"SL003"}  # the only warning; the rest are errors


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the project's top: no configuration above it is read
    (tmp_path / ".scopelint.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "fetch.sh").write_text(FETCH_SH, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP_PY, encoding="utf-8")
    return tmp_path


def check(root: Path, *args: str) -> Result:
    with chdir(root):
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


SUMMARY = (
    "Found 4 problems (3 errors, 1 warning) in 3 files, 3 scanned; 2 calls resolved, 0 unresolved. "
    "2 fixable with --fix (1 more with --unsafe-fixes)."
)


def check_format(root: Path, fmt: str) -> Result:
    result = check(root, "--format", fmt, ".")
    assert result.exit_code == 1, result.output
    return result


# --------------------------------------------------------------------------- each format


def test_text_is_one_line_per_finding_and_a_summary(project: Path) -> None:
    lines = check_format(project, "text").stdout.splitlines()

    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>SL\d{3}) \[[a-z-]+\] .+$")
    docs = re.compile(r"^(?P<code>SL\d{3}) [a-z-]+: https://\S+#(?P<anchor>sl\d{3}-[a-z-]+)$")
    codes = {code for _path, _line, code in EXPECTED}
    matches = [pattern.match(line) for line in lines[: len(EXPECTED)]]
    assert all(matches), lines
    assert {(m["path"], int(m["line"]), m["code"]) for m in matches if m} == EXPECTED
    documented = [docs.match(line) for line in lines[len(EXPECTED) : -1]]  # each rule's page, once
    assert all(documented), lines
    assert sorted(m["code"] for m in documented if m) == sorted(codes)
    assert all(m["anchor"].startswith(m["code"].lower()) for m in documented if m)
    assert len(lines) == len(EXPECTED) + len(codes) + 1
    assert lines[-1] == SUMMARY


def test_json_lists_findings_and_a_summary(project: Path) -> None:
    document = json.loads(check_format(project, "json").stdout)

    findings = document["findings"]
    assert {(f["path"], f["line"], f["code"]) for f in findings} == EXPECTED
    for finding in findings:
        assert finding["severity"] == ("warning" if finding["code"] in WARNINGS else "error")
        assert isinstance(finding["column"], int) and finding["message"]
        assert re.fullmatch(r"[0-9a-f]{64}", finding["fingerprint"])
    summary = document["summary"]
    assert summary["files"] == 3
    assert summary["findings"] == 4
    assert summary["by_code"] == {"SL001": 1, "SL002": 2, "SL003": 1}


def test_sarif_is_valid_and_locates_every_result(project: Path, sarif_schema_path: Path) -> None:
    log = json.loads(check_format(project, "sarif").stdout)

    schema = json.loads(sarif_schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    located = set()
    for result in run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        located.add((physical["artifactLocation"]["uri"], physical["region"]["startLine"], result["ruleId"]))
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == ("warning" if result["ruleId"] in WARNINGS else "error")
    assert located == EXPECTED


def test_github_prints_workflow_commands(project: Path) -> None:
    lines = check_format(project, "github").stdout.splitlines()

    command = re.compile(
        r"^::(?P<level>error|warning) file=(?P<path>[^,]+),line=(?P<line>\d+),col=\d+"
        r"(?:,endLine=\d+,endColumn=\d+)?,title=(?P<code>SL\d{3}) [a-z-]+::.+$"
    )
    matches = [command.match(line) for line in lines if line.startswith("::")]
    assert all(matches), lines
    assert {(m["path"], int(m["line"]), m["code"]) for m in matches if m} == EXPECTED
    assert {m["code"] for m in matches if m and m["level"] == "warning"} == WARNINGS
    assert lines[-1] == f"scopelint: {SUMMARY}"


def test_gitlab_is_a_code_quality_report(project: Path) -> None:
    issues = json.loads(check_format(project, "gitlab").stdout)

    assert isinstance(issues, list)
    for issue in issues:
        assert issue["type"] == "issue"
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["description"]
        assert isinstance(issue["location"]["lines"]["begin"], int)
    located = {(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues}
    assert located == EXPECTED
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab merges equal fingerprints


def test_rdjson_is_a_reviewdog_diagnostic_result(project: Path) -> None:
    document = json.loads(check_format(project, "rdjson").stdout)

    assert document["source"]["name"] == "scopelint"
    diagnostics: list[dict[str, Any]] = document["diagnostics"]
    located = set()
    for diagnostic in diagnostics:
        start = diagnostic["location"]["range"]["start"]
        located.add((diagnostic["location"]["path"], start["line"], diagnostic["code"]["value"]))
        assert isinstance(start["column"], int)
        expected = "WARNING" if diagnostic["code"]["value"] in WARNINGS else "ERROR"
        assert diagnostic["severity"] == expected
        assert diagnostic["message"]
    assert located == EXPECTED


def test_markdown_has_a_summary_and_links_every_finding(project: Path) -> None:
    text = check_format(project, "markdown").stdout

    assert text.startswith("## scopelint\n")
    assert SUMMARY in text
    assert "| Rule | Name | Count |" in text
    link = re.compile(r"^- \[([^\]:]+):(\d+)\]\(\S+#L\d+\) \*\*(SL\d{3})\*\*", re.M)
    links = set(link.findall(text))
    assert {(path, int(line), code) for path, line, code in links} == EXPECTED
    for heading in ("### .scopelint.toml", "### app.py", "### scripts/fetch.sh"):
        assert heading in text


# --------------------------------------------------------------------------- options


def test_output_writes_the_report_to_the_file_not_stdout(project: Path) -> None:
    printed = check(project, "--format", "sarif", ".").stdout

    result = check(project, "--format", "sarif", "--output", "reports/scopelint.sarif", ".")

    assert result.exit_code == 1  # the exit code still says there are findings
    assert result.stdout == ""
    written = (project / "reports" / "scopelint.sarif").read_text(encoding="utf-8")
    assert written == printed
    assert json.loads(written)["runs"][0]["results"]


def test_output_replaces_an_existing_report(project: Path) -> None:
    report = project / "scopelint.json"
    report.write_text("stale\n", encoding="utf-8")

    check(project, "--format", "json", "-o", str(report), ".")

    assert len(json.loads(report.read_text(encoding="utf-8"))["findings"]) == 4


def test_exit_zero_reports_findings_but_exits_0(project: Path) -> None:
    result = check(project, "--format", "json", "--exit-zero", ".")

    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["findings"]) == 4


def test_without_exit_zero_findings_exit_1_and_a_clean_project_exits_0(project: Path) -> None:
    assert check(project, ".").exit_code == 1

    (project / "scripts" / "fetch.sh").unlink()
    (project / "app.py").unlink()
    (project / ".scopelint.toml").unlink()
    (project / "ok.sh").write_text("echo hello\n", encoding="utf-8")

    result = check(project, "--format", "json", ".")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_the_format_choices_are_the_reporter_registry(project: Path) -> None:
    """`--format` offers exactly the registered reporters (no hand-kept copy of the list)."""
    from scopelint.reporting import REPORTERS

    shown = re.search(r"--format, --output-format \[([^\]]+)\]", check(project, "--help").stdout)
    assert shown is not None and shown.group(1).split("|") == list(REPORTERS)
    rejected = check(project, "--format", "junit", ".")
    assert rejected.exit_code == 2 and "junit" in rejected.output
