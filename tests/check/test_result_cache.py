"""The result cache (issue #19): an unchanged file is not scanned again, a changed one is;
the rules run on cached scans; a broken cache costs a rescan and one warning, never a wrong
answer; nothing in it holds a token in full; --no-cache, SCOPELINT_NO_CACHE and `clean`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import scopelint.scanning.scan as scan_module
from scopelint.check import cache as cache_module
from scopelint.scanning import forge_context
from tests.cli.cli_helpers import scopelint, write_tree

TOKEN = "ATATT3xFfGF0T4kq9Z2mB7cW1vN8yR5hL0pJ6dS3aE9uQ2iO4gX7zC1bV8nM5kH0fD3sA6j"
CALL = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the scanners really read, run by run."""
    seen: list[str] = []
    real = scan_module.scan_bytes

    def counting(file, data, environment=None):  # type: ignore[no-untyped-def]
        seen.append(file.display)
        return real(file, data, environment)

    monkeypatch.setattr(scan_module, "scan_bytes", counting)
    return seen


def tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    return write_tree(root, files)


def project(tmp_path: Path) -> Path:
    return tree(tmp_path / "project", {
        "jira.py": CALL,
        "other.py": "print('nothing Atlassian here')\n",
        "notes.md": "See the wiki.\n",
        ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
    })


def check(root: Path, *args: str) -> tuple[int, list[str], str]:
    result = scopelint(["check", "--format", "json", "-j", "1", *args], root)
    report = json.loads(result.stdout)
    codes = sorted(f"{f['path']}:{f['code']}" for f in report["findings"])
    return result.exit_code, codes, result.stderr


def shards(user_cache: Path) -> list[Path]:
    return sorted((user_cache / "results").rglob("shard-*.bin"))


