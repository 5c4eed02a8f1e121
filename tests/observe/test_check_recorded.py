"""`check --har/--log` behaves like check on code: every format, SARIF that validates, select,
per-path ignores, baselines, --since, code and recordings together, and no edits to a recording."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from observe_helpers import scopelint

GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
SITE = "https://acme.atlassian.net"
SCOPE = '{"code":401,"message":"Unauthorized; scope does not match"}'


def _entry(url: str, status: int = 200, method: str = "GET", auth: str | None = "Basic dG9rZW4=",
           cookie: bool = False, body: str = "") -> dict[str, Any]:
    headers = [{"name": "Authorization", "value": auth}] if auth else []
    if cookie:
        headers.append({"name": "Cookie", "value": "tenant.session.token=x"})
    return {"request": {"method": method, "url": url, "headers": headers, "cookies": []},
            "response": {"status": status, "content": {"mimeType": "application/json", "text": body}}}


def _har(*entries: dict[str, Any]) -> str:
    return json.dumps({"log": {"version": "1.2", "entries": list(entries)}}, indent=2)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "s.har").write_text(_har(
        _entry(f"{SITE}/rest/api/3/issue/PPT-1"),  # a token on the site: SL001
        _entry(f"{SITE}/rest/api/3/project/PPT", auth=None, cookie=True),  # the browser itself
        _entry(f"{SITE}/rest/api/3/myself", auth="JWT eyJ0eXAiOiJKV1QifQ.e30.x"),  # a Connect app
        _entry(f"{SITE}/rest/api/3/field", auth=None),  # sanitized export: no header at all
        _entry(f"{GATEWAY}/rest/api/3/issue/PPT-1", 401, "PUT", body=SCOPE),  # SL010
    ))
    return tmp_path


def findings(project: Path, *args: str) -> list[tuple[str, int]]:
    result = scopelint(["check", "--format", "json", *args], project)
    assert result.exit_code in (0, 1), result.output
    return [(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def url_line(project: Path, fragment: str) -> int:
    lines = (project / "rec" / "s.har").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if '"url"' in line and fragment in line)


def test_site_requests_are_reported_only_when_made_with_a_token(project: Path) -> None:
    assert findings(project, "--har", "rec/s.har") == [
        ("SL001", url_line(project, "issue/PPT-1")),
        ("SL001", url_line(project, "/field")),
        ("SL010", url_line(project, f"{GATEWAY}/rest/api/3/issue")),
    ]


def test_sarif_locations_point_into_the_har_and_validate(project: Path, sarif_schema_path: Path) -> None:
    result = scopelint(["check", "--format", "sarif", "--har", "rec/s.har"], project)
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(sarif_schema_path.read_text()))
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"SL001", "SL010"}
    for found in results:
        physical = found["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "rec/s.har", "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startLine"] in (url_line(project, "PPT-1"), url_line(project, "/field"),
                                                   url_line(project, f"{GATEWAY}/rest"))
        assert "fixes" not in found
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "SL010" in rules


@pytest.mark.parametrize(("fmt", "expected"), [
    ("text", "rec/s.har:{line}:19: SL010 [refused-for-scope] PUT /rest/api/3/issue/{{issueIdOrKey}}"),
    ("github", "::error file=rec/s.har,line={line},col=19"),
    ("gitlab", '"path": "rec/s.har"'),
    ("rdjson", '"path": "rec/s.har"'),
    ("markdown", "rec/s.har"),
])
def test_every_format_names_the_recording(project: Path, fmt: str, expected: str) -> None:
    result = scopelint(["check", "--format", fmt, "--har", "rec/s.har"], project)
    assert result.exit_code == 1
    assert expected.format(line=url_line(project, f"{GATEWAY}/rest")) in result.stdout


def test_select_ignore_and_per_path_ignores(project: Path) -> None:
    assert {code for code, _ in findings(project, "--har", "rec/s.har", "--select", "SL010")} == {"SL010"}
    assert {code for code, _ in findings(project, "--har", "rec/s.har", "--ignore", "SL001")} == {"SL010"}
    (project / ".scopelint.toml").write_text('[per-path-ignores]\n"rec/**" = ["SL001"]\n')
    assert {code for code, _ in findings(project, "--har", "rec/s.har")} == {"SL010"}


def test_baseline_then_clean(project: Path) -> None:
    before = scopelint(["check", "--har", "rec/s.har", "--format", "json"], project)
    first = scopelint(["check", "--har", "rec/s.har", "--write-baseline", "base.json"], project)
    assert before.exit_code == 1
    count = len(json.loads(before.stdout)["findings"])
    assert first.exit_code == 0  # issue #18 item 7: writing a baseline is not a failure
    assert first.stdout == f"Wrote {count} entries to base.json.\n"
    again = scopelint(["check", "--har", "rec/s.har", "--baseline", "base.json"], project)
    assert again.exit_code == 0, again.output
    assert "stale" not in again.output


def test_since_keeps_recorded_findings(project: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    (project / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "recorded"], cwd=project, check=True)
    (project / "app.py").write_text("import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n")
    got = findings(project, "--since", "HEAD", "--har", "rec/s.har", ".")
    assert ("SL001", 2) in got  # the new code line
    assert ("SL010", url_line(project, f"{GATEWAY}/rest")) in got  # the recording, unchanged in git


def test_code_and_recording_together_and_fix_leaves_the_recording_alone(project: Path) -> None:
    (project / "app.py").write_text(
        "import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n")
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-user"]\n')
    before = (project / "rec" / "s.har").read_bytes()
    result = scopelint(["check", "--format", "json", "--fix", "--har", "rec/s.har", "."], project)
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"app.py", "rec/s.har"}
    assert (project / "rec" / "s.har").read_bytes() == before
    assert (project / ".scopelint.toml").read_text() == 'scopes = ["read:jira-user"]\n'


def test_without_paths_only_the_recording_is_checked(project: Path) -> None:
    (project / "app.py").write_text(
        "import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n")
    result = scopelint(["check", "--har", "rec/s.har"], project)
    assert "app.py" not in result.stdout
    assert result.stdout.rstrip().endswith(
        "in 1 file, 1 scanned; 5 calls resolved, 0 unresolved.")  # the recording


def test_a_check_without_recordings_imports_nothing_of_observe(tmp_path: Path) -> None:
    """The pre-commit path stays as lean as it was: no ijson, no observe package."""
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / "a.py").write_text("import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n")
    script = (
        "import sys\n"
        "from scopelint.cli.main import main\n"
        "try:\n    main(['check', '--quiet', 'a.py'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'ijson' or m.startswith('scopelint.observe')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
