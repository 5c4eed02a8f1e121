"""A damaged table in the user cache (what `scopelint kb update` wrote) is a miss: one warning
naming it, the embedded table is used, and the file is set aside so the next run is quiet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scopelint.kb import table
from tests.cli.cli_helpers import scopelint, write_tree


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "user-cache"
    folder.mkdir()
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(folder))
    table.load_default.cache_clear()
    table.take_notices()
    yield folder
    table.load_default.cache_clear()
    table.take_notices()


@pytest.mark.parametrize("damage", [b'{"built": "2099', b"[1, 2]", b"{}", b"\x00\xff garbage"])
def test_a_damaged_cached_table_is_a_miss_with_one_warning(cache: Path, damage: bytes) -> None:
    (cache / "table.json").write_bytes(damage)
    kb = table.load_default()
    assert kb.origin == "embedded"
    notices = table.take_notices()
    assert len(notices) == 1
    assert notices[0].startswith(f"{cache / 'table.json'}: ")
    assert "embedded table" in notices[0] and "scopelint kb update" in notices[0]
    assert (cache / "table.json.damaged").read_bytes() == damage
    assert not (cache / "table.json").exists()
    table.load_default.cache_clear()
    assert table.load_default().origin == "embedded"
    assert table.take_notices() == []  # reported once, not on every run


def test_check_prints_the_warning_once_and_keeps_its_exit_code(cache: Path, tmp_path: Path) -> None:
    (cache / "table.json").write_text('{"format": 2, "built": "2099-01-01"')
    root = tmp_path / "p"
    root.mkdir()
    write_tree(root, {
        "app.py": 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n',
    })
    result = scopelint(["check", "--no-cache", "."], root)
    assert result.exit_code == 1  # the SL001 finding, not a tool error
    about = [line for line in result.stderr.splitlines() if "table.json" in line]
    assert len(about) == 1 and about[0].startswith("scopelint: warning: "), result.stderr


def test_other_commands_print_it_too(cache: Path, tmp_path: Path) -> None:
    (cache / "table.json").write_text("not json")
    result = scopelint(["scopes", "GET", "/rest/api/3/myself"], tmp_path)
    assert result.exit_code == 0
    assert "read:jira-user" in result.stdout
    assert sum("table.json" in line for line in result.stderr.splitlines()) == 1
