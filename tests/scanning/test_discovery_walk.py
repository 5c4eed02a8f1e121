"""Discovery over a real-looking repository: a long .gitignore (GitHub's Python and Node
templates are 100+ lines) with negations, directory-only and anchored patterns, a nested
.gitignore, excludes, and the order files come out in."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scopelint.scanning import discovery
from scopelint.scanning.discovery import DiscoveredFile, discover

# A .gitignore of the shape real projects keep: long enough for the RE2 backend.
GITIGNORE = """\
# Byte-compiled / optimized
__pycache__/
*.py[cod]
*.so
build/
dist/
*.egg-info/
.coverage
htmlcov/
*.log
!keep.log
/site
node_modules/
coverage
.env
.env.*
!.env.example
docs/_build/
out
"""

FILES = {
    "app/main.py": "x",
    "app/main.pyc": "x",
    "app/__pycache__/main.cpython-311.pyc": "x",
    "app/build/gen.py": "x",  # build/ anywhere
    "app/server.log": "x",
    "app/keep.log": "x",  # negated
    "site/index.html": "x",  # /site: only at the top
    "app/site/page.py": "x",
    "coverage": "x",  # a file named like a directory pattern without a slash
    "web/coverage/lcov.info": "x",
    ".env": "x",
    ".env.local": "x",
    ".env.example": "x",  # negated
    "docs/_build/html/a.html": "x",
    "docs/guide.md": "x",
    "lib/out": "x",
    "lib/output.py": "x",
    "pkg/sub/.gitignore": "*.json\n",  # a nested .gitignore
    "pkg/sub/data.json": "x",
    "pkg/sub/code.js": "x",
    "pkg/data.json": "x",
}

KEPT = [
    ".env.example",
    ".gitignore",
    "app/keep.log",
    "app/main.py",
    "app/site/page.py",
    "docs/guide.md",
    "lib/output.py",
    "pkg/data.json",
    "pkg/sub/.gitignore",
    "pkg/sub/code.js",
]


def _repository(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _found(root: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    return [f.display for f in discover([Path(".")], root, exclude)]


def test_a_long_gitignore_is_honoured_as_git_does(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    assert sorted(_found(root)) == KEPT


def test_every_matching_backend_ignores_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repository(tmp_path / "repo")
    fast = _found(root)
    monkeypatch.setattr(discovery, "_FAST_BACKEND_PATTERNS", 10_000)  # pure-Python matching only
    assert _found(root) == fast


def test_files_come_out_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    # each folder's files (by name) before its subfolders (by name), depth first
    assert _found(root) == [
        ".env.example", ".gitignore", "app/keep.log", "app/main.py", "app/site/page.py",
        "docs/guide.md", "lib/output.py", "pkg/data.json", "pkg/sub/.gitignore", "pkg/sub/code.js",
    ]


def test_exclude_globs_apply_beside_the_gitignore(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    left = [p for p in KEPT if p not in ("docs/guide.md", "pkg/sub/code.js")]
    assert sorted(_found(root, ("docs/", "*.js"))) == left


def test_an_invalid_line_in_a_long_gitignore_drops_only_that_line(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    (root / ".gitignore").write_text(GITIGNORE + "[z-a]\n", encoding="utf-8")  # a reversed range
    warnings: list[str] = []
    found = sorted(f.display for f in discover([Path(".")], root, (), warnings))
    assert found == KEPT
    assert warnings == [f".gitignore: invalid patterns ignored (line {GITIGNORE.count(chr(10)) + 1})"]


def test_a_discovered_file_keeps_its_fields_across_processes_and_makes_its_path_on_demand(
    tmp_path: Path,
) -> None:
    file = DiscoveredFile(str(tmp_path / "a.py"), "a.py", explicit=False)
    assert file.path == tmp_path / "a.py" and file.fspath == str(tmp_path / "a.py")
    same = pickle.loads(pickle.dumps(file))
    assert same == file and hash(same) == hash(file) and same.path == file.path
    assert DiscoveredFile(tmp_path / "a.py", "a.py", explicit=False) == file
    assert DiscoveredFile(tmp_path / "a.py", "a.py", explicit=True) != file
