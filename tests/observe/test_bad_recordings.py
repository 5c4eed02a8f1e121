"""Hand-made edge cases: bad input gives one-line warnings naming the file and the entry; a
recording from which nothing can be read is one line and exit 2; odd encodings still read."""

from __future__ import annotations

import base64
import codecs
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from observe_helpers import scopelint

GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
NOT_FOUND = '{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}'


def entry(url: Any = f"{GATEWAY}/rest/api/3/issue/PPT-1", status: Any = 200, method: Any = "GET",
          content: dict[str, Any] | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"method": method, "headers": [], "cookies": []}
    if url is not None:
        request["url"] = url
    return {"request": request,
            "response": {"status": status, "content": content or {"mimeType": "application/json"}}}


def har(*entries: Any, version: str = "1.2") -> str:
    return json.dumps({"log": {"version": version, "creator": {"name": "t", "version": "1"},
                               "entries": list(entries)}}, indent=2)


def run_calls(
    tmp_path: Path, name: str, data: str | bytes, kind: str = "--har"
) -> tuple[int, Any, list[str]]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    result = scopelint(["calls", "--format", "json", kind, name], tmp_path)
    output = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, output, result.stderr.splitlines()


@pytest.mark.parametrize(("data", "message"), [
    ("this is not json at all", "not valid JSON at line 1"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not valid JSON at line 1"),
    ("", "the file is empty, not a HAR file"),
    ("[1, 2, 3]", "not a HAR file (the top level is not an object)"),
    ('{"info": {"name": "a Postman collection"}, "item": []}', "not a HAR file (no log.entries list)"),
    ('{"log": {"version": "1.2", "entr', "broken JSON before any entry"),
])
def test_nothing_readable_is_one_line_and_exit_2(tmp_path: Path, data: str | bytes, message: str) -> None:
    code, _out, err = run_calls(tmp_path, "bad.har", data)
    assert code == 2
    assert len(err) == 1 and err[0].startswith("scopelint: error: bad.har: "), err
    assert message in err[0]


def test_a_missing_file_and_a_folder_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "folder.har").mkdir()
    for name, message in (("missing.har", "missing.har: no such file"),
                          ("folder.har", "folder.har: is a directory, not a HAR file")):
        result = scopelint(["check", "--har", name], tmp_path)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"scopelint: error: {message}"
        assert result.stdout == ""


def test_a_truncated_har_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    text = har(entry(), entry(f"{GATEWAY}/rest/api/3/project/PPT"), entry(f"{GATEWAY}/rest/api/3/myself"))
    cut = text[: text.index("/rest/api/3/myself") - 30]
    code, out, err = run_calls(tmp_path, "cut.har", cut)
    assert code == 0
    assert [row["endpoint"] for row in out["calls"]] == [
        "/rest/api/3/issue/{issueIdOrKey}", "/rest/api/3/project/{projectIdOrKey}"]
    assert len(err) == 1
    assert err[0].startswith("scopelint: warning: cut.har: truncated or broken JSON at line ")
    assert err[0].endswith("read the 2 complete entries before it")


def test_entry_problems_are_one_warning_each_with_the_entry_number(tmp_path: Path) -> None:
    body = base64.b64encode(NOT_FOUND.encode()).decode()
    text = har(
        entry(url=None),  # 1: no URL
        entry(url=""),  # 2: empty URL
        "not an entry",  # 3
        entry(f"{GATEWAY}/rest/api/3/issue/PPT-9", 404, content={"text": body, "encoding": "base64"}),  # 4
        entry(f"{GATEWAY}/rest/api/3/issue/PPT-8", 404,
              content={"text": "%%%notbase64", "encoding": "base64"}),
        entry(f"{GATEWAY}/rest/api/3/project/PPT", 403,
              content={"text": base64.b64encode(b"\xff\xd8\xff\xe0binary").decode(), "encoding": "base64"}),
        entry("https:///no-host", 200),  # 7: not parseable as an absolute URL (not an Atlassian host)
        entry(f"{GATEWAY}/rest/api/3/myself", 0, method=None),  # 8: no method, blocked (status 0)
        version="2.0",
    )
    code, out, err = run_calls(tmp_path, "edge.har", text)
    assert code == 0
    assert err == [
        "scopelint: warning: edge.har: HAR version '2.0' is not 1.x; read as HAR 1.2",
        "scopelint: warning: edge.har: entry 1 has no request URL; skipped",
        "scopelint: warning: edge.har: entry 2 has no request URL; skipped",
        "scopelint: warning: edge.har: entry 3 is not an object; skipped",
        "scopelint: warning: edge.har: entry 5: the 404 answer's body is not valid base64; "
        "its error message was not read",
        "scopelint: warning: edge.har: entry 6: the 403 answer's body is binary; "
        "its error message was not read",
        "scopelint: warning: edge.har: entry 8 has no request method; read as GET",
    ]
    failures = {f["url"].rsplit("/", 1)[1]: f for f in out["failures"]}
    assert failures["PPT-9"]["message"] == "Issue does not exist or you do not have permission to see it."
    assert failures["PPT-9"]["lack_of_scope"] == "maybe"  # nothing on that operation succeeded
    assert failures["PPT-8"]["message"] is None
    myself = next(row for row in out["calls"] if row["endpoint"] == "/rest/api/3/myself")
    assert myself["statuses"] == {"none": 1} and myself["method"] == "GET"


def test_a_maybe_refusal_is_a_warning_in_check(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "s.har").write_text(har(entry(f"{GATEWAY}/rest/api/3/issue/PPT-9", 404,
                                              content={"text": NOT_FOUND})))
    result = scopelint(["check", "--format", "json", "--har", "s.har"], tmp_path)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "SL010" and finding["severity"] == "warning"
    assert "was refused, likely for lack of scope" in finding["message"]
    assert "lacks the read scopes" in finding["message"]


