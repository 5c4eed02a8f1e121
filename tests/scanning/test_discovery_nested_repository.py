"""Discovery inside a nested repository: the outer repository's ignore files do not apply."""

from __future__ import annotations

from pathlib import Path

from scopelint.scanning.discovery import discover


def _found(top: Path, cwd: Path) -> list[str]:
    return sorted(f.display for f in discover([top], cwd))


def test_a_nested_repository_is_scanned_even_if_the_outer_one_ignores_it(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    inner = outer / "build" / "inner"
    (outer / ".git").mkdir(parents=True)
    (outer / ".gitignore").write_text("build/\n", encoding="utf-8")
    (inner / ".git").mkdir(parents=True)
    (inner / "fetch.sh").write_text("curl https://acme.atlassian.net/rest/api/3/myself\n")
    assert _found(inner, inner) == ["fetch.sh"]


def test_a_plain_subfolder_still_honours_the_ignore_files_above_it(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    folder = outer / "build" / "inner"
    (outer / ".git").mkdir(parents=True)
    (outer / ".gitignore").write_text("build/\n", encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "fetch.sh").write_text("curl https://acme.atlassian.net/rest/api/3/myself\n")
    assert _found(folder, folder) == []
