"""A file whose name is not UTF-8 (a byte such as 0xFF, which Python holds as a lone surrogate,
``os.fsdecode``) is reported in every format, never a traceback: the terminal formats show the
byte as ``\\xff``, the documents (JSON, SARIF, GitLab, rdjson, GitHub annotations) hold valid
UTF-8 with U+FFFD in its place, as ruff shows such names, and SARIF's URI percent-encodes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scopelint.reporting import FORMATS

NAME = b"bad\xffname.py"
ONE_PY = (b'import requests\n\nBASE = "https://acme.atlassian.net"\n'
          b'requests.get(BASE + "/rest/api/3/myself")\n')
SHOWN = "bad\ufffdname.py"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a file system taking any bytes")


def _check(project: Path, fmt: str) -> tuple[str, str, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCOPELINT_")}
    env |= {"SCOPELINT_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "scopelint", "check", "--format", fmt, os.fsdecode(NAME)],
        cwd=project, env=env, capture_output=True, timeout=120,
    )
    # every byte written is UTF-8 (a document a CI tool parses must be)
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8"), done.returncode


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), NAME), "wb") as handle:
        handle.write(ONE_PY)
    out, err, code = _check(tmp_path, fmt)

    assert (err, code) == ("", 1), err
    if fmt in ("text", "grouped"):
        assert "bad\\xffname.py" in out and "SL001" in out
    elif fmt == "markdown":
        assert "xffname.py" in out and "SL001" in out
    elif fmt == "github":
        assert f"::error file={SHOWN},line=3,col=17," in out
    else:
        document = json.loads(out)
        if fmt == "json":
            assert {f["path"] for f in document["findings"]} == {SHOWN}
        elif fmt == "gitlab":
            assert {issue["location"]["path"] for issue in document} == {SHOWN}
            assert len({issue["fingerprint"] for issue in document}) == len(document) == 2
        elif fmt == "sarif":
            results = document["runs"][0]["results"]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
            assert uris == {"bad%FFname.py"}
        elif fmt == "rdjson":
            assert {d["location"]["path"] for d in document["diagnostics"]} == {SHOWN}