def test_a_second_run_reads_no_unchanged_file_and_finds_the_same(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = project(tmp_path)
    first = check(root)
    assert "jira.py:SL001" in first[1]
    assert "jira.py" in parsed
    parsed.clear()

    assert check(root) == first
    assert parsed == []  # every scan came from the cache
    assert shards(user_cache)


def test_an_edited_file_is_scanned_again_and_a_touched_one_is_not(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = project(tmp_path)
    check(root)
    parsed.clear()
    (root / "other.py").write_text(CALL, encoding="utf-8")  # now it calls Jira too
    stat = (root / "jira.py").stat()
    os.utime(root / "jira.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # same bytes

    _code, codes, _err = check(root)

    assert "other.py:SL001" in codes and "jira.py:SL001" in codes
    assert parsed == ["other.py"]  # jira.py was hashed, found unchanged, not parsed
    parsed.clear()
    check(root)
    assert parsed == []  # and its new time was remembered


def test_a_configuration_change_reruns_the_rules_without_a_rescan(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = project(tmp_path)
    assert "jira.py:SL001" in check(root)[1]
    parsed.clear()
    config = 'scopes = ["read:jira-work"]\nignore = ["SL001"]\n'
    (root / ".scopelint.toml").write_text(config, encoding="utf-8")

    _code, codes, _err = check(root)

    assert "jira.py:SL001" not in codes
    assert parsed == [".scopelint.toml"]  # the configuration is itself a declaration file


def test_a_corrupt_or_foreign_cache_entry_is_a_miss_and_one_warning(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = project(tmp_path)
    expected = check(root)
    files = shards(user_cache)
    files[0].write_bytes(b"\x00garbage\xff" * 10)
    header = cache_module.MAGIC + cache_module.scanner_key().encode() + b"\n"
    for shard in files[1:]:  # well-formed JSON naming a class that is not a scan's
        shard.write_bytes(header + b'{"jira.py": [true, 1, 1, "x", [], ["@", "Popen", "id"], null, null, 0]}')
    parsed.clear()

    code, codes, err = check(root)

    assert (code, codes) == expected[:2]
    assert err.count("unreadable result cache entry") == 1, err
    assert parsed  # what the broken shards held was scanned again
    assert "unreadable result cache" not in check(root)[2]  # rewritten whole


def test_cached_scans_never_hold_a_token_in_full(tmp_path: Path, user_cache: Path) -> None:
    root = tree(tmp_path / "project", {
        "sync.py": f'import requests\nTOKEN = "{TOKEN}"\n'
                   'requests.get("https://acme.atlassian.net/rest/api/3/myself",\n'
                   '             auth=("me@acme.com", TOKEN))\n',
    })
    assert "sync.py:SL008" in check(root)[1]
    assert "sync.py:SL008" in check(root)[1]  # from the cache: the secret finding is kept

    stored = b"".join(path.read_bytes() for path in shards(user_cache))
    assert b"sync.py" in stored
    assert TOKEN.encode() not in stored
    assert TOKEN[12:40].encode() not in stored  # not even a long piece of it


@pytest.mark.parametrize("how", ["--no-cache", "SCOPELINT_NO_CACHE"])
def test_the_cache_can_be_turned_off(
    tmp_path: Path, user_cache: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = project(tmp_path)
    args = ["--no-cache"] if how == "--no-cache" else []
    if how == "SCOPELINT_NO_CACHE":
        monkeypatch.setenv("SCOPELINT_NO_CACHE", "1")
    check(root, *args)
    parsed.clear()
    check(root, *args)
    assert "jira.py" in parsed
    assert shards(user_cache) == []


def test_clean_removes_the_projects_cache(tmp_path: Path, user_cache: Path, parsed: list[str]) -> None:
    root = project(tmp_path)
    check(root)
    assert shards(user_cache)
    result = scopelint(["clean"], root)
    assert result.exit_code == 0 and "Removed" in result.stdout
    assert shards(user_cache) == []
    assert "No result cache" in scopelint(["clean"], root).stdout
    parsed.clear()
    check(root)
    assert "jira.py" in parsed


def test_the_cache_is_bounded(tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "SHARDS", 1)
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    root = tree(tmp_path / "project", {f"m{i}.py": CALL for i in range(8)})
    assert len(check(root)[1]) == 8
    entries = json.loads(shards(user_cache)[0].read_bytes().split(b"\n", 2)[2])
    assert len(entries) == 3


def test_a_new_forge_manifest_above_a_cached_file_changes_its_scan(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = tree(tmp_path / "project", {
        "src/index.js": "import { fetch } from '@forge/api';\n"
                        "export const score = () => fetch('https://api.example.com/v1/score');\n",
    })
    check(root)
    parsed.clear()
    (root / "manifest.yml").write_text(  # the file is now a Forge function: its egress counts
        "modules:\n  function:\n    - key: score\n      handler: index.score\n"
        "permissions:\n  scopes:\n    - read:jira-work\n"
        "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n",
        encoding="utf-8",
    )
    forge_context.forge_app_folder.cache_clear()  # a new run is a new process: nothing remembered
    forge_context._manifest_in.cache_clear()
    after = check(root)[1]
    assert "src/index.js" in parsed  # its cached scan was made outside a Forge app: not reused
    assert after == check(root, "--no-cache")[1]


def test_linked_scans_are_reused_until_an_imported_value_changes(
    tmp_path: Path, user_cache: Path, parsed: list[str]
) -> None:
    root = tree(tmp_path / "project", {
        "settings.py": 'JIRA = "https://acme.atlassian.net"\n',
        "sync.py": "import requests\nfrom settings import JIRA\n\n"
                   "requests.get(JIRA + '/rest/api/3/myself')\n",
    })
    first = check(root)[1]
    assert "settings.py:SL001" in first  # the site URL sync.py calls, where it is written
    assert "sync.py" in parsed[parsed.index("settings.py"):]  # scanned again, linked
    parsed.clear()
    assert check(root)[1] == first
    assert parsed == []  # neither scan nor linked scan was done again

    (root / "settings.py").write_text('JIRA = "https://api.atlassian.com/ex/jira/abc"\n', encoding="utf-8")
    after = check(root)[1]
    assert "settings.py:SL001" not in after
    assert "sync.py" in parsed  # same bytes, new environment: linked again
    assert after == check(root, "--no-cache")[1]


def test_only_the_most_recent_projects_are_kept(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PROJECTS", 2)
    for name in ("one", "two", "three"):
        check(tree(tmp_path / name, {"jira.py": CALL}))
    kept = sorted(p.name for p in (user_cache / "results").iterdir())
    assert len(kept) == 2
    assert cache_module.project_folder(tmp_path / "three").name in kept
