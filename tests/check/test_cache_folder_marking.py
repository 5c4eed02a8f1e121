"""A cache folder is never linted (hostile report s4 item 8): scopelint's cache root gets a
``.gitignore`` (``*``) and a ``CACHEDIR.TAG`` as ruff's and cargo's do, and discovery skips
any folder holding a CACHEDIR.TAG with the standard signature."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopelint.common.cache_home import CACHEDIR_SIGNATURE, mark_cache_folder
from scopelint.scanning.discovery import discover
from tests.cli.cli_helpers import scopelint, write_tree

CALL = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'


def tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    return write_tree(root, files)


def findings(root: Path) -> list[str]:
    result = scopelint(["check", "--format", "json", "-j", "1", "."], root)
    return sorted(f"{f['path']}:{f['code']}" for f in json.loads(result.stdout)["findings"])


def test_a_cache_folder_inside_the_project_is_marked_and_never_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path / "p", {"app.py": CALL})
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", ".scopelint-cache")
    monkeypatch.delenv("SCOPELINT_NO_CACHE", raising=False)
    first = findings(root)
    assert first == ["app.py:SL001"]
    cache = root / ".scopelint-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_bytes().startswith(CACHEDIR_SIGNATURE)
    assert findings(root) == first  # its shards (which hold the call's URL) are not read
    (cache / ".gitignore").unlink()  # still skipped by its tag alone
    assert findings(root) == first


def test_discovery_skips_a_tagged_folder_only_with_the_signature(tmp_path: Path) -> None:
    root = tree(tmp_path / "p", {"app.py": CALL, "tagged/cached.py": CALL, "other/cached.py": CALL})
    (root / "tagged" / "CACHEDIR.TAG").write_bytes(CACHEDIR_SIGNATURE + b"\n")
    (root / "other" / "CACHEDIR.TAG").write_text("not a cache directory tag\n", encoding="utf-8")
    found = sorted(f.display for f in discover([root], cwd=root))
    assert "tagged/cached.py" not in found
    assert "other/cached.py" in found and "app.py" in found


def test_a_folder_holding_other_files_is_never_marked(tmp_path: Path) -> None:
    tree(tmp_path / "p", {"app.py": CALL})
    mark_cache_folder(str(tmp_path / "p"))  # SCOPELINT_CACHE_DIR=. would do this
    assert not (tmp_path / "p" / ".gitignore").exists()
    assert not (tmp_path / "p" / "CACHEDIR.TAG").exists()
