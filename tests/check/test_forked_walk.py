"""A warm run of a large tree walks it in a forked child while this process looks files up
(issue #19, the warm run's wall time): the report, the warnings and their order are those of
a run in one process, an edited file is still scanned again, a bad path is still exit 2, and
the child is not used when the user asks for one job, on a small project or on a hook run."""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from scopelint.check import walker
from scopelint.errors import ScopelintError
from scopelint.scanning.discovery import DiscoveredFile
from tests.cli.cli_helpers import scopelint, write_tree

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="the forked walk is used on Linux with two cores or more",
)

JIRA = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/issue/{key}")\n'
CONFLUENCE = 'await fetch(`https://acme.atlassian.net/wiki/api/v2/pages/${id}`, {method: "PUT"});\n'
GITIGNORE = "dist/\n*.log\n.env\nbuild/\ncoverage/\n*.tmp\n__pypackages__/\n.cache/\n[z-a]\n"


def monorepo(root: Path) -> Path:
    """A monorepo of the usual shape: services in Python, a TypeScript front end, docs, a
    long .gitignore with one bad line, an ignored build folder holding a call, filler."""
    files = {
        ".gitignore": GITIGNORE,
        ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
        "services/sync/jira_sync.py": JIRA,
        "services/sync/README.md": "Syncs issues.\n",
        "web/src/pages.ts": CONFLUENCE,
        "web/dist/bundle.js": CONFLUENCE,  # ignored: never reported
        "web/debug.log": JIRA,  # ignored
        "docs/setup.md": "Create a scoped token.\n",
        "tools/sub/.gitignore": "[y-b]\n*.json\n",
        "tools/sub/data.json": "{}\n",
        "tools/sub/run.sh": "curl -u me https://acme.atlassian.net/rest/api/3/myself\n",
    }
    for n in range(120):
        files[f"lib/pkg{n % 7}/module_{n}.py"] = f"def helper_{n}(x):\n    return x + {n}\n"
    root.mkdir(parents=True)
    return write_tree(root, files)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Any project counts as large; each entry: files the forked walk handed out."""
    monkeypatch.setattr(walker, "LARGE_CACHE_BYTES", 1)
    runs: list[int] = []
    real = walker.ForkedWalk.__iter__

    def counting(self: walker.ForkedWalk) -> Iterator[DiscoveredFile]:
        runs.append(0)
        for file in real(self):
            assert file.stat is not None  # taken by the child
            runs[-1] += 1
            yield file
        assert self.context is not None  # the child's answer is used

    monkeypatch.setattr(walker.ForkedWalk, "__iter__", counting)
    return runs


def run(root: Path, *args: str, paths: tuple[str, ...] = (".",)) -> tuple[int, str, str]:
    result = scopelint(["check", "--format", "json", *args, *paths], root)
    report = json.loads(result.stdout)
    report.pop("time", None)
    return result.exit_code, json.dumps(report, sort_keys=True), result.stderr


def test_a_warm_run_walked_by_a_child_reports_what_one_process_reports(
    tmp_path: Path, user_cache: Path, forks: list[int]
) -> None:
    root = monorepo(tmp_path / "repo")
    cold = run(root, "--no-cache")
    first = run(root)  # fills the cache (no cache yet: one process)
    assert forks == []
    warm = run(root)
    assert forks == [128]  # every file not ignored, each with its stat
    one_job = run(root, "-j", "1")
    assert forks == [128]
    assert cold == first == warm == one_job
    code, report, stderr = warm
    assert code == 1
    paths = {f["path"] for f in json.loads(report)["findings"]}
    assert "web/dist/bundle.js" not in paths and "services/sync/jira_sync.py" in paths
    # discovery's warnings, in the walk's order
    assert stderr.index(".gitignore: invalid patterns ignored (line 9)") < stderr.index(
        "tools/sub/.gitignore: invalid patterns ignored (line 1)")


def test_a_run_over_subfolders_reads_the_declaration_above_them_as_one_process_does(
    tmp_path: Path, user_cache: Path, forks: list[int]
) -> None:
    root = monorepo(tmp_path / "repo")
    run(root)
    subfolders = ("services", "tools")
    forked = run(root, paths=subfolders)
    assert forks == [4]  # jira_sync.py, README.md, run.sh, a .gitignore; not .scopelint.toml above
    assert forked == run(root, "-j", "1", paths=subfolders) == run(root, "--no-cache", paths=subfolders)
    found = codes(forked[1])
    assert ("tools/sub/run.sh", "SL002") in found  # read:jira-user is not in .scopelint.toml
    assert ("services/sync/jira_sync.py", "SL002") not in found  # read:jira-work is


def test_a_file_edited_after_the_last_run_is_scanned_again(
    tmp_path: Path, user_cache: Path, forks: list[int]
) -> None:
    root = monorepo(tmp_path / "repo")
    run(root)
    before = run(root)
    assert ("services/sync/jira_sync.py", "SL002") not in codes(before[1])
    target = root / "services/sync/jira_sync.py"
    target.write_text(JIRA.replace("requests.get", "requests.delete"), encoding="utf-8")
    after = run(root)
    assert len(forks) == 2
    assert after == run(root, "--no-cache")
    assert ("services/sync/jira_sync.py", "SL002") in codes(after[1])  # a delete: write scope


def codes(report: str) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in json.loads(report)["findings"]}


def test_a_missing_path_is_the_same_error(tmp_path: Path, user_cache: Path, forks: list[int]) -> None:
    root = monorepo(tmp_path / "repo")
    run(root)
    forked = scopelint(["check", ".", "gone"], root)
    alone = scopelint(["check", "-j", "1", ".", "gone"], root)
    assert len(forks) == 1
    assert forked.exit_code == alone.exit_code == 2
    assert "gone: no such file or directory" in forked.stderr
    assert forked.stderr == alone.stderr


def test_no_child_for_one_job_a_small_project_or_named_files(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = monorepo(tmp_path / "repo")
    run(root)
    forked: list[int] = []
    real = walker.ForkedWalk.__iter__

    def counting(self: walker.ForkedWalk) -> Iterator[DiscoveredFile]:
        forked.append(1)
        return real(self)

    monkeypatch.setattr(walker.ForkedWalk, "__iter__", counting)
    run(root)  # 128 small files: the cache's shards are far below LARGE_CACHE_BYTES
    monkeypatch.setattr(walker, "LARGE_CACHE_BYTES", 1)
    run(root, "-j", "1")
    scopelint(["check", "services/sync/jira_sync.py", "web/src/pages.ts"], root)  # a hook run
    assert forked == []
    run(root, "-j", "2")
    assert forked == [1]


def test_no_child_while_a_tracer_watches_or_another_thread_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "shard-00.bin").write_bytes(b"x" * 64)
    monkeypatch.setattr(walker, "LARGE_CACHE_BYTES", 64)
    assert walker.usable(0, shards) is True
    assert walker.usable(1, shards) is False
    assert walker.usable(0, tmp_path / "no-cache-yet") is False
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda *a, **k: real_stat(*a, **k))
    assert walker.usable(0, shards) is False
    monkeypatch.setattr(os, "stat", real_stat)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert walker.usable(0, shards) is False
    finally:
        stop.set()
        other.join()


def _files(root: Path, count: int) -> list[DiscoveredFile]:
    found = []
    for n in range(count):
        path = root / f"f{n:04d}.txt"
        path.write_text(str(n), encoding="utf-8")
        found.append(DiscoveredFile(str(path), path.name, False))
    return found


def test_a_child_that_dies_half_way_costs_a_walk_here_not_a_file(tmp_path: Path) -> None:
    files = _files(tmp_path, walker.FIRST_BATCH + walker.BATCH + 10)
    parent = os.getpid()

    def discover(warnings: list[str]) -> Iterator[DiscoveredFile]:
        warnings.append("top: a warning")
        for n, file in enumerate(files):
            if os.getpid() != parent and n == walker.FIRST_BATCH + 3:
                os._exit(9)  # the child is killed after sending its first batch
            yield file

    warnings: list[str] = []
    walk = walker.ForkedWalk(discover, warnings, lambda walked: walked[:1])
    got = list(walk)
    assert [f.display for f in got] == [f.display for f in files]
    first = walker.FIRST_BATCH
    assert [f.stat is not None for f in got] == [True] * first + [False] * (len(files) - first)
    assert got[0].stat is not None and got[0].stat[0] == 1  # "0": one byte
    assert warnings == ["top: a warning"]  # once: the child's were never delivered
    assert walk.context is None  # nor its answer: the caller asks itself


@pytest.mark.parametrize("failing", ["fork", "pipe"])
def test_a_fork_or_pipe_the_system_refuses_is_a_walk_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """fork() fails with EAGAIN under a pids limit or `ulimit -u` (ENOMEM under strict
    overcommit), pipe() with EMFILE: the walk happens here, every file once, no traceback."""
    files = _files(tmp_path, 5)

    def refuse(*_args: object) -> NoReturn:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(walker.os, failing, refuse)
    warnings: list[str] = []
    walk = walker.ForkedWalk(lambda w: iter(files), warnings)
    assert [f.display for f in walk] == [f.display for f in files]
    assert walk.context is None and warnings == []


def test_an_unexpected_error_in_the_child_is_a_walk_here(tmp_path: Path) -> None:
    files = _files(tmp_path, 5)
    parent = os.getpid()

    def discover(warnings: list[str]) -> Iterator[DiscoveredFile]:
        for n, file in enumerate(files):
            if os.getpid() != parent and n == 2:
                raise RuntimeError("a bug")
            yield file

    assert [f.display for f in walker.ForkedWalk(discover, [])] == [f.display for f in files]


def test_the_walks_error_is_raised_after_the_files_before_it(tmp_path: Path) -> None:
    files = _files(tmp_path, 3)

    def discover(warnings: list[str]) -> Iterator[DiscoveredFile]:
        yield from files[:2]
        raise ScopelintError("gone: no such file or directory")

    got: list[str] = []
    with pytest.raises(ScopelintError, match=r"^gone: no such file or directory$"):
        for file in walker.ForkedWalk(discover, []):
            got.append(file.display)
    assert got == ["f0000.txt", "f0001.txt"]


def test_the_childs_answer_about_the_walked_files_comes_back_with_the_warnings(tmp_path: Path) -> None:
    files = _files(tmp_path, 3000)

    def discover(warnings: list[str]) -> Iterator[DiscoveredFile]:
        yield from files
        warnings.append("last: a warning")

    def context(walked: list[DiscoveredFile]) -> list[DiscoveredFile]:
        return [DiscoveredFile(str(tmp_path / "above.toml"), f"{len(walked)} walked", False)]

    warnings: list[str] = []
    walk = walker.ForkedWalk(discover, warnings, context)
    assert walk.context is None
    assert [f.display for f in walk] == [f.display for f in files]
    assert all(f.stat is not None for f in files) is False  # the caller's objects are untouched
    assert walk.context == [DiscoveredFile(str(tmp_path / "above.toml"), "3000 walked", False)]
    assert warnings == ["last: a warning"]


def test_a_file_name_that_is_not_utf8_comes_back_as_the_walk_named_it(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9 \xff.txt")  # Latin-1 bytes: no UTF-8
    with open(raw, "wb") as handle:
        handle.write(b"x")
    name = os.fsdecode(raw)
    files = [DiscoveredFile(name, os.path.basename(name), True)]
    got = list(walker.ForkedWalk(lambda warnings: iter(files), []))
    assert got == files and got[0].fspath == name
    assert got[0].stat is not None and got[0].stat[0] == 1


@pytest.mark.parametrize("body", [
    b"",  # nothing
    b"\x01\x00",  # a count cut short
    b"\x02\x00\x00\x00" + b"\x03" * 33 + b"a\x00b",  # two files announced, one stamp
    b"\x00" * 4,  # no file
])
def test_a_batch_that_is_not_one_is_refused(body: bytes) -> None:
    assert walker._files(body) is None
