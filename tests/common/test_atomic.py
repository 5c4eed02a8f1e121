"""The one atomic write: old content or the whole new one, modes kept, nothing left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scopelint.common.atomic import TempFileError, write_atomic


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_text_and_bytes_are_written_as_given(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "line 1\r\nlïne 2\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    write_atomic(tmp_path / "c.txt", "ascii\n", encoding="ascii")
    assert (tmp_path / "a.txt").read_bytes() == "line 1\r\nlïne 2\n".encode()  # line ends kept
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert _names(tmp_path) == ["a.txt", "b.bin", "c.txt"]  # no temporary file left


def test_an_existing_file_keeps_its_mode_and_a_new_one_gets_the_umask_mode(tmp_path: Path) -> None:
    kept = tmp_path / "script.sh"
    kept.write_text("old\n")
    kept.chmod(0o751)
    write_atomic(kept, "new\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o751 and kept.read_text() == "new\n"

    umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640  # 0o666 & ~0o027


def test_missing_folders_are_an_error_unless_asked_for(tmp_path: Path) -> None:
    with pytest.raises(TempFileError):
        write_atomic(tmp_path / "missing" / "r.txt", "x")
    write_atomic(tmp_path / "made" / "deep" / "r.txt", "x", make_parents=True)
    assert (tmp_path / "made" / "deep" / "r.txt").read_text() == "x"


def test_a_symlink_is_replaced_or_followed_as_asked(tmp_path: Path) -> None:
    real = tmp_path / "real" / "config.toml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "config.toml"
    link.symlink_to(real)

    write_atomic(link, "followed\n", follow_symlinks=True)
    assert link.is_symlink() and real.read_text() == "followed\n"
    assert _names(real.parent) == ["config.toml"]  # the temporary file was next to the target

    write_atomic(link, "replaced\n")
    assert not link.is_symlink() and link.read_text() == "replaced\n"
    assert real.read_text() == "followed\n"


def test_a_failing_precondition_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "manifest.yml"
    target.write_text("old\n")
    seen: list[str] = []

    def refuse() -> None:
        seen.append(target.read_text())  # the new data is written, not yet in place
        raise RuntimeError("changed meanwhile")

    with pytest.raises(RuntimeError, match="changed meanwhile"):
        write_atomic(target, "new\n", durable=True, before_replace=refuse)
    assert seen == ["old\n"] and target.read_text() == "old\n"
    assert _names(tmp_path) == ["manifest.yml"]


def test_a_folder_that_is_a_file_is_a_temp_file_error(tmp_path: Path) -> None:
    (tmp_path / "report").write_text("a file, not a folder")
    with pytest.raises(TempFileError) as caught:
        write_atomic(tmp_path / "report" / "r.txt", "x")
    assert isinstance(caught.value, OSError) and caught.value.strerror


def test_every_write_goes_through_write_atomic() -> None:
    """No other module renames a temporary file into place (each had its own variant once)."""
    import ast

    import scopelint
    from scopelint.common import atomic

    package = Path(scopelint.__file__).resolve().parent
    calls = {("os", "replace"), ("os", "rename"), ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile")}
    others = []
    for path in sorted(package.rglob("*.py")):
        if path == Path(atomic.__file__).resolve():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in calls
            ):
                where = path.relative_to(package.parent)
                others.append(f"{where}:{node.lineno}: {node.value.id}.{node.attr}")
    assert others == [], "atomic writes outside scopelint/common/atomic.py:\n" + "\n".join(others)


def test_a_fifo_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "report\n", make_parents=True, follow_symlinks=True)
    reader.join(timeout=10)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a FIFO, not a regular file
    assert _names(tmp_path) == ["pipe"]


def test_dev_null_is_written_and_left_a_device() -> None:
    write_atomic(Path("/dev/null"), "nothing\n", make_parents=True, follow_symlinks=True, durable=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_to_a_device_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "sink"
    link.symlink_to("/dev/null")
    write_atomic(link, "x\n")  # even without follow_symlinks: a device is never replaced
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_full_device_is_an_error_and_stays_a_device() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(OSError):
        write_atomic(Path("/dev/full"), "x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
