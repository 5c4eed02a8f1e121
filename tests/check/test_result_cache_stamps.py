"""The result cache's fast check (hostile report s4 items 3 and 4): a file is trusted
unread only when its size, mtime, ctime and inode match its entry, and never when its mtime
was not older than the start of the run that stored the entry (git's "racily clean" rule:
on a file system with coarse timestamps a later same-size edit keeps the same stamp)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from scopelint.check.cache import ScanCache
from scopelint.model import FileScan
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import KeyedScan
from tests.cli.cli_helpers import scopelint, write_tree

MYSELF = 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/myself")\n'
ISSUE1 = 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/1")\n'


pytestmark = pytest.mark.usefixtures("user_cache")  # a private result cache (tests/check/conftest.py)


def check(root: Path) -> list[str]:
    result = scopelint(["check", "--format", "json", "-j", "1", "."], root)
    return sorted(f"{f['path']}:{f['code']}" for f in json.loads(result.stdout)["findings"])


def test_a_same_size_edit_with_its_mtime_restored_is_scanned_again(tmp_path: Path) -> None:
    same_size = MYSELF.replace(")\n", ")#\n")
    assert len(same_size) == len(ISSUE1)
    root = tmp_path / "p"
    root.mkdir()
    write_tree(root, {".scopelint.toml": 'scopes = ["read:jira-user"]\n',
                      "app.py": same_size})
    past = time.time_ns() - 60_000_000_000
    os.utime(root / "app.py", ns=(past, past))  # old: the entry is trusted by the fast check
    first = check(root)
    assert "app.py:SL002" not in first
    before = os.stat(root / "app.py")
    (root / "app.py").write_text(ISSUE1, encoding="utf-8")
    assert os.stat(root / "app.py").st_size == before.st_size
    os.utime(root / "app.py", ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert "app.py:SL002" in check(root)  # the ctime changed: hashed, scanned again


def _entry(tmp_path: Path, mtime_ns: int) -> tuple[ScanCache, DiscoveredFile, FileScan]:
    path = tmp_path / "app.py"
    path.write_text(MYSELF, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    info = os.stat(path)
    file = DiscoveredFile(path, "app.py", False)
    old = FileScan("app.py")  # what the scan of bytes the file no longer holds found
    digest = hashlib.sha256(b"other bytes").hexdigest()
    cache = ScanCache(tmp_path / "cache", key="k")
    cache.store(file, KeyedScan(old, info.st_size, info.st_mtime_ns, digest, [], info.st_ctime_ns,
                                info.st_ino))
    cache.save()
    return ScanCache(tmp_path / "cache", key="k"), file, old


def test_an_entry_stored_for_a_racily_new_file_is_not_trusted(tmp_path: Path) -> None:
    # The file was written as the storing run started; on a file system with 1-second
    # timestamps an edit later that second keeps size, mtime (and ctime): hash it.
    cache, file, _old = _entry(tmp_path, time.time_ns())
    assert cache.lookup(file) == hashlib.sha256(b"other bytes").hexdigest()  # hash the bytes


def test_an_entry_stored_for_an_old_file_is_trusted(tmp_path: Path) -> None:
    cache, file, old = _entry(tmp_path, time.time_ns() - 60_000_000_000)
    assert cache.lookup(file) == old


@pytest.mark.parametrize("changed", ["kb/hosts.py", "kb/forge_permissions.toml", "config/settings.py",
                                     "common/lazy_re.py", "data/sdk/python.json", "data/other.json"])
def test_the_scanner_key_covers_all_of_scopelints_code_and_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    # A dev checkout after `git pull` (an editable install): any of these can change a scan.
    import scopelint
    from scopelint.check import cache
    from scopelint.kb import table

    package, data = tmp_path / "scopelint", tmp_path / "data"
    for name in ["__init__.py", "model.py", "scanning/scan.py", "kb/hosts.py", "kb/forge_permissions.toml",
                 "config/settings.py", "common/lazy_re.py"]:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# v1\n", encoding="utf-8")
    for name in ["table.json", "sdk/python.json", "other.json"]:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(scopelint, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(table, "data_dir", lambda: data)
    before = cache.scanner_key()
    assert cache.scanner_key() == before  # stable while nothing changes
    target = tmp_path / changed if changed.startswith("data/") else package / changed
    target.write_text(target.read_text(encoding="utf-8") + "# v2\n", encoding="utf-8")
    assert cache.scanner_key() != before


def test_a_whole_second_mtime_just_before_the_run_is_not_trusted(tmp_path: Path) -> None:
    # A file system with 1-second timestamps: an mtime a second before the storing run's
    # start may be shared by an edit made later in that second.
    whole = (time.time_ns() // 1_000_000_000 - 1) * 1_000_000_000
    cache, file, _old = _entry(tmp_path, whole)
    assert cache.lookup(file) == hashlib.sha256(b"other bytes").hexdigest()
