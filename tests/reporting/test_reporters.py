"""Every output format, rendered from one hand-made LintResult."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reporting_sample import MANIFEST_EDIT, make_findings, moved, sl002

from scopelint.errors import ScopelintError
from scopelint.model import Finding, Fix, LintResult, Location, Severity
from scopelint.reporting import FORMATS, REPORTERS, get_reporter, render
from scopelint.rules.base import RuleInfo

SAMPLE_SUMMARY = (
    "Found 4 problems (2 errors, 1 warning, 1 info) in 3 files, 12 scanned; 4 calls resolved, 0 unresolved. "
    "1 fixable with --fix."
)

# --------------------------------------------------------------------------- registry


def test_every_registered_format_renders(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    for fmt in REPORTERS:
        reporter = get_reporter(fmt)
        assert reporter.name == fmt
        assert render(fmt, result, rules).strip()


def test_unknown_format_is_a_user_error_listing_the_formats(result: LintResult) -> None:
    with pytest.raises(ScopelintError) as info:
        render("xml", result, {})
    assert "'xml'" in str(info.value)
    for fmt in FORMATS:
        assert fmt in str(info.value)


# --------------------------------------------------------------------------- text


def test_text_one_line_per_finding_sorted_then_summary(
    result: LintResult, rules: dict[str, RuleInfo]
) -> None:
    lines = render("text", result, rules).splitlines()
    assert lines == [
        "docs/my notes #1.md:3:1: SL007 [deprecated-endpoint] "
        "50% done, `GET /rest/api/3/search` | deprecated: use /search/jql @team",
        "manifest.yml:8:7: SL003 [unused-scope] "
        "scope write:jira-work is declared but nothing needs it",
        "src/app.py:12:5: SL002 [missing-scopes] "
        "GET /rest/api/3/issue/{issueIdOrKey} needs read:jira-work, not declared",
        "src/app.py:30:9: SL002 [missing-scopes] "
        "GET /rest/api/3/issue/{issueIdOrKey} needs read:jira-work, not declared",
        f"SL002 missing-scopes: {rules['SL002'].help_uri}",
        f"SL003 unused-scope: {rules['SL003'].help_uri}",
        f"SL007 deprecated-endpoint: {rules['SL007'].help_uri}",
        SAMPLE_SUMMARY,
    ]


def test_text_does_not_print_run_warnings(result: LintResult) -> None:
    assert "broken.yaml" not in render("text", result, {})


def test_text_clean_run_is_one_line() -> None:
    clean = LintResult(findings=[], files_scanned=12, calls_found=4)
    assert render("text", clean, {}) == "All checks passed (12 files, 4 calls resolved, 0 unresolved)."


def test_text_summary_mentions_fixes_and_stale_baseline_in_singular() -> None:
    clean = LintResult(
        findings=[], files_scanned=1, calls_found=1, fixed=2, stale_baseline=["a.py: SL002 x"],
        fix_mode="fix",
    )
    assert render("text", clean, {}) == (
        "All checks passed (1 file, 1 call resolved, 0 unresolved). 2 fixed. 1 stale baseline entry."
    )


def test_text_keeps_a_multi_line_message_on_one_line() -> None:
    finding = replace(sl002(1), message="first\nsecond")
    out = render("text", LintResult(findings=[finding], files_scanned=1), {})
    assert out.splitlines()[0].endswith("[missing-scopes] first second")
    assert out.splitlines()[1] == (
        "Found 1 problem (1 error) in 1 file, 1 scanned; 0 calls resolved, 0 unresolved."
    )


# --------------------------------------------------------------------------- json


def test_json_shape(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    data = json.loads(render("json", result, rules))
    assert set(data) == {"findings", "summary"}
    first_sl002 = next(f for f in data["findings"] if f["code"] == "SL002")
    assert first_sl002["name"] == "missing-scopes"
    assert first_sl002["severity"] == "error"
    assert (first_sl002["path"], first_sl002["line"], first_sl002["column"]) == ("src/app.py", 12, 5)
    assert first_sl002["endpoint"] == {
        "method": "GET",
        "path": "/rest/api/3/issue/{issueIdOrKey}",
    }
    assert first_sl002["missing_scopes"] == ["read:jira-work"]
    assert first_sl002["fix"]["description"] == "Add read:jira-work to manifest.yml"
    assert first_sl002["fix"]["safe"] is True
    assert first_sl002["fix"]["edits"][0]["text"] == "    - read:jira-work\n"
    assert len(first_sl002["fingerprint"]) == 64

    unused = next(f for f in data["findings"] if f["code"] == "SL003")
    assert unused["unused_scopes"] == ["write:jira-work"]
    assert "endpoint" not in unused and "missing_scopes" not in unused and "fix" not in unused

    fingerprints = [f["fingerprint"] for f in data["findings"]]
    assert len(set(fingerprints)) == len(fingerprints)

    assert data["summary"] == {
        "files": 12,
        "files_skipped": 0,
        "calls": 4,
        "calls_resolved": 4,
        "calls_unresolved": 0,
        "notes": [],
        "findings": 4,
        "by_code": {"SL002": 2, "SL003": 1, "SL007": 1},
        "by_severity": {"error": 2, "warning": 1, "info": 1},
        "fixed": 0,
        "fixable": {"safe": 1, "unsafe": 0},
        "stale_baseline": [],
        "tool_version": "0.1.0",
        "kb_version": "2026-11-28 (embedded)",
    }


# --------------------------------------------------------------------------- sarif


def _sarif(result: LintResult, rules: dict[str, RuleInfo]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render("sarif", result, rules))
    return data


def _validate(log: dict[str, Any], schema_path: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)


def test_sarif_validates_against_the_schema(
    result: LintResult, rules: dict[str, RuleInfo], sarif_schema_path: Path
) -> None:
    _validate(_sarif(result, rules), sarif_schema_path)


def test_sarif_schema_check_is_not_a_rubber_stamp(
    result: LintResult, rules: dict[str, RuleInfo], sarif_schema_path: Path
) -> None:
    log = _sarif(result, rules)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log, sarif_schema_path)


def test_sarif_driver_and_rules(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    run = _sarif(result, rules)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "scopelint"
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["properties"]["knowledgeBaseVersion"] == "2026-11-28 (embedded)"
    assert "2026-11-28 (embedded)" in driver["fullName"]
    assert driver["informationUri"].startswith("https://")
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert set(by_id) == {"SL001", "SL002", "SL003", "SL007"}
    sl002_rule = by_id["SL002"]
    assert sl002_rule["name"] == "missing-scopes"
    assert sl002_rule["shortDescription"]["text"] == rules["SL002"].summary
    assert sl002_rule["fullDescription"]["text"] == rules["SL002"].explanation
    assert sl002_rule["helpUri"] == rules["SL002"].help_uri
    assert "```\nscopes:\n  - read:jira-user\n  - read:jira-work\n```" in sl002_rule["help"]["markdown"]
    assert "read:jira-work" in sl002_rule["help"]["text"]
    assert sl002_rule["defaultConfiguration"]["level"] == "error"
    assert by_id["SL003"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["SL007"]["defaultConfiguration"]["level"] == "note"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///home/dev/project/"


def test_sarif_results_point_at_relative_encoded_uris(
    result: LintResult, rules: dict[str, RuleInfo]
) -> None:
    run = _sarif(result, rules)["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    by_uri: dict[str, dict[str, Any]] = {}
    for res in run["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        artifact = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        by_uri.setdefault(artifact["uri"], res)
    assert set(by_uri) == {"docs/my%20notes%20%231.md", "manifest.yml", "src/app.py"}
    info = by_uri["docs/my%20notes%20%231.md"]
    assert info["level"] == "note"
    assert info["message"]["text"].startswith("50% done")
    region = by_uri["src/app.py"]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 45}
    assert by_uri["manifest.yml"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 8,
        "startColumn": 7,
    }


def test_sarif_fix_is_expressed_as_replacements(
    result: LintResult, rules: dict[str, RuleInfo]
) -> None:
    results = _sarif(result, rules)["runs"][0]["results"]
    with_fix = [r for r in results if "fixes" in r]
    assert len(with_fix) == 1
    fix = with_fix[0]["fixes"][0]
    assert fix["description"]["text"] == "Add read:jira-work to manifest.yml"
    changes = {c["artifactLocation"]["uri"]: c for c in fix["artifactChanges"]}
    assert set(changes) == {"manifest.yml", "src/app.py"}
    replacement = changes["manifest.yml"]["replacements"][0]
    assert replacement["deletedRegion"] == {
        "startLine": MANIFEST_EDIT.line,
        "startColumn": 1,
        "endLine": MANIFEST_EDIT.line,
        "endColumn": 1,
    }
    assert replacement["insertedContent"]["text"] == "    - read:jira-work\n"


def _sarif_fingerprints(findings: list[Finding]) -> list[str]:
    log = json.loads(render("sarif", LintResult(findings=findings, root="/r"), {}))
    return [r["partialFingerprints"]["scopelint/v1"] for r in log["runs"][0]["results"]]


def test_sarif_fingerprints_survive_moved_lines_and_stay_distinct() -> None:
    findings = make_findings()
    before = _sarif_fingerprints(findings)
    after = _sarif_fingerprints([moved(f, 7) for f in findings])
    assert before == after
    assert len(set(before)) == len(before)  # the two identical SL002 calls differ


def test_sarif_absolute_path_and_unknown_rule_still_validate(sarif_schema_path: Path) -> None:
    odd = Finding(
        code="SL099",
        name="future-rule",
        severity=Severity.WARNING,
        location=Location("/etc/elsewhere/conf.yml", 1, 1),
        message="m",
    )
    log = json.loads(render("sarif", LintResult(findings=[odd], root="/r"), {}))
    _validate(log, sarif_schema_path)
    res = log["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///etc/elsewhere/conf.yml"
    }
    assert log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "SL099"


# --------------------------------------------------------------------------- github


def _error(code: str, path: str, line: int, message: str = "m") -> Finding:
    return Finding(code, "rule-name", Severity.ERROR, Location(path, line, 1), message)


def test_github_annotation_escapes_data_and_properties() -> None:
    finding = Finding(
        "SL002",
        "missing-scopes",
        Severity.ERROR,
        Location("dir,a/b:c.py", 4, 2),
        "100% broken\r\nsee: a, b",
    )
    first = render("github", LintResult(findings=[finding], files_scanned=1), {}).splitlines()[0]
    assert first == (
        "::error file=dir%2Ca/b%3Ac.py,line=4,col=2,title=SL002 missing-scopes"
        "::100%25 broken%0D%0Asee: a, b"
    )


def test_github_levels(result: LintResult) -> None:
    lines = render("github", result, {}).splitlines()
    commands = sorted(line.split(" ", 1)[0] for line in lines if line.startswith("::"))
    assert commands == ["::error", "::error", "::notice", "::warning"]
    assert lines[4] == f"scopelint: {SAMPLE_SUMMARY}"
    assert len(lines) == 5


def test_github_caps_annotations_at_ten_per_level_most_important_first() -> None:
    errors = [_error("SL002", f"src/f{i:02}.py", 1) for i in range(12)]
    errors += [_error("SL001", "z.py", line) for line in (9, 3)]
    warnings = [replace(_error("SL003", "m.yml", i), severity=Severity.WARNING) for i in range(3)]
    out = render("github", LintResult(findings=errors + warnings, files_scanned=20), {})
    lines = out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert sum(line.startswith("::error ") for line in annotations) == 10
    assert sum(line.startswith("::warning ") for line in annotations) == 3
    # the 10 errors picked are the most important (SL001 before SL002, then path and line);
    # they are written in the text format's order: path, line, column
    assert [a.split(",", 1)[0] for a in annotations] == [
        "::warning file=m.yml", "::warning file=m.yml", "::warning file=m.yml",
        *(f"::error file=src/f{i:02}.py" for i in range(8)),
        "::error file=z.py", "::error file=z.py",
    ]
    assert annotations[11].startswith("::error file=z.py,line=3,")
    assert annotations[12].startswith("::error file=z.py,line=9,")
    rest = lines[len(annotations) :]
    assert rest[0].startswith("scopelint: Found 17 problems")
    assert rest[1] == "scopelint: 4 more findings not annotated (see the job log / SARIF)"
    assert rest[2:] == [
        f"src/f{i:02}.py:1:1: SL002 [rule-name] m" for i in range(8, 12)
    ]


def test_github_orders_annotations_like_the_text_format(result: LintResult) -> None:
    text_places = [line.split(": ", 1)[0] for line in render("text", result, {}).splitlines()[:4]]
    github_places = []
    for line in render("github", result, {}).splitlines():
        if line.startswith("::") and "title=scopelint" not in line:
            props = dict(p.split("=", 1) for p in line[2:].split("::", 1)[0].split(" ", 1)[1].split(","))
            github_places.append(f"{props['file'].replace('%20', ' ')}:{props['line']}:{props['col']}")
    assert github_places == text_places


# --------------------------------------------------------------------------- gitlab


def test_gitlab_code_quality_report(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    issues = json.loads(render("gitlab", result, rules))
    assert len(issues) == 4
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 4
    by_code: dict[str, list[dict[str, Any]]] = {}
    for issue in issues:
        by_code.setdefault(issue["check_name"], []).append(issue)
    assert [i["severity"] for i in by_code["SL002"]] == ["major", "major"]
    assert by_code["SL003"][0]["severity"] == "minor"
    assert by_code["SL007"][0]["severity"] == "info"
    assert [i["location"] for i in by_code["SL002"]] == [
        {"path": "src/app.py", "lines": {"begin": 12}},
        {"path": "src/app.py", "lines": {"begin": 30}},
    ]
    assert "needs read:jira-work" in by_code["SL002"][0]["description"]


def test_gitlab_fingerprints_stable_when_lines_move() -> None:
    findings = make_findings()

    def fingerprints(items: list[Finding]) -> list[str]:
        return [i["fingerprint"] for i in json.loads(render("gitlab", LintResult(items), {}))]

    assert fingerprints(findings) == fingerprints([moved(f, 3) for f in findings])


# --------------------------------------------------------------------------- rdjson


def test_rdjson_shape_and_suggestions(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    data = json.loads(render("rdjson", result, rules))
    assert data["source"]["name"] == "scopelint"
    assert data["severity"] == "ERROR"
    diagnostics = data["diagnostics"]
    assert [d["severity"] for d in diagnostics] == ["INFO", "WARNING", "ERROR", "ERROR"]
    fixed = diagnostics[2]
    assert fixed["location"] == {
        "path": "src/app.py",
        "range": {"start": {"line": 12, "column": 5}, "end": {"line": 12, "column": 45}},
    }
    assert fixed["code"] == {"value": "SL002", "url": rules["SL002"].help_uri}
    # only the edit in the diagnostic's own file can be a reviewdog suggestion
    assert fixed["suggestions"] == [
        {
            "range": {"start": {"line": 12, "column": 18}, "end": {"line": 12, "column": 38}},
            "text": "/rest/api/3/issue/1",
        }
    ]
    assert "suggestions" not in diagnostics[3]
    assert diagnostics[1]["location"]["range"] == {"start": {"line": 8, "column": 7}}


def test_rdjson_counts_columns_in_utf8_bytes(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('x = "é"; get("/rest/api/3/issue")\n', encoding="utf-8")
    finding = Finding("SL002", "missing-scopes", Severity.ERROR, Location("app.py", 1, 14), "m")
    out = render("rdjson", LintResult(findings=[finding], root=str(tmp_path)), {})
    assert json.loads(out)["diagnostics"][0]["location"]["range"]["start"] == {
        "line": 1,
        "column": 15,
    }


# --------------------------------------------------------------------------- markdown


def test_markdown_comment(result: LintResult, rules: dict[str, RuleInfo]) -> None:
    md = render("markdown", result, rules)
    lines = md.splitlines()
    assert lines[0] == "## scopelint"
    assert lines[2] == f"❌ {SAMPLE_SUMMARY}"
    assert "| Rule | Name | Count |" in lines
    assert f"| SL002 | [missing-scopes]({rules['SL002'].help_uri}) | 2 |" in lines
    assert f"| SL003 | [unused-scope]({rules['SL003'].help_uri}) | 1 |" in lines
    assert "### src/app.py" in lines
    assert any(line.startswith("- [src/app.py:12](src/app.py#L12) **SL002** GET") for line in lines)
    assert any(line.startswith("- [src/app.py:30](src/app.py#L30) ") for line in lines)
    assert lines.count("  - Add: `read:jira-work`") == 2
    assert lines[-2:] == ["", "- **Jira**: `read:jira-work`"]
    assert lines[-3] == "### Scopes to add"


def test_markdown_escapes_message_and_links_encoded_paths(
    result: LintResult, rules: dict[str, RuleInfo]
) -> None:
    md = render("markdown", result, rules)
    item = next(line for line in md.splitlines() if "SL007" in line and line.startswith("- "))
    assert item == (
        "- [docs/my notes \\#1.md:3](docs/my%20notes%20%231.md#L3) **SL007** "
        "50% done, \\`GET /rest/api/3/search\\` \\| deprecated: use /search/jql &#64;team"
    )
    assert "### docs/my notes \\#1.md" in md


def test_markdown_table_escapes_pipes_in_unknown_rule_names() -> None:
    odd = Finding("SL099", "a|b", Severity.WARNING, Location("x.py", 1, 1), "m")
    md = render("markdown", LintResult(findings=[odd], files_scanned=1), {})
    assert "| SL099 | a\\|b | 1 |" in md.splitlines()
    assert md.splitlines()[2].startswith("⚠️ Found 1 problem (1 warning)")


def test_markdown_scopes_to_add_union_per_product() -> None:
    jira = sl002(1)
    more_jira = replace(sl002(2), missing_scopes=("write:jira-work", "read:jira-work"))
    confluence = replace(
        sl002(3),
        endpoint=("GET", "/ex/confluence/{cloudId}/wiki/api/v2/pages/{id}"),
        missing_scopes=("read:page:confluence",),
    )
    md = render("markdown", LintResult(findings=[jira, more_jira, confluence]), {})
    tail = md.splitlines()[-2:]
    assert tail == [
        "- **Confluence**: `read:page:confluence`",
        "- **Jira**: `read:jira-work`, `write:jira-work`",
    ]


def test_markdown_clean_run_is_just_the_status() -> None:
    md = render("markdown", LintResult(findings=[], files_scanned=3, calls_found=2), {})
    assert md == "## scopelint\n\n✅ All checks passed (3 files, 2 calls resolved, 0 unresolved)."


def test_markdown_caps_long_lists() -> None:
    findings = [replace(sl002(line), fix=None) for line in range(1, 251)]
    md = render("markdown", LintResult(findings=findings), {})
    assert md.count("](src/app.py#L") == 200
    assert "…and 50 more findings not listed here (see the job log)." in md


# --------------------------------------------------------------------------- secrets


def test_reporters_show_the_redacted_token_as_the_rule_wrote_it(
    rules: dict[str, RuleInfo],
) -> None:
    secret_finding = Finding(
        "SL008",
        "hard-coded-token",
        Severity.ERROR,
        Location("cfg.env", 2, 1),
        "API token ATATT3xFf…(192 chars) committed",
        identity="atlassian-api-token",
        fix=Fix("remove the token", False),
    )
    result = LintResult(findings=[secret_finding], files_scanned=1)
    for fmt in REPORTERS:
        out = render(fmt, result, rules)
        assert "ATATT3xFf…(192 chars)" in out, fmt


def test_sarif_semantic_version_only_for_semver_versions() -> None:
    def driver(version: str) -> dict[str, Any]:
        log = json.loads(render("sarif", LintResult(findings=[], tool_version=version), {}))
        return dict(log["runs"][0]["tool"]["driver"])

    assert driver("1.2.3-rc.1")["semanticVersion"] == "1.2.3-rc.1"
    dev = driver("0.2.0.dev3")
    assert dev["version"] == "0.2.0.dev3"
    assert "semanticVersion" not in dev
