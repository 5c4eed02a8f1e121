"""Input nested deeper than a parser's stack is one line naming the file and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree

APP = {"app.py": 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'}


@pytest.mark.parametrize(
    ("option", "name", "text"),
    [
        ("--config", "deep.toml", "scopes = " + "[" * 20_000 + "\n"),
        ("--baseline", "deep.json", "[" * 100_000),
    ],
)
def test_a_deeply_nested_config_or_baseline_is_one_line_and_exit_2(
    tmp_path: Path, option: str, name: str, text: str
) -> None:
    root = write_tree(tmp_path, {**APP, name: text})
    result = scopelint(["check", option, name], root)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "nested too deeply" in lines[0], result.stderr
    assert "Traceback" not in result.output
