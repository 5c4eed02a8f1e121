"""The plain request log: `METHOD URL [STATUS]` a line, from a file or standard input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from atlassian_mimic import CLOUD_ID, GATEWAY, SITE
from observe_helpers import TOKENS, scopelint

from scopelint.observe.records import WarningLog
from scopelint.observe.request_log import LogReader
from scopelint.observe.sources import Recording, text_lines

# What `curl -w '%{method} %{url_effective} %{http_code}\n'` printed for a deploy script.
CURL_LOG = f"""\
# curl -s -o /dev/null -w '%{{method}} %{{url_effective}} %{{http_code}}\\n' ...
GET {GATEWAY}/rest/api/3/issue/PPT-1 200
GET {GATEWAY}/rest/api/3/issue/PPT-2?fields=summary 200
PUT {GATEWAY}/rest/api/3/issue/PPT-1 401
POST {SITE}/rest/api/3/search 410

GET {SITE}/rest/api/3/myself 000
{GATEWAY}/rest/api/3/project/PPT
DELETE https://api.bitbucket.org/2.0/repositories/acme/app/refs/branches/old -
GET https://example.com/health 200
"""


def test_each_line_is_one_request_grouped_per_operation(tmp_path: Path) -> None:
    (tmp_path / "curl.log").write_text(CURL_LOG)
    result = scopelint(["calls", "--format", "json", "--log", "curl.log"], tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = {(r["method"], r["endpoint"], r["host"]): (r["statuses"], r["entries"], r["line"], r["column"])
            for r in data["calls"]}
    assert rows == {
        ("GET", "/rest/api/3/issue/{issueIdOrKey}", "api.atlassian.com"): ({"200": 2}, [2, 3], 2, 5),
        ("PUT", "/rest/api/3/issue/{issueIdOrKey}", "api.atlassian.com"): ({"401": 1}, [4], 4, 5),
        ("POST", "/rest/api/3/search", "acme.atlassian.net"): ({"410": 1}, [5], 5, 6),
        ("GET", "/rest/api/3/myself", "acme.atlassian.net"): ({"none": 1}, [7], 7, 5),
        ("GET", "/rest/api/3/project/{projectIdOrKey}", "api.atlassian.com"): ({"none": 1}, [8], 8, 1),
        ("DELETE", "/2.0/repositories/{workspace}/{repo_slug}/refs/branches/{name}", "api.bitbucket.org"):
            ({"none": 1}, [9], 9, 8),
    }
    assert data["recordings"][0] == {"path": "curl.log", "entries": 8, "api_requests": 7,
                                     "other_atlassian_requests": 0, "other_requests": 1}
    removed = next(f for f in data["failures"] if f["status"] == 410)
    assert removed["because"].endswith("use POST /rest/api/3/search/jql")
    assert all(row["auth"] == {"unknown": 1} or sum(row["auth"].values()) == row["requests"]
               for row in data["calls"])


def test_a_real_curl_run_against_the_mimic_reads_back(tmp_path: Path) -> None:
    """The log is what curl itself wrote with -w, requests sent to the 127.0.0.1 mimic."""
    from atlassian_mimic import serve

    curl = "curl"
    if subprocess.run(["sh", "-c", f"command -v {curl}"], capture_output=True).returncode != 0:
        pytest.skip("curl is not installed on this machine")
    token = next(iter(TOKENS))
    lines = []
    with serve(TOKENS) as mimic:
        for method, path in (("GET", "/rest/api/3/issue/PPT-1"), ("PUT", "/rest/api/3/issue/PPT-1"),
                             ("POST", "/rest/api/3/search")):
            out = subprocess.run(
                [curl, "-s", "-o", "/dev/null", "-X", method, "-u", f"me@example.com:{token}",
                 "-H", "Host: api.atlassian.com", "-w", "%{method} %{url_effective} %{http_code}\\n",
                 f"http://127.0.0.1:{mimic.port}/ex/jira/{CLOUD_ID}{path}"],
                capture_output=True, text=True, timeout=30, check=False,
            )
            if "%{method}" in out.stdout or not out.stdout.strip():
                pytest.skip("this curl does not know %{method} (curl < 7.72)")
            # curl printed the address it connected to; the log names the host it meant
            lines.append(out.stdout.replace(f"http://127.0.0.1:{mimic.port}", "https://api.atlassian.com"))
    (tmp_path / "curl.log").write_text("".join(lines))
    data = json.loads(scopelint(["calls", "--format", "json", "--log", "curl.log"], tmp_path).stdout)
    assert [(r["method"], r["endpoint"], r["statuses"]) for r in data["calls"]] == [
        ("GET", "/rest/api/3/issue/{issueIdOrKey}", {"200": 1}),
        ("PUT", "/rest/api/3/issue/{issueIdOrKey}", {"401": 1}),
        ("POST", "/rest/api/3/search", {"410": 1}),
    ]


def test_standard_input_and_suggest_from_log(tmp_path: Path) -> None:
    result = scopelint(["suggest", "--from-log", "-", "--format", "oauth"], tmp_path, stdin=CURL_LOG)
    assert result.exit_code == 0, result.output
    by_hand = scopelint(["suggest", "--format", "oauth",
                         "--endpoints", f"GET {GATEWAY}/rest/api/3/issue/PPT-1",
                         "--endpoints", f"PUT {GATEWAY}/rest/api/3/issue/PPT-1",
                         "--endpoints", f"POST {SITE}/rest/api/3/search",
                         "--endpoints", f"GET {SITE}/rest/api/3/myself",
                         "--endpoints", f"GET {GATEWAY}/rest/api/3/project/PPT",
                         "--endpoints", "DELETE https://api.bitbucket.org/2.0/repositories/acme/app/refs/"
                                        "branches/old"], tmp_path)
    assert result.stdout == by_hand.stdout
    checked = scopelint(["check", "--log", "-"], tmp_path, stdin=CURL_LOG)
    assert checked.exit_code == 1
    assert "<stdin>:5:6: SL004 " in checked.stdout  # the removed search, at its URL


def test_bad_lines_are_warnings_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "mixed.log").write_text(
        f"GET {GATEWAY}/rest/api/3/myself 200\n"
        "this line is prose, not a request\n"
        f"GET {GATEWAY}/rest/api/3/myself OK\n"
        f"GET {GATEWAY}/rest/api/3/myself 200 extra words\n"
        "FETCH /rest/api/3/myself\n"
    )
    result = scopelint(["calls", "--log", "mixed.log"], tmp_path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "scopelint: warning: mixed.log: line 2: expected METHOD URL [STATUS]; skipped",
        "scopelint: warning: mixed.log: line 3: the word after the URL is not an HTTP status; "
        "read the request without one",
        "scopelint: warning: mixed.log: line 4: expected METHOD URL [STATUS]; skipped",
        "scopelint: warning: mixed.log: line 5: expected METHOD URL [STATUS]; skipped",
    ]
    assert "[2 requests: 200, no answer]" in result.stdout


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\xff" * 100, b"just some prose\nand more\n"])
def test_a_file_with_no_request_line_is_exit_2(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "x.log").write_bytes(data)
    result = scopelint(["check", "--log", "x.log"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "scopelint: error: x.log: not a request log (no line reads METHOD URL [STATUS])")
    assert result.stdout == ""


def test_an_endless_line_is_held_only_in_part(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_text("GET https://acme.atlassian.net/rest/api/3/myself?x=" + "a" * 5_000_000 + " 200\n"
                    f"GET {SITE}/rest/api/3/myself 200\n")
    lines = list(text_lines(Recording("log", str(path)), tmp_path, "big.log"))
    assert [len(line) for line in lines][1:] == [len(f"GET {SITE}/rest/api/3/myself 200\n")]
    assert len(lines[0]) < 200_000  # cut while read: never the whole 5 MB line
    log = WarningLog("big.log")
    reader = LogReader("big.log", log)
    assert [r.entry for r in reader.read(lines)] == [2]
    assert log.finish() == ["big.log: line 1 is not a request line (binary or too long); skipped"]


def test_identity_endpoints_are_api_requests_and_the_library_reads_them(tmp_path: Path) -> None:
    from scopelint.api import recorded_traffic

    (tmp_path / "id.log").write_text(
        "GET https://api.atlassian.com/me 200\n"
        "GET https://api.atlassian.com/oauth/token/accessible-resources 200\n"
        "POST https://auth.atlassian.com/oauth/token 200\n"
        "GET https://api.atlassian.com/graphql 200\n"
    )
    traffic = recorded_traffic(logs=["id.log"], cwd=tmp_path)
    kinds = {(c.method, c.url): c.kind for c in traffic.calls}
    assert kinds == {
        ("GET", "https://api.atlassian.com/me"): "api",
        ("GET", "https://api.atlassian.com/oauth/token/accessible-resources"): "api",
        ("POST", "https://auth.atlassian.com/oauth/token"): "identity",
    }
    assert traffic.recordings[0].other_atlassian == 1  # GraphQL: an Atlassian host, not REST


def test_calls_with_paths_and_a_log_gives_both(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text(
        "import requests\nrequests.get('https://acme.atlassian.net/rest/api/3/myself')\n")
    (tmp_path / "r.log").write_text(f"GET {GATEWAY}/rest/api/3/project/PPT 200\n")
    data = json.loads(scopelint(["calls", "--format", "json", "--log", "r.log", "."], tmp_path).stdout)
    assert [row["path"] for row in data["call_sites"]] == ["app.py"]
    assert [row["endpoint"] for row in data["calls"]] == ["/rest/api/3/project/{projectIdOrKey}"]
    text = scopelint(["calls", "--log", "r.log", "."], tmp_path).stdout
    assert text.index("app.py:2:") < text.index("r.log:1:5:")


@pytest.mark.parametrize("command", ["calls", "check", "suggest"])
@pytest.mark.parametrize(("name", "data"), [("empty.log", b""), ("blank.log", b"\n  \r\n"), ("-", b"")])
def test_an_empty_request_log_is_one_line_and_exit_2(
    tmp_path: Path, command: str, name: str, data: bytes
) -> None:
    option = "--from-log" if command == "suggest" else "--log"
    if name != "-":
        (tmp_path / name).write_bytes(data)
    result = scopelint([command, option, name], tmp_path, stdin=data if name == "-" else None)
    assert result.exit_code == 2, result.output
    shown = "<stdin>" if name == "-" else name
    assert result.stderr.splitlines() == [f"scopelint: error: {shown}: the file is empty, not a request log"]
    assert result.stdout == ""


def test_a_log_of_comments_only_is_read_as_no_requests(tmp_path: Path) -> None:
    (tmp_path / "c.log").write_text("# curl -w '%{method} %{url_effective} %{http_code}\\n'\n")
    result = scopelint(["calls", "--log", "c.log"], tmp_path)
    assert result.exit_code == 0, result.output
