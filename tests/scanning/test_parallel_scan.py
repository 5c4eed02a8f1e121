"""Scanning a large tree in worker processes gives what one process gives, in the same order."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from scopelint.model import FileScan
from scopelint.scanning import parallel
from scopelint.scanning.discovery import DiscoveredFile, discover
from scopelint.scanning.parallel import scan_many, scan_stream


def _tree(root: Path, count: int) -> None:
    for index in range(count):
        folder = root / f"d{index // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        if index % 7 == 0:
            text = f"curl https://acme.atlassian.net/rest/api/3/issue/K-{index}\n"
        else:
            text = f"echo {index}\n"
        (folder / f"f{index}.sh").write_text(text, encoding="utf-8")


def _summary(scans: list[FileScan]) -> list[tuple[str, list[str]]]:
    return [(scan.path, [call.url for call in scan.calls]) for scan in scans]


def test_workers_find_the_same_calls_in_the_same_order_as_one_process(tmp_path: Path) -> None:
    count = parallel.PARALLEL_THRESHOLD + 3 * parallel.CHUNK + 5
    _tree(tmp_path, count)
    files = list(discover([tmp_path], tmp_path))
    assert len(files) == count
    one = scan_many(files, jobs=1)
    streamed_files: list[DiscoveredFile] = []
    many = scan_stream(discover([tmp_path], tmp_path), 2, streamed_files)
    assert streamed_files == files
    assert _summary(many) == _summary(one)
    assert sum(len(scan.calls) for scan in many) == len(range(0, count, 7))


def test_a_small_run_stays_in_this_process(tmp_path: Path) -> None:
    _tree(tmp_path, 10)
    collected: list[DiscoveredFile] = []
    scans = scan_stream(discover([tmp_path], tmp_path), 2, collected)
    assert [scan.path for scan in scans] == [f.display for f in collected]
    assert len(scans) == 10


def test_a_file_that_kills_its_worker_is_skipped_with_one_warning_and_the_rest_is_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A parser that crashes the process (tree-sitter once segfaulted on odd input): workers
    # are forked, so they inherit this stand-in, which dies on one file.
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs forked workers to plant the crashing parser")
    count = parallel.PARALLEL_THRESHOLD + 2 * parallel.CHUNK
    _tree(tmp_path, count)
    files = list(discover([tmp_path], tmp_path))
    expected = _summary(scan_many(files, jobs=1))
    victim = files[parallel.PARALLEL_THRESHOLD + 5].display
    real_scan_file = parallel.scan_file

    def crashing_scan_file(file: DiscoveredFile) -> FileScan:
        if file.display == victim:
            os._exit(70)
        return real_scan_file(file)

    monkeypatch.setattr(parallel, "scan_file", crashing_scan_file)
    scans = scan_many(files, jobs=2)

    assert [scan.path for scan in scans] == [f.display for f in files]  # order kept
    by_path = dict(_summary(scans))
    assert by_path.pop(victim) == []
    assert by_path == {path: urls for path, urls in expected if path != victim}
    warnings = [w for scan in scans for w in scan.warnings]
    assert warnings == [f"{victim}: a parser crashed on this file; skipped"]
    assert [scan.path for scan in scans if scan.skipped] == [victim]  # not counted as checked
