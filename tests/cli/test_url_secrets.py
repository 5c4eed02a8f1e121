"""A URL's password and credential-like query values are never printed, by any command."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree

URL = (
    "https://me:hunter2pw@acme.atlassian.net/rest/api/3/myself"
    "?access_token=SECRETVALUE123&jwt=eyJJWTVALUE1.abc.def"
)
LEAKS = ("hunter2pw", "SECRETVALUE123", "eyJJWTVALUE1")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "."],
        ["check", ".", "--format", "json"],
        ["check", ".", "--format", "sarif"],
        ["calls", "."],
        ["calls", ".", "--format", "json"],
        ["suggest", "--from", "."],
        ["scopes", "GET", URL],
        ["explain-error", "Unauthorized; scope does not match", "--url", URL],
    ],
)
def test_no_command_prints_the_secrets_of_a_url(tmp_path: Path, args: list[str]) -> None:
    root = write_tree(tmp_path, {"app.py": f'import requests\nrequests.get("{URL}")\n'})

    result = scopelint(args, root)

    printed = result.stdout + result.stderr
    assert "acme.atlassian.net" in printed  # the URL (or its site) is shown
    assert "Traceback" not in printed
    assert not [leak for leak in LEAKS if leak in printed], printed
