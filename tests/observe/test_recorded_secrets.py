"""Credentials in recorded traffic never come out: not in any format of calls, check or suggest,
not in a warning, not in an error, not in a baseline file.

Planted: an API token (in Authorization, a custom header, the query and the path), a Bearer
JWT, cookies (header and HAR cookie list), ?access_token=, a password in user-info and in a
POST body (text and params), and a token echoed in an error body.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from click.testing import Result
from observe_helpers import scopelint

_rng = random.Random(11)


def _random(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_rng.choice(alphabet) for _ in range(length))


API_TOKEN = "ATATT3xFfGF0" + _random(180, string.ascii_letters + string.digits + "-_")
JWT = f"eyJhbGciOiJIUzI1NiJ9.eyJ{_random(60)}.{_random(43)}"
COOKIE = "c00k13" + _random(40)
ACCESS_TOKEN = "qAcc3ss" + _random(30)
PASSWORD = "Pa55w0rd" + _random(16)
SECRETS = (API_TOKEN, JWT, COOKIE, ACCESS_TOKEN, PASSWORD)

GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
SITE = "https://acme.atlassian.net"


def _entry(
    method: str, url: str, status: int, body: str, headers: list[dict[str, str]]
) -> dict[str, object]:
    return {
        "request": {
            "method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": headers,
            "cookies": [{"name": "tenant.session.token", "value": COOKIE}],
            "queryString": [{"name": "access_token", "value": ACCESS_TOKEN}],
            "postData": {"mimeType": "application/json",
                         "text": json.dumps({"username": "me", "password": PASSWORD}),
                         "params": [{"name": "password", "value": PASSWORD}]},
            "headersSize": -1, "bodySize": 40,
        },
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "headers": [],
                     "cookies": [{"name": "set", "value": COOKIE}],
                     "content": {"size": len(body), "mimeType": "application/json", "text": body},
                     "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0},
        "startedDateTime": "2026-11-28T10:00:00Z", "time": 1,
    }


def _har() -> str:
    headers = [
        {"name": "Authorization", "value": f"Basic {API_TOKEN}"},
        {"name": "X-Api-Token", "value": API_TOKEN},
        {"name": "Cookie", "value": f"tenant.session.token={COOKIE}"},
    ]
    bearer = [{"name": "Authorization", "value": f"Bearer {JWT}"}]
    refused = json.dumps({"code": 401, "message": f"Unauthorized; scope does not match for token {JWT}",
                          "detail": f"token={API_TOKEN} password={PASSWORD}"})
    entries = [
        _entry("GET", f"{SITE}/rest/api/3/issue/PPT-1?access_token={ACCESS_TOKEN}&token={API_TOKEN}",
               404, '{"errorMessages":["Issue does not exist or you do not have permission to see it."]}',
               headers),
        _entry("PUT", f"https://me:{PASSWORD}@api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
               f"/rest/api/3/issue/PPT-1?jwt={JWT}", 401, refused, bearer),
        _entry("GET", f"{GATEWAY}/rest/api/3/nothing/{API_TOKEN}", 404, '{"message": "Not Found"}', bearer),
        _entry("POST", f"{SITE}/rest/api/3/search?password={PASSWORD}", 410,
               '{"errorMessages":["The requested API has been removed."]}', headers),
        {"request": {"method": "GET", "headers": headers}, "response": {"status": 200}},  # no URL
    ]
    log = {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": entries}
    return json.dumps({"log": log}, indent=2)


LOG = (
    f"GET {SITE}/rest/api/3/issue/PPT-1?access_token={ACCESS_TOKEN} 404\n"
    f"PUT https://me:{PASSWORD}@api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
    f"/rest/api/3/issue/PPT-1 401\n"
    f"GET {GATEWAY}/rest/api/3/nothing/{API_TOKEN} 404\n"
    f"Authorization: Bearer {JWT} {API_TOKEN}\n"  # not a request line: a warning, never echoed
    f"GET {GATEWAY}/rest/api/3/myself {PASSWORD}\n"  # not a status
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("secrets")
    (root / ".git").mkdir()
    (root / "session.har").write_text(_har())
    (root / "requests.log").write_text(LOG)
    # Broken recordings with credentials right where parsing stops.
    text = _har()
    (root / "cut.har").write_text(text[: text.index(API_TOKEN, text.index('"entries"') + 2000) + 20])
    (root / "garbage.har").write_text(f"Authorization: Basic {API_TOKEN} {JWT} {PASSWORD}\n")
    return root


def assert_no_secret(result: Result, *files: Path) -> None:
    texts = [result.stdout, result.stderr] + [f.read_text() for f in files if f.exists()]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
            assert secret[len(secret) // 2:] not in text  # nor its second half


RECORDINGS = (("--har", "session.har"), ("--log", "requests.log"))


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("recording", RECORDINGS)
def test_calls(project: Path, recording: tuple[str, str], fmt: str) -> None:
    result = scopelint(["calls", "--format", fmt, *recording], project)
    assert result.exit_code == 0, result.output
    assert "PPT-1" in result.stdout
    assert_no_secret(result)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "rdjson", "markdown"])
@pytest.mark.parametrize("recording", RECORDINGS)
def test_check(project: Path, recording: tuple[str, str], fmt: str) -> None:
    baseline = project / f"baseline-{fmt}-{recording[0][2:]}.json"
    result = scopelint(["check", "--format", fmt, *recording], project)
    assert result.exit_code == 1, result.output
    assert "SL001" in result.stdout or fmt in ("gitlab", "rdjson")
    assert_no_secret(result)
    # --write-baseline prints only what it wrote (issue #18 item 7); the file is checked too
    written = scopelint(["check", "--format", fmt, "--write-baseline", baseline.name, *recording], project)
    assert written.exit_code == 0, written.output
    assert_no_secret(written, baseline)


@pytest.mark.parametrize("fmt", ["text", "json", "manifest", "oauth", "checklist"])
@pytest.mark.parametrize("recording", RECORDINGS)
def test_suggest(project: Path, recording: tuple[str, str], fmt: str) -> None:
    option = {"--har": "--from-har", "--log": "--from-log"}[recording[0]]
    result = scopelint(["suggest", "--format", fmt, option, recording[1]], project)
    assert result.exit_code == 1, result.output  # /rest/api/3/nothing/... is unknown
    assert_no_secret(result)


@pytest.mark.parametrize("command", [["calls"], ["check"], ["suggest", "--format", "json"]])
def test_warnings_and_errors(project: Path, command: list[str]) -> None:
    har = "--from-har" if command[0] == "suggest" else "--har"
    cut = scopelint([*command, har, "cut.har"], project)
    assert "truncated or broken JSON" in cut.stderr
    assert_no_secret(cut)
    garbage = scopelint([*command, har, "garbage.har"], project)
    assert garbage.exit_code == 2 and "garbage.har: not valid JSON" in garbage.stderr
    assert_no_secret(garbage)
    for stdin in (_har(), LOG):
        piped = scopelint([*command, har if stdin.startswith("{") else har.replace("har", "log"), "-"],
                          project, stdin=stdin)
        assert_no_secret(piped)


def test_what_is_shown_instead(project: Path) -> None:
    result = scopelint(["calls", "--har", "session.har"], project)
    assert f"{SITE}/rest/api/3/issue/PPT-1?access_token=…&token=…" in result.stdout
    assert f"PUT {GATEWAY}/rest/api/3/issue/PPT-1?jwt=…" in result.stdout  # no user-info
    assert "/rest/api/3/nothing/ATATT3…(192 chars)" in result.stdout
    assert "Unauthorized; scope does not match for token eyJ…(JWT" in result.stdout
