"""A tree full of hostile files: `scopelint check` must finish, warn in one line per skipped
file, keep checking the rest, and exit 1 for the one real finding (never 2: exit 2 is for
the user's own arguments and configuration).

The tree is built once per module and checked once per output format; each test asserts
one thing a user would notice.  Bounded time is the child process's timeout (a hang guard),
bounded memory its address-space limit (see robustness_helpers).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from robustness_helpers import SITE_URL, run_scopelint, warning_lines

IS_ROOT = os.geteuid() == 0  # chmod 000 does not stop root (CI runs tests as root)
HUGE_LINE_BYTES = 50 * 1024 * 1024
MARKER = "yaml-tag-ran"  # a file a YAML tag would create if it were ever constructed

# An alias bomb ("billion laughs"): 9 levels of 9 aliases each, 9**9 strings once expanded.
ALIAS_BOMB = 'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def yaml_tags(marker: Path) -> str:
    command = f"['touch {marker}']"
    return (
        f"a: !!python/object/apply:os.system {command}\n"
        f"b: !!python/object/new:subprocess.Popen [[touch, {marker}]]\n"
        "c: !!python/name:os.system\n"
        "d: !custom {x: 1}\n"
    )


@pytest.fixture(scope="session")
def huge_line_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB single line (a bundled file), written once per session."""
    path = tmp_path_factory.mktemp("huge") / "bundle.js"
    with path.open("wb") as handle:
        handle.write(f"var u='{SITE_URL}';".encode())
        chunk = b"x=1;" * (1024 * 1024 // 4)
        for _ in range(HUGE_LINE_BYTES // len(chunk)):
            handle.write(chunk)
    return path


def _place(big: Path, target: Path) -> None:
    try:
        os.link(big, target)  # no 50 MB copy per tree
    except OSError:
        shutil.copyfile(big, target)


def build_tree(root: Path, outside: Path, huge: Path) -> None:
    (root / ".git").mkdir(parents=True)
    rng = random.Random(20240601)
    (root / "normal.sh").write_text(f"curl {SITE_URL}\n")

    # Bytes that are not what they seem.
    (root / "random.bin").write_bytes(bytes(rng.getrandbits(8) for _ in range(256 * 1024)))
    (root / "invalid-utf8.py").write_bytes(
        b"# caf\xc3\x28 \xff\xfe\x80\nimport requests\nrequests.get('" + SITE_URL.encode() + b"')\n"
    )
    (root / "utf16-bom.py").write_bytes(
        f"import requests\nrequests.get('{SITE_URL}')\n".encode("utf-16")
    )
    (root / "empty.py").write_bytes(b"")
    (root / "empty-dir").mkdir()
    _place(huge, root / "bundle.js")
    (root / "app.min.js").write_text(
        "!function(){"
        + ";".join(
            f"var r{i}=fetch('https://acme.atlassian.net/rest/api/3/issue/'+k{i},{{method:'PUT'}})"
            for i in range(8000)
        )
        + "}();"
    )

    # Nesting and YAML tricks, each file holding a URL so the parsers really run.
    (root / "deep.json").write_text(
        f'{{"url": "{SITE_URL}", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    (root / "deep-block.yaml").write_text(
        f"url: {SITE_URL}\n" + "".join(" " * i + f"k{i}:\n" for i in range(1500)) + " " * 1500 + "v: 1\n"
    )
    (root / "deep-flow.yaml").write_text(f"url: {SITE_URL}\ndeep: " + "[" * 100_000 + "]" * 100_000 + "\n")
    (root / "deep.py").write_text(f"URL = '{SITE_URL}'\nx = {'(' * 100_000}{')' * 100_000}\n")
    (root / "bomb.yaml").write_text(f"url: {SITE_URL}\n{ALIAS_BOMB}")
    workflows = root / ".github" / "workflows"
    workflows.mkdir(parents=True)
    job = f"jobs: {{a: {{steps: [{{run: curl {SITE_URL}}}]}}}}\n"
    (workflows / "bomb.yml").write_text(f"on: push\n{ALIAS_BOMB}{job}")
    (root / "bomb-app").mkdir()
    (root / "bomb-app" / "manifest.yml").write_text(f"app: {{id: x}}\n{ALIAS_BOMB}")
    (root / "tags.yaml").write_text(f"url: {SITE_URL}\n" + yaml_tags(root / MARKER))
    (root / "tags-app").mkdir()
    (root / "tags-app" / "manifest.yml").write_text(
        "app: {id: x}\npermissions:\n  scopes: !!python/object/apply:os.system "
        f"['touch {root / MARKER}']\n"
    )
    (workflows / "tags.yml").write_text(yaml_tags(root / MARKER) + job)

    # ruamel warns about these in several lines (a Python warning, a quoted value)
    (root / "dup-anchor.yaml").write_text(f"url: {SITE_URL}\na: &x 1\nb: &x 2\nc: *x\n")
    (root / "dup-key-app").mkdir()
    (root / "dup-key-app" / "manifest.yml").write_text("app:\n  id: x\nrun: |\n  id: x\nrun: |\n")
    (root / "tags-config").mkdir()
    (root / "tags-config" / ".scopelint.yaml").write_text(yaml_tags(root / MARKER))

    # Code that would leave a mark if anything in the tree were ever run or imported.
    ran = root / "ran"
    python_payload = f"open({str(ran)!r} + '-python', 'w').close()\nURL = '{SITE_URL}'\n"
    for name in ("evil.py", "conftest.py", "setup.py", "sitecustomize.py", "__init__.py"):
        (root / name).write_text(python_payload)
    (root / "evil.js").write_text(
        f"require('fs').writeFileSync('{ran}-js', '');\nfetch('{SITE_URL}');\n"
    )
    (root / "evil.sh").write_text(f"touch {ran}-sh\ncurl {SITE_URL}\n")
    (root / "Makefile").write_text(f"X := $(shell touch {ran}-make)\nall:\n\tcurl {SITE_URL}\n")
    (root / ".env").write_text(f"X=$(touch {ran}-env)\nJIRA_URL={SITE_URL}\n")

    # A Forge app whose manifest declares `scopes` as a string, not a list.
    (root / "forge").mkdir()
    (root / "forge" / "manifest.yml").write_text("app:\n  id: x\npermissions:\n  scopes: read:jira-work\n")
    (root / "forge" / "index.js").write_text(
        "import api, { route } from '@forge/api';\n"
        "await api.asApp().requestJira(route`/rest/api/3/myself`);\n"
        f"await fetch('{SITE_URL}');\n"
    )
    # A sub-project's broken configuration is a file in the tree, not the user's config.
    (root / "sub").mkdir()
    (root / "sub" / ".scopelint.toml").write_text("scopes = [\n")
    (root / "sub" / ".gitignore").write_text("!\n[z-a]\n*.tmp\n")

    # Links, special files and permissions.
    loop = root / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(".")
    (loop / "a").symlink_to("b")
    (loop / "b").symlink_to("a")
    (root / "escape").symlink_to(outside)
    (root / "escape.sh").symlink_to(outside / "leak.sh")
    os.mkfifo(root / "fifo.sh")
    (root / "fifo-dir").mkdir()
    os.mkfifo(root / "fifo-dir" / ".gitignore")
    (root / "unreadable.sh").write_text(f"curl -X DELETE {SITE_URL}\n")
    (root / "unreadable.sh").chmod(0)
    (root / "locked").mkdir()
    (root / "locked" / "inside.sh").write_text(f"curl {SITE_URL}\n")
    (root / "locked").chmod(0)
    # A file name that would break lines or drive the terminal if printed raw.
    (root / "evil\nname\x1b[31m.sh").write_text(f"curl {SITE_URL}\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, huge_line_file: Path) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    outside.mkdir()
    (outside / "leak.sh").write_text("curl https://outside-the-tree.atlassian.net/rest/api/3/myself\n")
    root = base / "tree"
    build_tree(root, outside, huge_line_file)
    yield root
    for folder in (root / "locked",):
        folder.chmod(stat.S_IRWXU)
    (root / "unreadable.sh").chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("empty-cache")


@pytest.fixture(scope="module")
def text_run(hostile: Path, cache_dir: Path) -> CompletedProcess[str]:
    return run_scopelint(["check", "."], hostile, cache_dir)


@pytest.fixture(scope="module")
def json_run(hostile: Path, cache_dir: Path) -> CompletedProcess[str]:
    return run_scopelint(["check", "--format", "json", "."], hostile, cache_dir)


def finding_lines(run: CompletedProcess[str]) -> list[str]:
    return [line for line in run.stdout.splitlines() if ": SL0" in line]


def test_the_run_ends_with_exit_1_and_no_traceback(text_run: CompletedProcess[str]) -> None:
    assert text_run.returncode == 1, text_run.stderr
    assert "Traceback" not in text_run.stderr
    assert "internal error" not in text_run.stderr  # an extractor that crashed
    assert "error:" not in text_run.stderr


def test_every_stderr_line_is_a_one_line_warning(text_run: CompletedProcess[str]) -> None:
    lines = text_run.stderr.splitlines()
    assert lines == warning_lines(text_run.stderr)
    assert all(line.isprintable() for line in lines)


def test_the_real_finding_is_reported(text_run: CompletedProcess[str]) -> None:
    assert any(line.startswith("normal.sh:1:14: SL001 ") for line in finding_lines(text_run))


@pytest.mark.parametrize(
    ("path", "warning"),
    [
        ("bundle.js", "larger than 2 MiB; only text-level checks ran"),
        ("deep.json", "too deeply nested"),
        ("deep-block.yaml", "too deeply nested"),
        ("deep-flow.yaml", "too deeply nested"),
        ("deep.py", "not valid Python"),
        ("sub/.gitignore", "invalid patterns ignored (line 1, 2)"),
    ],
)
def test_a_skipped_or_half_read_file_gets_one_warning(
    text_run: CompletedProcess[str], path: str, warning: str
) -> None:
    about = [line for line in warning_lines(text_run.stderr) if f" {path}: " in line]
    assert len(about) == 1, text_run.stderr
    assert warning in about[0]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("forge/manifest.yml", "permissions.scopes is not a list of strings"),
        ("sub/.scopelint.toml", "invalid TOML"),
        ("dup-key-app/manifest.yml", 'found duplicate key "run"'),
    ],
)
def test_a_declaration_that_cannot_be_read_is_one_finding(
    text_run: CompletedProcess[str], path: str, reason: str
) -> None:
    """Not a warning then "All checks passed": the scopes it declares go unchecked (SL011)."""
    about = [line for line in finding_lines(text_run) if line.startswith(f"{path}:")]
    assert len(about) == 1, text_run.stdout
    assert " SL011 [unreadable-declaration] " in about[0] and reason in about[0]
    assert not [line for line in warning_lines(text_run.stderr) if f" {path}: " in line]


@pytest.mark.parametrize(
    "location",
    [
        "invalid-utf8.py:3:23",  # undecodable bytes are replaced, the rest is read
        "utf16-bom.py:2:23",
        "bundle.js:1:16",  # text-level checks still run on a 50 MB line
        "bomb.yaml:1:14",  # an alias bomb is walked once per node, not expanded
        ".github/workflows/bomb.yml:",
        "tags.yaml:1:14",
        "dup-anchor.yaml:1:14",
        "forge/index.js:3:",  # calls of an app with a broken manifest are still checked
    ],
)
def test_files_around_hostile_content_are_still_checked(
    text_run: CompletedProcess[str], location: str
) -> None:
    assert any(line.startswith(location) for line in finding_lines(text_run)), location


def test_minified_javascript_is_read_call_by_call(text_run: CompletedProcess[str]) -> None:
    calls = [line for line in finding_lines(text_run) if line.startswith("app.min.js:1:")]
    assert len({line.split(": ")[0] for line in calls}) == 8000  # one location per call


def test_yaml_tags_construct_nothing(text_run: CompletedProcess[str], hostile: Path) -> None:
    assert not (hostile / MARKER).exists()
    assert "tags-config/.scopelint.yaml" not in text_run.stderr  # tags are data, not errors


def test_nothing_in_the_tree_is_run_or_imported(text_run: CompletedProcess[str], hostile: Path) -> None:
    assert sorted(p.name for p in hostile.iterdir() if p.name.startswith("ran-")) == []
    for name in ("evil.py", "conftest.py", "setup.py", "sitecustomize.py", "__init__.py", "evil.js",
                 "evil.sh", "Makefile"):
        assert any(line.startswith(f"{name}:") for line in finding_lines(text_run)), name


def test_links_out_of_the_tree_and_loops_are_not_followed(text_run: CompletedProcess[str]) -> None:
    assert "outside-the-tree" not in text_run.stdout
    assert "escape" not in text_run.stdout + text_run.stderr
    assert "loop/" not in text_run.stdout + text_run.stderr


def test_fifos_are_never_opened(text_run: CompletedProcess[str]) -> None:
    # Opening fifo.sh or fifo-dir/.gitignore would have blocked until the hang guard fired.
    assert "fifo" not in text_run.stdout


def test_a_file_name_cannot_break_lines_or_drive_the_terminal(text_run: CompletedProcess[str]) -> None:
    escaped = "evil\\x0aname\\x1b[31m.sh:1:14: SL001"
    assert any(line.startswith(escaped) for line in text_run.stdout.splitlines())
    assert "\x1b" not in text_run.stdout


def test_unreadable_file_and_folder(text_run: CompletedProcess[str]) -> None:
    warnings = warning_lines(text_run.stderr)
    if IS_ROOT:  # permissions do not stop root: both are simply read
        assert any(line.startswith("unreadable.sh:1:") for line in finding_lines(text_run))
        assert any(line.startswith("locked/inside.sh:1:") for line in finding_lines(text_run))
        return
    assert any(line.endswith("unreadable.sh: cannot read (Permission denied); skipped") for line in warnings)
    assert any(line.endswith("locked: cannot list (Permission denied); skipped") for line in warnings)


def test_json_report_of_the_hostile_tree_is_valid(json_run: CompletedProcess[str]) -> None:
    assert json_run.returncode == 1, json_run.stderr
    report = json.loads(json_run.stdout)
    paths = {finding["path"] for finding in report["findings"]}
    assert "normal.sh" in paths
    assert "evil\nname\x1b[31m.sh" in paths  # JSON carries the real name, escaped by JSON


# ----------------------------------------------------------------- files named explicitly


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("fifo.sh", "fifo.sh: not a regular file; skipped"),
        ("random.bin", "random.bin: binary file; skipped"),
    ],
)
def test_named_special_or_binary_file_is_skipped_with_a_warning(
    hostile: Path, cache_dir: Path, name: str, warning: str
) -> None:
    run = run_scopelint(["check", name], hostile, cache_dir)
    assert run.returncode == 0, run.stderr
    assert warning_lines(run.stderr) == [f"scopelint: warning: {warning}"]


