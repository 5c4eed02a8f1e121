"""The options ruff, eslint and semgrep users look for (issue #18, "What users look for"):
--output-format and SCOPELINT_OUTPUT_FORMAT, --statistics, --show-fixes, --color with
NO_COLOR/FORCE_COLOR, -v, --silent, --stdin-filename, --config by suffix,
--exit-non-zero-on-fix, the grouped format and `scopelint completion`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

SITE_CALL = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/issue/PPT-1")\n'
PROJECT = {
    ".scopelint.toml": 'scopes = ["read:jira-user"]\n',
    "sync.py": SITE_CALL,
    "report.py": SITE_CALL + 'requests.get("https://acme.atlassian.net/rest/api/3/project/PPT")\n',
}  # SL001 x3, SL002 x3 (read:jira-work, a safe fix), SL003 (read:jira-user, an unsafe fix)
SCOPELINT = Path(sys.executable).parent / "scopelint"


def run(root: Path, args: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    with chdir(root):
        return CliRunner(env=env).invoke(cli, args, input=stdin, catch_exceptions=False)


# --------------------------------------------------------------------------- formats


def test_output_format_is_an_alias_of_format_and_an_environment_variable(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    by_format = run(root, ["check", "--format", "json"]).stdout
    by_alias = run(root, ["check", "--output-format", "json"]).stdout
    by_env = run(root, ["check"], env={"SCOPELINT_OUTPUT_FORMAT": "json"}).stdout
    option_wins = run(root, ["check", "--format", "text"], env={"SCOPELINT_OUTPUT_FORMAT": "json"})

    assert json.loads(by_format) == json.loads(by_alias) == json.loads(by_env)
    assert option_wins.stdout.startswith(".scopelint.toml:1:1: SL003")
    assert "SCOPELINT_OUTPUT_FORMAT" in run(root, ["check", "--help"]).stdout


def test_grouped_format_puts_findings_under_their_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    lines = run(root, ["check", "--output-format", "grouped"]).stdout.splitlines()

    assert lines[0] == ".scopelint.toml:"
    assert lines[1].startswith("  1:1 SL003 [unused-scopes] read:jira-user")
    report = lines.index("report.py:")
    assert lines[report + 1].startswith("  2:14 SL002 [missing-scopes]")
    assert lines[report + 2].startswith("  2:23 SL001 [hardcoded-site-url]")  # at the host
    assert lines[report - 1] == ""  # a blank line between files
    assert lines[-1].startswith("Found 7 problems (6 errors, 1 warning) in 3 files, 3 scanned; "
                                "3 calls resolved, 0 unresolved.")


def test_statistics(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    text = run(root, ["check", "--statistics"])
    data = json.loads(run(root, ["check", "--statistics", "--format", "json"]).stdout)
    sarif = run(root, ["check", "--statistics", "--format", "sarif"])

    assert text.exit_code == 1
    assert text.stdout.splitlines()[:3] == [
        "3  SL001      hardcoded-site-url",
        "3  SL002  [*] missing-scopes",
        "1  SL003  [-] unused-scopes",
    ]
    assert text.stdout.splitlines()[-1].startswith("Found 7 problems")
    assert data == [
        {"code": "SL001", "name": "hardcoded-site-url", "count": 3, "fixable": None},
        {"code": "SL002", "name": "missing-scopes", "count": 3, "fixable": "safe"},
        {"code": "SL003", "name": "unused-scopes", "count": 1, "fixable": "unsafe"},
    ]
    assert sarif.exit_code == 2 and "--statistics" in sarif.stderr


def test_show_fixes(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    available = run(root, ["check", "--show-fixes"]).stdout
    applied = run(root, ["check", "--fix", "--show-fixes"]).stdout

    assert "Fixable (4 findings):" in available
    unsafe = "  .scopelint.toml:1:1: SL003 remove read:jira-user from .scopelint.toml"
    unsafe += " (unsafe: --unsafe-fixes)"
    assert unsafe in available
    assert "  sync.py:2:14: SL002 add read:jira-work to .scopelint.toml (safe)" in available
    assert "Fixed (3 findings):" in applied
    assert "report.py:2:14: SL002 add read:jira-work to .scopelint.toml (safe)" in applied


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    files = {".scopelint.toml": 'scopes = ["read:jira-user"]\n',
             "me.py": 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/a/rest/api/3/issue/X-1")\n'}

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = run(write_tree(tmp_path / "a", files), ["check", "--fix", "--unsafe-fixes"])
    strict = run(write_tree(tmp_path / "b", files),
                 ["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix"])
    nothing = run(tmp_path / "b", ["check", "--fix", "--exit-non-zero-on-fix"])

    assert plain.exit_code == 0 and strict.exit_code == 1
    assert "All checks passed" in strict.stdout
    assert nothing.exit_code == 0  # nothing left to change
    assert run(tmp_path / "b", ["check", "--exit-non-zero-on-fix"]).exit_code == 2


# --------------------------------------------------------------------------- colour


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # not a terminal
        (["--color", "always"], {}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--format", "json", "--color", "always"], {}, False),  # machine formats: never
    ],
)
def test_colour(args: list[str], env: dict[str, str], coloured: bool, tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    out = run(root, ["check", *args], env={"NO_COLOR": "", "FORCE_COLOR": "", **env}).stdout

    assert ("\x1b[" in out) is coloured
    if coloured:
        assert "\x1b[1m\x1b[31mSL001\x1b[0m" in out  # errors in red


def test_colour_on_a_real_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    if not SCOPELINT.exists() or sys.platform == "win32":
        pytest.skip("needs the console script and a pseudo-terminal")
    import pty

    root = write_tree(tmp_path, PROJECT)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"TERM": "xterm"}
    piped = subprocess.run([str(SCOPELINT), "check"], cwd=root, env=env, capture_output=True, text=True)
    main, replica = pty.openpty()
    with subprocess.Popen([str(SCOPELINT), "check"], cwd=root, env=env, stdout=replica,
                          stderr=subprocess.DEVNULL) as proc:
        os.close(replica)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(main)

    assert "\x1b[" not in piped.stdout
    assert b"\x1b[31m" in b"".join(chunks)


# --------------------------------------------------------------------------- verbosity


def test_verbose_says_config_table_cache_and_counts(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    root = write_tree(tmp_path / "project", PROJECT)
    cache = tmp_path / "cache"
    env = {"SCOPELINT_CACHE_DIR": str(cache)}

    first = run(root, ["check", "-v"], env=env).stderr.splitlines()
    second = run(root, ["check", "--verbose"], env=env).stderr.splitlines()

    assert f"scopelint: configuration: {root / '.scopelint.toml'} (found)" in first
    assert f"scopelint: cache: {cache} (configuration validation miss: validated now)" in first
    assert f"scopelint: cache: {cache} (configuration validation hit: validated before)" in second
    assert any(line.startswith("scopelint: table: ") and "table.json" in line for line in second)
    assert any(line.startswith("scopelint: checked 3 files (3 calls) in ") for line in second)
    isolated = run(root, ["check", "-v", "--isolated"], env=env).stderr
    assert "scopelint: configuration: none read (--isolated)" in isolated


def test_silent_prints_nothing_but_keeps_the_exit_code(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PROJECT, "broken.py": "def f(:\n"})

    silent = run(root, ["check", "--silent"])
    error = run(root, ["check", "--silent", "missing.py"])

    assert (silent.exit_code, silent.stdout, silent.stderr) == (1, "", "")
    assert error.exit_code == 2 and error.stderr.startswith("scopelint: error: ")


# --------------------------------------------------------------------------- standard input


def test_stdin_filename_checks_the_buffer_as_that_file(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": '[per-path-ignores]\n"legacy/**" = ["SL001"]\n',
            "tools/.scopelint.toml": 'scopes = ["read:jira-user"]\n',
            "tools/sync.py": "print('the saved file has no call')\n",
        },
    )
    buffer = 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/a/rest/api/3/issue/X-1")\n'

    unsaved = run(root, ["check", "--format", "json", "--stdin-filename", "tools/sync.py", "-"], stdin=buffer)
    implied = run(root, ["check", "--format", "json", "--stdin-filename", "tools/sync.py"], stdin=buffer)
    legacy = run(root, ["check", "--format", "json", "--stdin-filename", "legacy/old.py"], stdin=SITE_CALL)

    found = json.loads(unsaved.stdout)["findings"]
    assert [(f["code"], f["path"], f["line"]) for f in found] == [("SL002", "tools/sync.py", 2)]
    assert "tools/.scopelint.toml" in found[0]["message"]  # the declaration that governs that path
    assert json.loads(implied.stdout)["findings"] == found
    assert json.loads(legacy.stdout)["findings"] == []  # per-path-ignores apply to the name
    assert json.loads(legacy.stdout)["summary"]["files"] == 1


def test_stdin_is_never_fixed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, PROJECT)

    result = run(root, ["check", "--fix", "--stdin-filename", "sync.py"], stdin=SITE_CALL)

    assert result.exit_code == 2 and "standard input" in result.stderr


# --------------------------------------------------------------------------- --config


@pytest.mark.parametrize("name", ["ci/strict.json", "ci/strict.cfg", "ci/strict"])
def test_config_must_be_toml_or_yaml_by_suffix(name: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, {name: '{"select": ["SL004"]}\n', "a.py": SITE_CALL})

    result = scopelint(["check", "--config", name], root)

    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert name in result.stderr and ".toml" in result.stderr and ".yaml" in result.stderr


@pytest.mark.parametrize(("name", "text"), [("ci/strict.yml", "select: [SL003]\n"),
                                            ("ci/strict.YAML", "select: [SL003]\n"),
                                            ("ci/strict.toml", 'select = ["SL003"]\n')])
def test_config_reads_toml_and_yaml(name: str, text: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PROJECT, name: text})

    data = json.loads(scopelint(["check", "--format", "json", "--config", name], root).stdout)

    assert {f["code"] for f in data["findings"]} == {"SL003"}


# --------------------------------------------------------------------------- completion


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str, tmp_path: Path) -> None:
    result = scopelint(["completion", shell], tmp_path)

    assert result.exit_code == 0
    assert "_SCOPELINT_COMPLETE" in result.stdout


def test_completion_completes_commands_options_and_rules(tmp_path: Path) -> None:
    if not SCOPELINT.exists():
        pytest.skip(f"no console script at {SCOPELINT}")

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_SCOPELINT_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1)}
        out = subprocess.run([str(SCOPELINT)], env=env, capture_output=True, text=True, cwd=tmp_path).stdout
        return [line.split(",", 1)[1] for line in out.splitlines()]

    assert complete("scopelint comp") == ["completion"]
    assert complete("scopelint check --output-f") == ["--output-format"]
    assert complete("scopelint check --select unused") == [
        "unused-scopes", "unused-suppression", "unused-forge-permission"]


# --------------------------------------------------------------------------- documented


NEW_OPTIONS = [
    "--statistics", "--show-fixes", "--output-format", "SCOPELINT_OUTPUT_FORMAT", "--color", "--verbose",
    "--silent", "--stdin-filename", "--config", "--exit-non-zero-on-fix", "grouped", "--force-exclude",
    "--isolated", "--add-suppressions", "--quiet", "--unsafe-fixes", "--diff", "--sarif-output",
]


def test_every_new_option_is_in_help_and_in_the_readme(tmp_path: Path) -> None:
    helped = scopelint(["check", "--help"], tmp_path).stdout
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

    for option in NEW_OPTIONS:
        assert option in helped, option
        assert option in readme, option
    for word in ("NO_COLOR", "FORCE_COLOR", "scopelint completion bash", "fetch-depth: 0"):
        assert word in readme, word
    assert "completion" in scopelint(["--help"], tmp_path).stdout
