"""`scopelint check FILE...` with a hook's options runs without click (scopelint.cli.fast), and
what it prints and its exit code are the click command's, byte for byte, on many option sets;
anything click must judge (a bad choice, an unreadable file, another option) goes to click."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scopelint.cli.check_cmd import check as check_command
from scopelint.cli.check_run import DEFAULTS
from scopelint.cli.fast import OPTIONS, parse

ONE_PY = 'import requests\n\nBASE = "https://acme.atlassian.net"\nrequests.get(BASE + "/rest/api/3/myself")\n'
CLEAN_PY = "import json\n\nprint(json.dumps({}))\n"
# a URL with an escape sequence in it: click removes ANSI codes from what is not a terminal
ESCAPED_PY = 'import requests\nrequests.post("https://acme.atlassian.net/rest/api/3/\\x1b[31missue")\n'
CONFIG = ('scopes = ["read:jira-work"]\n\n[sites]\n'
          '"acme.atlassian.net" = "11111111-2222-3333-4444-555555555555"\n')

# each run prints its stdout, stderr and exit code, and whether click was imported
PROBE = """
import json, sys
from {module} import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
sys.stderr.write("\\n@@" + json.dumps([code, "click" in sys.modules]))
"""


def run(project: Path, module: str, args: list[str], env: dict[str, str]) -> tuple[str, str, int, bool]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(module=module), *args], cwd=project,
                          env=env, capture_output=True, text=True, timeout=120)
    stderr, _, tail = done.stderr.rpartition("\n@@")
    code, click = json.loads(tail)
    return done.stdout, stderr, code, click


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "one.py").write_text(ONE_PY, encoding="utf-8")
    (root / "clean.py").write_text(CLEAN_PY, encoding="utf-8")
    (root / "escaped.py").write_text(ESCAPED_PY, encoding="utf-8")
    (root / ".scopelint.toml").write_text(CONFIG, encoding="utf-8")
    (root / "other.toml").write_text('scopes = ["write:jira-work"]\n', encoding="utf-8")
    (root / "folder").mkdir()
    return root


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCOPELINT_", "NO_COLOR", "FORCE_COLOR"))}
    env.update(SCOPELINT_CACHE_DIR=str(tmp_path / "cache"), SCOPELINT_NO_CACHE="1", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


# (command line, a run without click is expected)
CASES: list[tuple[list[str], bool]] = [
    (["check", "one.py"], True),
    (["check", "clean.py"], True),
    (["check", "one.py", "clean.py", "--format", "json"], True),
    (["check", "--output-format=sarif", "one.py"], True),
    (["check", "-q", "--statistics", "one.py"], True),
    (["check", "--show-fixes", "--exit-zero", "one.py"], True),
    (["check", "--select", "SL001", "--ignore=SL002", "one.py"], True),
    (["check", "--ignore", "SL001,SL002", "one.py"], True),
    (["check", "--select", "NOPE", "one.py"], True),  # a tool error: exit 2, one line
    (["check", "--isolated", "--scopes", "write:jira-work", "one.py"], True),
    (["check", "--config", "other.toml", "one.py"], True),
    (["check", "--config", "missing.toml", "one.py"], True),
    (["check", "--isolated", "--config", "other.toml", "one.py"], True),  # refused: exit 2
    (["check", "--exclude", "one.py", "--force-exclude", "one.py", "clean.py"], True),
    (["check", "--color", "always", "one.py"], True),
    (["check", "-s", "one.py"], True),
    (["check", "escaped.py"], True),
    (["check", "missing.py"], True),
    (["check", "folder"], True),  # a folder is a path as any other
    (["check", "--", "one.py"], True),
    (["check", "--format", "text", "--format", "grouped", "one.py"], True),  # the last wins
    # click judges these: the fast path hands them over
    (["check", "--format", "bogus", "one.py"], False),
    (["check", "--color", "sometimes", "one.py"], False),
    (["check", "--config", "folder", "one.py"], False),
    (["check", "--jobs", "1", "one.py"], False),
]


@pytest.mark.parametrize(("args", "fast"), CASES, ids=[" ".join(args) for args, _ in CASES])
def test_the_fast_path_prints_what_click_prints(project: Path, tmp_path: Path, args: list[str],
                                                fast: bool) -> None:
    env = environment(tmp_path)
    out, err, code, click_used = run(project, "scopelint.cli.fast", args, env)
    assert (out, err, code) == run(project, "scopelint.cli.main", args, env)[:3]
    assert click_used is not fast
    assert code in (0, 1, 2) and (out or err or "-s" in args)


def test_the_format_from_the_environment_and_a_bad_one(project: Path, tmp_path: Path) -> None:
    env = environment(tmp_path, SCOPELINT_OUTPUT_FORMAT="json")
    out, err, code, click_used = run(project, "scopelint.cli.fast", ["check", "one.py"], env)
    assert (out, err, code) == run(project, "scopelint.cli.main", ["check", "one.py"], env)[:3]
    assert json.loads(out) and code == 1 and not click_used
    env["SCOPELINT_OUTPUT_FORMAT"] = "yaml"
    out, err, code, click_used = run(project, "scopelint.cli.fast", ["check", "one.py"], env)
    assert (out, err, code) == run(project, "scopelint.cli.main", ["check", "one.py"], env)[:3]
    assert code == 2 and "yaml" in err and click_used


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_clicks_to_refuse(project: Path, tmp_path: Path) -> None:
    (project / "one.py").chmod(0)
    env = environment(tmp_path)
    out, err, code, click_used = run(project, "scopelint.cli.fast", ["check", "one.py"], env)
    assert (out, err, code) == run(project, "scopelint.cli.main", ["check", "one.py"], env)[:3]
    assert code == 2 and click_used


def test_an_ascii_stdout_is_clicks_to_write(project: Path, tmp_path: Path) -> None:
    env = environment(tmp_path, PYTHONIOENCODING="ascii")
    out, err, code, click_used = run(project, "scopelint.cli.fast", ["check", "one.py"], env)
    assert (out, err, code) == run(project, "scopelint.cli.main", ["check", "one.py"], env)[:3]
    assert click_used and code == 1


def test_the_defaults_are_the_click_commands() -> None:
    context = check_command.make_context("check", ["one.py"])
    expected = dict(DEFAULTS, paths=(Path("one.py"),))
    assert context.params == expected


@pytest.mark.parametrize("args", [args for args, fast in CASES if fast and "--" not in args],
                         ids=[" ".join(args) for args, fast in CASES if fast and "--" not in args])
def test_parse_gives_the_parameters_click_gives(project: Path, args: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.delenv("SCOPELINT_OUTPUT_FORMAT", raising=False)
    parsed = parse(args)
    assert parsed is not None
    assert parsed == check_command.make_context("check", args[1:]).params


def test_every_fast_option_is_the_click_option_of_that_name() -> None:
    by_option = {option: param for param in check_command.params for option in param.opts}
    for option, (name, kind) in OPTIONS.items():
        param = by_option[option]
        assert param.name == name
        assert getattr(param, "is_flag", False) == (kind == "flag")
        assert getattr(param, "multiple", False) == (kind == "many")