def test_named_empty_file_is_clean(hostile: Path, cache_dir: Path) -> None:
    run = run_scopelint(["check", "empty.py", "empty-dir"], hostile, cache_dir)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


def test_named_symlink_loop_is_the_users_argument_one_line_exit_2(hostile: Path, cache_dir: Path) -> None:
    run = run_scopelint(["check", "loop/a"], hostile, cache_dir)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "scopelint: error: loop/a: cannot read (Too many levels of symbolic links)"
    ]


def test_explicit_fifo_next_to_a_real_file(hostile: Path, cache_dir: Path) -> None:
    run = run_scopelint(["check", "fifo.sh", "normal.sh"], hostile, cache_dir)
    assert run.returncode == 1
    assert "normal.sh:1:14: SL001" in run.stdout


def test_permission_denied_is_one_warning_each_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a non-root user sees for chmod 000 (simulated, so it runs as root in CI too)."""
    import builtins
    import errno

    from click.testing import CliRunner

    import scopelint.scanning.scan as scan_module
    from scopelint.cli.main import cli

    (tmp_path / ".git").mkdir()
    (tmp_path / "normal.sh").write_text(f"curl {SITE_URL}\n")
    (tmp_path / "unreadable.sh").write_text(f"curl {SITE_URL}\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.sh").write_text(f"curl {SITE_URL}\n")
    denied = {tmp_path / "unreadable.sh", tmp_path / "locked"}
    real_open, real_scandir = builtins.open, os.scandir

    def guarded_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def guarded_scandir(path: Any = ".") -> Any:
        if Path(path) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(scan_module, "open", guarded_open, raising=False)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "."])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "scopelint: warning: locked: cannot list (Permission denied); skipped",
        "scopelint: warning: unreadable.sh: cannot read (Permission denied); skipped",
    ]
    assert "normal.sh:1:14: SL001" in result.stdout
