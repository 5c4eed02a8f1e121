"""Baseline files: write today's findings, later report only the new ones."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from reporting_sample import make_findings, moved, sl002

from scopelint.check.baseline import apply_baseline, write_baseline
from scopelint.errors import ScopelintError


def test_written_baseline_is_sorted_json_without_lines(tmp_path: Path) -> None:
    path = tmp_path / "scopelint-baseline.json"
    write_baseline(path, make_findings())
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    entries = data["fingerprints"]
    assert len(entries) == 4  # the repeated SL002 call takes two entries
    assert list(entries) == sorted(entries)
    assert {"code": "SL003", "path": "manifest.yml", "identity": "write:jira-work"} in entries.values()
    for entry in entries.values():
        assert set(entry) == {"code", "path", "identity"}
    assert '"line"' not in text
    assert [p.name for p in tmp_path.iterdir()] == ["scopelint-baseline.json"]  # no temp left


def test_baseline_is_byte_identical_across_runs_and_line_moves(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_baseline(first, make_findings())
    write_baseline(second, [moved(f, 9) for f in reversed(make_findings())])
    assert first.read_bytes() == second.read_bytes()


def test_apply_keeps_only_new_findings_and_reports_stale_entries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    old = make_findings()
    write_baseline(path, old)

    # code moved down, the SL003 problem was fixed, a third identical call and a new one appeared
    new_call = replace(sl002(50), identity="DELETE /rest/api/3/issue/{issueIdOrKey}")
    current = [moved(f, 2) for f in old if f.code != "SL003"] + [sl002(60), new_call]
    kept, stale = apply_baseline(current, path)
    assert kept == [sl002(60), new_call]
    assert stale == ["manifest.yml: SL003 write:jira-work"]


def test_apply_with_everything_known_keeps_nothing(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, make_findings())
    assert apply_baseline(make_findings(), path) == ([], [])


@pytest.mark.parametrize(
    "content",
    ["{not json", "[]", '{"version": 2, "fingerprints": {}}', '{"version": 1}', "\xff",
     "[" * 100_000, '{"version": 1, "fingerprints": ' + "[" * 100_000],
)
def test_broken_baseline_is_a_user_error_naming_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken-baseline.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(ScopelintError) as info:
        apply_baseline(make_findings(), path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message


def test_missing_baseline_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(ScopelintError, match=r"nope\.json"):
        apply_baseline([], path)


def test_write_into_missing_directory_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "baseline.json"
    with pytest.raises(ScopelintError, match=r"baseline\.json"):
        write_baseline(path, make_findings())


def test_a_baseline_gets_the_mode_of_any_new_file(tmp_path: Path) -> None:
    """A baseline is committed and shared: not a private (0600) temporary file's mode."""
    import os
    import stat

    umask = os.umask(0o022)
    try:
        write_baseline(tmp_path / "bl.json", make_findings())
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "bl.json").stat().st_mode) == 0o644
