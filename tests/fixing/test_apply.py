"""apply_edits: the only code that writes fixes to the user's files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scopelint.fixing.apply import apply_edits, edits_from_texts, file_sha256
from scopelint.fixing.scope_lists import add_scopes_yaml
from scopelint.model import Edit

SOURCE = 'import requests\nURL = "https://acme.atlassian.net/rest/api/3/myself"\nprint(URL)\n'
SITE = "https://acme.atlassian.net"
GATEWAY = "https://api.atlassian.com/ex/jira/CID"


def _site_edit(path: str = "app.py") -> Edit:
    start = SOURCE.splitlines()[1].index(SITE) + 1
    return Edit(path, 2, start, 2, start + len(SITE), GATEWAY)


def test_applies_edits_bottom_up_and_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    target.chmod(0o751)
    edits = [
        _site_edit(),
        Edit("app.py", 1, 1, 1, 1, "# fixed by scopelint\n"),
        Edit("app.py", 3, 7, 3, 10, "url"),
    ]
    result = apply_edits(edits, tmp_path, diff_only=False)
    assert result.ok and result.changed == ["app.py"] and result.edits_applied == 3
    assert target.read_text() == (
        "# fixed by scopelint\nimport requests\n"
        'URL = "https://api.atlassian.com/ex/jira/CID/rest/api/3/myself"\nprint(url)\n'
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir()] == ["app.py"]  # no temporary file left behind


def test_diff_only_writes_nothing_and_shows_a_unified_diff(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    before = target.stat().st_mtime_ns
    result = apply_edits([_site_edit()], tmp_path, diff_only=True)
    assert target.read_text() == SOURCE and target.stat().st_mtime_ns == before
    assert result.changed == ["app.py"]
    assert result.diff.splitlines() == [
        "--- a/app.py",
        "+++ b/app.py",
        "@@ -1,3 +1,3 @@",
        " import requests",
        '-URL = "https://acme.atlassian.net/rest/api/3/myself"',
        '+URL = "https://api.atlassian.com/ex/jira/CID/rest/api/3/myself"',
        " print(URL)",
    ]


def test_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    snapshot = file_sha256(target)
    target.write_text(SOURCE + "# edited by the user meanwhile\n")
    result = apply_edits([_site_edit()], tmp_path, diff_only=False, snapshots={"app.py": snapshot})
    assert target.read_text() == SOURCE + "# edited by the user meanwhile\n"
    assert result.changed == []
    assert result.skipped == ["app.py: changed on disk since it was read; not overwritten"]


def test_matching_snapshot_is_written(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    result = apply_edits([_site_edit()], tmp_path, snapshots={"app.py": file_sha256(target)})
    assert result.changed == ["app.py"] and GATEWAY in target.read_text()


def test_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "app.py"
    victim.write_text(SOURCE)
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").symlink_to(victim)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    edits = [_site_edit("app.py"), _site_edit("linked/app.py"), _site_edit("../outside/app.py")]
    result = apply_edits(edits, root, diff_only=False)
    assert victim.read_text() == SOURCE
    assert result.changed == []
    assert sorted(result.skipped) == [
        f"../outside/app.py: is outside {root}; not changed",
        f"app.py: leads outside {root} through a symlink; not changed",
        f"linked/app.py: leads outside {root} through a symlink; not changed",
    ]


def test_symlink_inside_the_tree_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.py"
    real.write_text(SOURCE)
    (tmp_path / "link.py").symlink_to(real)
    result = apply_edits([_site_edit("link.py")], tmp_path)
    assert result.changed == ["link.py"]
    assert (tmp_path / "link.py").is_symlink()
    assert GATEWAY in real.read_text()


def test_overlapping_edits_are_refused_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    other = tmp_path / "other.py"
    other.write_text(SOURCE)
    edits = [_site_edit(), Edit("app.py", 2, 10, 2, 20, "x"), _site_edit("other.py")]
    result = apply_edits(edits, tmp_path)
    assert target.read_text() == SOURCE
    assert result.skipped == ["app.py: overlapping edits at line 2; not changed"]
    assert result.changed == ["other.py"]  # the other file is still fixed


def test_identical_duplicate_edits_count_once_and_second_run_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text(SOURCE)
    first = apply_edits([_site_edit(), _site_edit()], tmp_path)
    assert first.edits_applied == 1
    fixed = target.read_text()
    # re-scanning finds nothing left to fix: no edits, nothing written
    second = apply_edits([], tmp_path)
    assert second.changed == [] and target.read_text() == fixed


def test_edit_outside_the_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SOURCE)
    result = apply_edits([Edit("app.py", 9, 1, 9, 2, "x")], tmp_path)
    assert result.skipped == ["app.py: an edit at line 9, column 1 is outside the file; not changed"]
    missing = apply_edits([Edit("gone.py", 1, 1, 1, 1, "x")], tmp_path)
    assert missing.skipped == ["gone.py: no such file; not changed"]


def test_keeps_bom_and_crlf(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_bytes(b"\xef\xbb\xbfa = 1\r\nb = 2\r\n")
    apply_edits([Edit("app.py", 2, 5, 2, 6, "3")], tmp_path)
    assert target.read_bytes() == b"\xef\xbb\xbfa = 1\r\nb = 3\r\n"


def test_invalid_utf8_is_not_touched(tmp_path: Path) -> None:
    target = tmp_path / "blob.txt"
    target.write_bytes(b"caf\xe9\n")
    result = apply_edits([Edit("blob.txt", 1, 1, 1, 1, "x")], tmp_path)
    assert target.read_bytes() == b"caf\xe9\n"
    assert result.skipped == ["blob.txt: is not valid UTF-8 text; not changed"]


def test_edits_from_texts_round_trip_through_apply(tmp_path: Path) -> None:
    manifest = "app:\n  id: x  # keep\npermissions:\n  scopes:\n    - read:a\n    - write:z\n"
    target = tmp_path / "manifest.yml"
    target.write_text(manifest)
    with_b = add_scopes_yaml(manifest, scopes=["read:b"])
    with_c = add_scopes_yaml(manifest, scopes=["read:c"])
    # two fixes computed from the same original combine: both insert at the same line
    edits = edits_from_texts("manifest.yml", manifest, with_b) + edits_from_texts(
        "manifest.yml", manifest, with_c
    )
    result = apply_edits(edits, tmp_path)
    assert result.ok
    assert target.read_text() == manifest.replace(
        "    - write:z\n", "    - read:b\n    - read:c\n    - write:z\n"
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_unwritable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "app.py"
    target.write_text(SOURCE)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = apply_edits([_site_edit("ro/app.py")], tmp_path)
    finally:
        folder.chmod(0o755)
    assert target.read_text() == SOURCE
    assert result.skipped and result.skipped[0].startswith("ro/app.py: cannot write in its folder")
