"""`check --fix` never follows a symlink out of the tree and never writes outside it.

The tree is the working directory.  A Forge manifest and a Python file that are symlinks to
files outside it are named on the command line (so they are read, and their findings have
fixes); the fixes must be refused with one line each, the outside files left byte for byte,
and the symlinks left as symlinks.  The same files as regular files inside the tree are
fixed, so the refusal is the symlink's doing and not a fix that never applies.
"""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.kb.table import load_default

CLOUD_ID = "11111111-2222-3333-4444-555555555555"
MANIFEST = "app:\n  id: ari:cloud:ecosystem::app/x\npermissions:\n  scopes:\n    - read:jira-user\n"
INDEX_JS = (
    "import api, { route } from '@forge/api';\n"
    "await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
)
SITE_PY = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'
CONFIG = f'scopes = ["read:jira-user"]\n[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n'


@pytest.fixture(autouse=True)
def _embedded_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(tmp_path / "cache"))
    load_default.cache_clear()


def make_tree(tmp_path: Path, linked: bool) -> tuple[Path, Path]:
    """(tree, outside); with ``linked`` the manifest and site.py in the tree are symlinks."""
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / ".git").mkdir(parents=True)
    (tree / "app").mkdir()
    outside.mkdir()
    (tree / ".scopelint.toml").write_text(CONFIG)
    (tree / "app" / "index.js").write_text(INDEX_JS)
    (outside / "manifest.yml").write_text(MANIFEST)
    (outside / "site.py").write_text(SITE_PY)
    if linked:
        (tree / "app" / "manifest.yml").symlink_to(outside / "manifest.yml")
        (tree / "site.py").symlink_to(outside / "site.py")
    else:
        (tree / "app" / "manifest.yml").write_text(MANIFEST)
        (tree / "site.py").write_text(SITE_PY)
    return tree, outside


def fix(tree: Path, *paths: str) -> Result:
    with chdir(tree):
        return CliRunner().invoke(cli, ["check", "--fix", "--unsafe-fixes", *paths], catch_exceptions=False)


NAMED = ("app/manifest.yml", "app/index.js", "site.py")


def test_regular_files_in_the_tree_are_fixed(tmp_path: Path) -> None:
    tree, _outside = make_tree(tmp_path, linked=False)
    result = fix(tree, *NAMED)
    assert "read:jira-work" in (tree / "app" / "manifest.yml").read_text()
    assert f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/myself" in (tree / "site.py").read_text()
    assert "warning" not in result.stderr


def test_fixes_through_symlinks_out_of_the_tree_are_refused(tmp_path: Path) -> None:
    tree, outside = make_tree(tmp_path, linked=True)
    result = fix(tree, *NAMED)
    assert (outside / "manifest.yml").read_text() == MANIFEST
    assert (outside / "site.py").read_text() == SITE_PY
    assert (tree / "app" / "manifest.yml").is_symlink() and (tree / "site.py").is_symlink()
    assert sorted(p.name for p in outside.iterdir()) == ["manifest.yml", "site.py"]  # no temporaries
    warnings = result.stderr.splitlines()
    for name in ("app/manifest.yml", "site.py"):
        assert f"scopelint: warning: {name}: leads outside {tree} through a symlink; not changed" in warnings
    assert result.exit_code == 1  # the findings stay: nothing was fixed


def test_a_file_outside_the_working_directory_is_not_fixed(tmp_path: Path) -> None:
    tree, outside = make_tree(tmp_path, linked=False)
    result = fix(tree, "../outside/site.py")
    assert (outside / "site.py").read_text() == SITE_PY
    assert result.exit_code == 1
    assert any(line.endswith("not changed") and "site.py" in line for line in result.stderr.splitlines())


def test_diff_through_a_symlink_out_of_the_tree_shows_nothing_to_write(tmp_path: Path) -> None:
    tree, outside = make_tree(tmp_path, linked=True)
    with chdir(tree):
        result = CliRunner().invoke(cli, ["check", "--fix", "--unsafe-fixes", "--diff", *NAMED])
    assert "+++" not in result.stdout
    assert (outside / "site.py").read_text() == SITE_PY
