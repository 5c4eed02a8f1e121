"""The progress line (issue #19): on a terminal only, after about a second, erased at the end."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from scopelint.cli import progress
from tests.cli.cli_helpers import scopelint, write_tree


def test_the_line_appears_after_the_delay_and_is_erased() -> None:
    stream = io.StringIO()
    line = progress.ProgressLine(stream, delay=0.0)
    line(5, 40)
    assert "scanned 5/40 files" in stream.getvalue()
    line.close()
    assert stream.getvalue().endswith("\r\x1b[K")

    quiet = io.StringIO()
    slow = progress.ProgressLine(quiet, delay=60.0)
    slow(5, 40)
    slow.close()
    assert quiet.getvalue() == ""  # a short run never shows it


def test_never_in_pipes_machine_formats_or_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    root.mkdir()
    write_tree(root, {"a.py": "print('x')\n"})
    monkeypatch.setattr(progress, "DELAY", 0.0)
    result = scopelint(["check", "."], root)  # CliRunner: not a terminal
    assert "scanned" not in result.stderr
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert not progress.wanted("json", False)
    assert not progress.wanted("text", True)
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted("text", False)


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
def test_a_long_run_on_a_terminal_shows_it_on_stderr(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    write_tree(root, {f"m{i}.py": "print('x')\n" for i in range(50)})
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    code = ("import scopelint.cli.progress as p, time; p.DELAY = 0.0; p.INTERVAL = 0.0\n"
            "from scopelint.cli.main import main\nmain(['check', '--no-cache', '-j', '1', '.'])\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, stdin=subprocess.DEVNULL,
                          stdout=secondary, stderr=secondary, timeout=120, check=False)
    os.close(secondary)
    shown = b""
    try:
        while chunk := os.read(primary, 65536):
            shown += chunk
    except OSError:
        pass
    os.close(primary)
    assert done.returncode == 0, shown
    assert b"scanned" in shown and b"/50 files" in shown
    assert b"All checks passed" in shown.split(b"\x1b[K")[-1]  # the line was erased before the report
