"""An unknown endpoint is described in the same words by `scopes`, `suggest`, `check` and
`explain-error` (the message is built in one place: scopelint.kb.unknown)."""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner

from scopelint.cli.main import cli
from scopelint.kb.table import load_default
from scopelint.kb.unknown import unknown_endpoint

SITE = "https://acme.atlassian.net"
WRONG_METHOD = "PATCH is not an operation of /rest/api/3/issue/PPT-28 (it has: DELETE, GET, PUT)"
TYPO = "no known operation matches GET /rest/api/3/isue/PPT-28"


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    with chdir(cwd or Path.cwd()):
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_message_and_the_nearest_operations() -> None:
    kb = load_default()
    wrong = unknown_endpoint(kb, kb.resolve("PATCH", f"{SITE}/rest/api/3/issue/PPT-28"))
    assert wrong.message == WRONG_METHOD
    assert sorted(op.method for op in wrong.nearest) == ["DELETE", "GET", "PUT"]
    typo = unknown_endpoint(kb, kb.resolve("GET", "/rest/api/3/isue/PPT-28"))
    assert typo.message == TYPO and typo.others == ()
    assert "GET /rest/api/3/issue/{issueIdOrKey}" in [op.key for op in typo.nearest]
    assert len(unknown_endpoint(kb, kb.resolve("GET", "/rest/api/3/nothing/here"), limit=2).nearest) == 2
    unknown_method = unknown_endpoint(kb, kb.resolve(None, "/rest/api/3/isue/1"))
    assert unknown_method.message == "no known operation matches a call to /rest/api/3/isue/1"


@pytest.mark.parametrize(
    ("method", "path", "message"),
    [("PATCH", "/rest/api/3/issue/PPT-28", WRONG_METHOD), ("GET", "/rest/api/3/isue/PPT-28", TYPO)],
)
def test_every_command_says_it_the_same_way(tmp_path: Path, method: str, path: str, message: str) -> None:
    url = SITE + path
    code, _out, err = _run("scopes", method, url)
    assert code == 1 and f"scopelint: {message}" in err

    code, out, _err = _run("suggest", "--endpoints", f"{method} {url}", "--format", "json")
    (entry,) = json.loads(out)["endpoints"]
    assert code == 1 and entry["problem"] == message

    code, out, _err = _run("explain-error", "HTTP 404", "--url", url, "--method", method, "--format", "json")
    endpoint = next(c for c in json.loads(out)["checks"] if c["id"] == "endpoint")
    assert endpoint["message"] == message[0].upper() + message[1:] + "."

    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text(
        f"import requests\nrequests.request({method!r}, {url!r})\n", encoding="utf-8"
    )
    code, out, _err = _run("check", "--format", "json", "--select", "SL005", ".", cwd=tmp_path)
    (finding,) = json.loads(out)["findings"]
    assert code == 1 and finding["message"].startswith(message)
