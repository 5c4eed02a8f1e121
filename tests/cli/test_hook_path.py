"""The hook path (scopelint.cli.hook): a pre-commit run replayed from the cache prints exactly
what the full CLI prints, with its exit code, and is never replayed once something it read
has changed.  Every run is a fresh interpreter, as pre-commit starts one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FULL = "import sys\nfrom scopelint.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
# the console entry point, telling (in a file named outside the key's environment) whether
# the full CLI was loaded or the run was replayed
ENTRY = (
    "import atexit, os, sys\n"
    "atexit.register(lambda: open(os.environ['HOOK_TEST_MARK'], 'w').write("
    "'full' if 'scopelint.check.run' in sys.modules else 'replay'))\n"
    "from scopelint.cli.hook import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

ONE_PY = 'import requests\n\nBASE = "https://acme.atlassian.net"\nrequests.get(BASE + "/rest/api/3/myself")\n'
NOTHING_PY = "import json\nimport sys\n\nprint(len(json.load(sys.stdin)))\n"
FETCH_SH = "#!/bin/sh\ncurl -s https://acme.atlassian.net/rest/api/3/issue/PPT-28\n"
CONFIG = (
    'scopes = ["read:jira-work"]\n\n[sites]\n"acme.atlassian.net" = "11111111-2222-3333-4444-555555555555"\n'
)

Run = tuple[str, str, int]


class Hook:
    """Runs the full CLI and the console entry point in one project, with a private cache."""

    def __init__(self, tmp_path: Path) -> None:
        self.project = tmp_path / "project"
        self.project.mkdir()
        (self.project / ".git").mkdir()
        self.mark = tmp_path / "mark"
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SCOPELINT_", "NO_COLOR", "FORCE_COLOR"))}
        self.env["SCOPELINT_CACHE_DIR"] = str(tmp_path / "cache")
        self.env["HOOK_TEST_MARK"] = str(self.mark)

    def write(self, name: str, text: str | bytes) -> None:
        path = self.project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    def _run(self, code: str, args: list[str], stdout: int | None = None) -> Run:
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=self.project, env=self.env,
                              stdout=subprocess.PIPE if stdout is None else stdout,
                              stderr=subprocess.PIPE, text=True, timeout=120)
        return done.stdout or "", done.stderr, done.returncode

    def full(self, *args: str, stdout: int | None = None) -> Run:
        return self._run(FULL, list(args), stdout)

    def entry(self, *args: str, stdout: int | None = None) -> tuple[Run, str]:
        """A run of the console entry point; ``stdout`` a descriptor to write to instead
        of a pipe read to its end."""
        self.mark.unlink(missing_ok=True)
        run = self._run(ENTRY, list(args), stdout)
        return run, self.mark.read_text(encoding="utf-8")


def _clean(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", CONFIG)
    hook.write("nothing.py", NOTHING_PY)
    return ["check", "--force-exclude", "nothing.py"]


def _findings(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", CONFIG)
    hook.write("one.py", ONE_PY)
    hook.write("fetch.sh", FETCH_SH)
    return ["check", "one.py", "fetch.sh"]


def _suppressed(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", CONFIG)
    hook.write("one.py", ONE_PY.replace('atlassian.net"', 'atlassian.net"  # scopelint: ignore[SL001]'))
    hook.write("fetch.sh", FETCH_SH + "# scopelint: ignore[SL002]\n")
    return ["check", "one.py", "fetch.sh"]


def _excluded(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", 'exclude = ["generated/"]\n' + CONFIG)
    hook.write("generated/client.py", ONE_PY)
    hook.write("one.py", ONE_PY)
    return ["check", "--force-exclude", "generated/client.py", "one.py"]


def _settings(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml",
               'select = ["SL001", "SL002"]\n' + CONFIG + '\n[per-path-ignores]\n"scripts/*" = ["SL001"]\n')
    hook.write("scripts/fetch.sh", FETCH_SH)
    hook.write("one.py", ONE_PY)
    return ["check", "--format", "json", "-q", "scripts/fetch.sh", "one.py"]


def _invalid_config(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", "scopes = 3\n")
    hook.write("one.py", ONE_PY)
    return ["check", "one.py"]


def _binary(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", CONFIG)
    hook.write("blob.py", b"\x7fELF\x00\x01https://acme.atlassian.net/rest/api/3/myself\x00")
    return ["check", "blob.py"]


def _linked(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", 'scopes = ["read:confluence-content.all"]\n')
    hook.write("app/__init__.py", "")
    hook.write("app/settings.py", 'JIRA = "https://acme.atlassian.net/rest/api/3"\n')
    hook.write("app/jobs.py", "import requests\n\nfrom app.settings import JIRA\n\n\ndef issue(key):\n"
               '    return requests.get(f"{JIRA}/issue/{key}", timeout=10)\n')
    return ["check", "--force-exclude", "app/jobs.py"]


def _missing(hook: Hook) -> list[str]:
    hook.write(".scopelint.toml", CONFIG)
    hook.write("one.py", ONE_PY)
    return ["check", "one.py", "gone.py"]


CASES: dict[str, Callable[[Hook], list[str]]] = {
    "clean": _clean, "findings": _findings, "suppressed": _suppressed, "excluded": _excluded,
    "settings": _settings, "invalid-config": _invalid_config, "binary": _binary,
    "linked-helper": _linked, "missing-file": _missing,
}
EXPECTED_EXIT = {"clean": 0, "findings": 1, "suppressed": 1, "excluded": 1, "settings": 1,
                 "invalid-config": 2, "binary": 0, "linked-helper": 1, "missing-file": 2}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_replayed_hook_run_prints_what_the_full_cli_prints(tmp_path: Path, case: str) -> None:
    hook = Hook(tmp_path)
    args = CASES[case](hook)
    expected = hook.full(*args)
    recorded, first = hook.entry(*args)
    replayed, second = hook.entry(*args)

    assert expected[2] == EXPECTED_EXIT[case], expected
    assert first == "full"
    assert recorded == expected
    assert replayed == expected  # stdout, stderr and exit code, byte for byte
    # a tool error (exit 2) is never replayed: it is found again, and said again, every time
    assert second == ("full" if expected[2] == 2 else "replay")


def test_the_finding_of_a_linked_helper_is_replayed(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _linked(hook)
    hook.entry(*args)  # a cold run writes the result cache after reading it: recorded stale
    hook.entry(*args)  # the first warm run is recorded
    (out, _err, code), how = hook.entry(*args)
    assert how == "replay"
    assert code == 1 and "app/jobs.py:7:25: SL002" in out


MANIFEST = (
    "app:\n  id: ari:cloud:ecosystem::app/1\n" "permissions:\n  scopes:\n    - read:confluence-content.all\n"
)
EDITS: list[tuple[str, Callable[[Hook], None]]] = [
    ("the file, same size", lambda h: h.write("one.py", ONE_PY.replace("acme", "acmf"))),
    ("the configuration",
     lambda h: h.write(".scopelint.toml", CONFIG.replace("read:jira-work", "read:jira-user"))),
    ("a declaration nearer the file", lambda h: h.write("app/.scopelint.toml", 'scopes = ["read:me"]\n')),
    ("a module the file imports", lambda h: h.write("app/settings.py", 'JIRA = "https://example.org/v1"\n')),
    ("a Forge manifest appears", lambda h: h.write("manifest.yml", MANIFEST)),
    ("the file is removed", lambda h: (h.project / "app/jobs.py").unlink()),
]


def test_a_run_is_never_replayed_once_something_it_read_changed(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    _linked(hook)
    hook.write(".scopelint.toml", CONFIG)
    hook.write("one.py", ONE_PY)
    args = ["check", "--force-exclude", "one.py", "app/jobs.py"]
    hook.full(*args)
    hook.entry(*args)
    before, how = hook.entry(*args)
    assert how == "replay"
    for what, edit in EDITS:
        edit(hook)
        after, how = hook.entry(*args)
        assert how == "full", what
        assert after != before, what  # each edit changes what the run says
        assert after == hook.full(*args), what
        hook.entry(*args)
        again, how = hook.entry(*args)
        assert (again, how) == (after, "full" if after[2] == 2 else "replay"), what
        before = after


def test_options_outside_the_hook_shape_run_the_full_cli(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _findings(hook)
    for extra in (["--no-cache"], ["--verbose"], ["--output", "report.txt"], ["."]):
        hook.entry(*args, *extra)
        _run, how = hook.entry(*args, *extra)
        assert how == "full", extra
    hook.env["SCOPELINT_NO_CACHE"] = "1"
    hook.entry(*args)
    assert hook.entry(*args)[1] == "full"


def test_a_corrupt_or_foreign_replay_entry_is_a_miss(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _findings(hook)
    expected = hook.full(*args)
    hook.entry(*args)
    [entry] = (tmp_path / "cache").glob("results/*/hook-*")
    whole = entry.read_bytes()
    from scopelint.cli.hook import MAGIC

    foreign = whole.replace(MAGIC.encode(), MAGIC[:-1].encode() + b"9", 1)  # another format's version
    assert foreign != whole
    for damaged in (whole[: len(whole) // 2], whole + b"x", b"\x00" * 64, foreign):
        entry.write_bytes(damaged)
        assert hook.entry(*args) == (expected, "full")
    entry.write_bytes(whole)
    assert hook.entry(*args) == (expected, "replay")


def test_an_edited_entry_or_one_that_is_not_a_regular_file_is_a_miss(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _findings(hook)
    expected = hook.full(*args)
    hook.entry(*args)
    [entry] = (tmp_path / "cache").glob("results/*/hook-*")
    whole = entry.read_bytes()
    assert b"SL002" in whole
    # the output edited by hand, same length, every stamp still right
    entry.write_bytes(whole.replace(b"SL002", b"SL009"))
    assert hook.entry(*args) == (expected, "full")
    hook.entry(*args)
    assert hook.entry(*args) == (expected, "replay")
    # a FIFO nobody writes to (would wait forever), a link to an endless device
    for make in (lambda: os.mkfifo(entry), lambda: entry.symlink_to("/dev/zero")):
        entry.unlink()
        make()
        assert hook.entry(*args) == (expected, "full")  # (and did not hang: the run's timeout)
        assert entry.is_file() and not entry.is_symlink()  # replaced by the run's own entry
        assert hook.entry(*args) == (expected, "replay")


def test_the_hook_shape_is_check_with_files_and_the_listed_options_only() -> None:
    from scopelint.cli.hook import hook_paths

    assert hook_paths(["check", "--force-exclude", "a.py", "b.sh"]) == ["a.py", "b.sh"]
    assert hook_paths(["check", "-q", "--select", "SL001", "--format=json", "a.py"]) == ["a.py"]
    assert hook_paths(["check", "--", "-odd-name.py"]) == ["-odd-name.py"]
    for refused in (["check"], ["check", "-"], ["check", "--fix", "a.py"], ["check", "-o", "r.txt", "a.py"],
                    ["check", "--since", "HEAD", "a.py"], ["check", "--select"], ["calls", "a.py"],
                    ["check", "--stdin-filename", "a.py"], ["check", "-qs", "a.py"], []):
        assert hook_paths(refused) is None, refused


def _closed_pipe() -> int:
    """The write end of a pipe whose reader has gone (``scopelint check ... | head -n 0``)."""
    read, write = os.pipe()
    os.close(read)
    return write


def test_a_run_whose_output_could_not_be_written_is_never_recorded(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _findings(hook)
    expected = hook.full(*args)
    assert expected[2] == 1 and "SL002" in expected[0]
    broken = _closed_pipe()
    try:
        (_out, err, code), how = hook.entry(*args, stdout=broken)
    finally:
        os.close(broken)
    assert (err, code, how) == ("", 0, "full")  # a reader gone: quiet, as before
    if os.path.exists("/dev/full"):  # a full disk (Linux)
        with open("/dev/full", "wb") as full_disk:
            _run, how = hook.entry(*args, stdout=full_disk.fileno())
            assert how == "full"
    # neither run left an entry saying "exit 0, no output": the next run is the full CLI,
    # and the one after replays what it says
    assert hook.entry(*args) == (expected, "full")
    assert hook.entry(*args) == (expected, "replay")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_stdout_is_one_line_and_exit_2_on_every_path(tmp_path: Path) -> None:
    hook = Hook(tmp_path)
    args = _findings(hook)
    hook.full(*args)  # (a cold run writes the result cache it read: its entry is stale)
    hook.entry(*args)
    assert hook.entry(*args)[1] == "replay"
    line = "scopelint: error: cannot write to standard output: No space left on device\n"
    with open("/dev/full", "wb") as full_disk:
        replayed, how = hook.entry(*args, stdout=full_disk.fileno())
        assert (replayed, how) == (("", line, 2), "replay")
        hook.env["SCOPELINT_NO_CACHE"] = "1"
        unrecorded, how = hook.entry(*args, stdout=full_disk.fileno())
        assert (unrecorded, how) == (("", line, 2), "full")
        assert hook.full(*args, stdout=full_disk.fileno()) == ("", line, 2)
        # what a clean run writes is only a summary line, and still has to reach its reader
        assert hook.full(*_clean(hook), stdout=full_disk.fileno()) == ("", line, 2)


def test_the_exit_code_the_full_cli_returns_is_the_one_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scopelint.cli import fast, hook_record
    from scopelint.cli.hook import decode_entry

    def returns_one(args: list[str]) -> int:
        print("one finding")
        return 1

    monkeypatch.setattr(fast, "main", returns_one)  # (the full CLI, click-free for a hook)
    # (other tests of this process may have loaded multiprocessing, the sign of workers)
    monkeypatch.setattr(hook_record, "WORKER_MODULES", ("no.such.module",))
    monkeypatch.chdir(tmp_path)
    entry = tmp_path / "hook-entry"
    with pytest.raises(SystemExit) as exited:
        hook_record.record(["check", "a.py"], str(entry), "d" * 64)
    assert exited.value.code == 1
    code, _stamps, chunks = decode_entry(entry.read_bytes(), "d" * 64)
    assert (code, chunks) == (1, [(0, b"one finding"), (0, b"\n")])
