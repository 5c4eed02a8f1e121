"""`check --output FILE`: a report that cannot be written is one line and exit 2 (issue #18 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree

APP = {"app.py": 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'}


@pytest.mark.parametrize(
    "target",
    ["/proc/scopelint-report.txt", "app.py/r.txt", "reports", "/dev/null/r.txt"],
)
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(target: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)
    (root / "reports").mkdir()

    result = scopelint(["check", "--output", target], root)

    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("scopelint: error: cannot write the report to ")
    assert target in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_folders_are_created_as_ruff_does(tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)

    result = scopelint(["check", "--format", "json", "--output", "build/reports/scopelint.json"], root)

    assert result.exit_code == 1  # the findings, not a tool error
    assert result.stdout == ""
    report = json.loads((root / "build/reports/scopelint.json").read_text())
    assert [f["code"] for f in report["findings"]] == ["SL001"]


def test_a_failed_write_leaves_the_old_report(tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)
    (root / "out").mkdir()
    (root / "out" / "r.txt").write_text("old report\n")
    (root / "out").chmod(0o500)
    try:
        result = scopelint(["check", "--output", "out/r.txt"], root)
        writable = (root / "out" / "r.txt").read_text() != "old report\n"
    finally:
        (root / "out").chmod(0o700)
    if result.exit_code != 2 and writable:
        pytest.skip("running as root: a read-only folder is still writable")
    assert result.exit_code == 2
    assert (root / "out" / "r.txt").read_text() == "old report\n"
    assert sorted(p.name for p in (root / "out").iterdir()) == ["r.txt"]


@pytest.mark.parametrize(
    ("args", "named"),
    [(["check", "--format", "junit"], "--format"), (["check", "--jobs", "x"], "--jobs"), (["chek"], "chek")],
)
def test_usage_errors_are_one_line_too(args: list[str], named: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)

    result = scopelint(args, root)

    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("scopelint: error: ") and named in result.stderr


def test_a_symlinked_report_and_baseline_keep_their_links(tmp_path: Path) -> None:
    root = write_tree(tmp_path, APP)
    (root / "real").mkdir()
    (root / "report.json").symlink_to("real/report.json")
    (root / "baseline.json").symlink_to("real/baseline.json")

    result = scopelint(
        ["check", "--format", "json", "-o", "report.json", "--write-baseline", "baseline.json"], root
    )

    assert result.exit_code in (0, 1), result.output
    assert (root / "report.json").is_symlink() and (root / "baseline.json").is_symlink()
    assert json.loads((root / "real/report.json").read_text())["findings"]
    assert "fingerprints" in json.loads((root / "real/baseline.json").read_text())


def test_a_report_to_dev_null_leaves_the_device(tmp_path: Path) -> None:
    import os
    import stat

    root = write_tree(tmp_path, APP)
    result = scopelint(["check", "-o", "/dev/null", "--sarif-output", "/dev/null"], root)
    assert result.exit_code == 1, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