def test_many_problems_of_one_kind_are_capped(tmp_path: Path) -> None:
    code, _out, err = run_calls(tmp_path, "many.har", har(*[entry(url=None) for _ in range(25)], entry()))
    assert code == 0
    assert len(err) == 11
    assert err[-1] == "scopelint: warning: many.har: 15 more warnings like these (no-url)"


@pytest.mark.parametrize("encoding", ["gzip", "utf-8-sig", "utf-16", "crlf"])
def test_compressed_bom_utf16_and_crlf_files_read_the_same(tmp_path: Path, encoding: str) -> None:
    text = har(entry(), entry(f"{GATEWAY}/rest/api/3/project/PPT"))
    data: bytes
    if encoding == "gzip":
        data = gzip.compress(text.encode())
    elif encoding == "crlf":
        data = text.replace("\n", "\r\n").encode()
    else:
        data = text.encode(encoding)
    assert encoding != "utf-16" or data.startswith(codecs.BOM_UTF16_LE)
    code, out, err = run_calls(tmp_path, "s.har", data)
    assert (code, err) == (0, [])
    lines = text.splitlines()
    for row in out["calls"]:
        assert lines[row["line"] - 1][row["column"] - 1:].startswith(row["url"])


def test_columns_count_code_points_on_a_minified_line(tmp_path: Path) -> None:
    text = json.dumps({"log": {"version": "1.2", "comment": "Überprüfung ✓ " * 60, "entries": [
        entry(), entry(f"{GATEWAY}/rest/api/3/project/PPT")]}}, ensure_ascii=False)
    code, out, _err = run_calls(tmp_path, "m.har", text)
    assert code == 0
    for row in out["calls"]:
        assert row["line"] == 1
        assert text[row["column"] - 1:].startswith(row["url"])


def test_a_har_and_a_log_on_standard_input(tmp_path: Path) -> None:
    result = scopelint(["calls", "--format", "json", "--har", "-"], tmp_path, stdin=har(entry()))
    data = json.loads(result.stdout)
    assert data["calls"][0]["path"] == "<stdin>"
    result = scopelint(["calls", "--har", "-", "--log", "-"], tmp_path, stdin=har(entry()))
    assert result.exit_code == 2
    assert "standard input ('-') can be given as one recording only" in result.stderr


@pytest.mark.parametrize("tail", [b'PwNearTheError9", \xff\xfe ]}}', b'PwNearTheError9\xff"}]}}]}}'])
def test_a_parse_error_names_the_position_and_never_the_bytes_near_it(tmp_path: Path, tail: bytes) -> None:
    data = b'{"log":{"entries":[{"request":{"method":"GET","url":"https://u:' + tail
    code, _out, err = run_calls(tmp_path, "bad.har", data)
    assert code == 2
    assert len(err) == 1 and err[0].startswith("scopelint: error: bad.har: not valid JSON at line 1 ("), err
    assert "PwNearTheError9" not in err[0] and "right here" not in err[0] and "\\x" not in err[0]


def test_an_entry_nested_deeper_than_the_limit_is_skipped_with_one_warning(tmp_path: Path) -> None:
    deep_object = '{"a":' * 5000 + "1" + "}" * 5000
    deep_array = "[" * 5000 + "]" * 5000
    first = json.dumps(entry(f"{GATEWAY}/rest/api/3/issue/PPT-1"))
    last = json.dumps(entry(f"{GATEWAY}/rest/api/3/myself"))
    text = (
        '{"log": {"version": "1.2", "entries": [' + first[:-1] + ', "x": ' + deep_object + "}, "
        + deep_array + ", " + last + "]}}"
    )
    code, out, err = run_calls(tmp_path, "deep.har", text)
    assert code == 0
    assert [row["endpoint"] for row in out["calls"]] == ["/rest/api/3/myself"]  # entry 3 is read
    assert err == [
        "scopelint: warning: deep.har: entry 1 is nested deeper than 200 levels; skipped",
        "scopelint: warning: deep.har: entry 2 is not an object; skipped",
    ]


@pytest.mark.parametrize("cut", ["inside", "trailer"])
def test_a_truncated_har_gz_keeps_the_entries_before_the_cut_like_a_truncated_har(
    tmp_path: Path, cut: str
) -> None:
    urls = [f"{GATEWAY}/rest/api/3/issue/PPT-{n}" for n in range(1, 400)] + [f"{GATEWAY}/rest/api/3/myself"]
    packed = gzip.compress(har(*(entry(url) for url in urls)).encode())
    data = packed[: len(packed) * 2 // 3] if cut == "inside" else packed[:-4]
    code, out, err = run_calls(tmp_path, "cut.har.gz", data)
    assert code == 0, err
    assert err[0] == (
        "scopelint: warning: cut.har.gz: the compressed data is cut short or damaged (Compressed "
        "file ended before the end-of-stream marker was reached); read what came before it"
    )
    endpoints = [row["endpoint"] for row in out["calls"]]
    if cut == "inside":
        assert endpoints == ["/rest/api/3/issue/{issueIdOrKey}"]
        assert len(err) == 2 and "truncated or broken JSON" in err[1] and "complete entries" in err[1]
    else:  # every entry came out; only the gzip trailer is missing
        assert endpoints == ["/rest/api/3/issue/{issueIdOrKey}", "/rest/api/3/myself"] and len(err) == 1


def test_a_gzip_stream_damaged_before_any_data_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, _out, err = run_calls(tmp_path, "bad.har.gz", gzip.compress(har().encode())[:10])  # the header only
    assert code == 2
    assert len(err) == 1 and err[0].startswith("scopelint: error: bad.har.gz: cannot read ("), err
