"""Hostile PowerShell, C# and Ruby files: `scopelint check` finishes (bounded time and memory),
every warning is one line naming its file, and the calls around the hostile content are still
found (exit 1 for them, never 2, never a traceback).

One tree per module, checked once; each test asserts one thing a user would notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from robustness_helpers import SITE_URL, run_scopelint, warning_lines

DEEP = 100_000  # nesting levels
LONG = 20_000  # pieces of one `+` chain
NESTED = 2_000  # blocks or lambdas inside each other


def _calls(suffix: str, url: str) -> str:
    return {
        ".ps1": f"irm '{url}'\n",
        ".cs": f'class A {{ void M(HttpClient h) {{ h.GetAsync("{url}"); }} }}\n',
        ".rb": f"Net::HTTP.get(URI('{url}'))\n",
    }[suffix]


def build_tree(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    for suffix in (".ps1", ".cs", ".rb"):
        stem = suffix[1:]
        call = _calls(suffix, SITE_URL)
        (root / f"normal{suffix}").write_text(call)
        # larger than the 2 MiB parse limit: only the text-level checks run
        (root / f"huge{suffix}").write_text(call + "# " + "x" * (3 * 1024 * 1024) + "\n")
        (root / f"binary{suffix}").write_bytes(b"\x00\x01\x02" * 1000 + SITE_URL.encode())
        (root / f"invalid-utf8-{stem}{suffix}").write_bytes(b"# \x80\xc3\x28\xff \xfe\n" + call.encode())
        (root / f"garbage{suffix}").write_text("}{)(@{ $ ` \" ' #{ <# /* =begin " * 2000 + "\n" + call)
    (root / "deep.ps1").write_text(_calls(".ps1", SITE_URL) + "$x = " + "(" * DEEP + "1" + ")" * DEEP + "\n")
    (root / "deep.cs").write_text("class B { int x = " + "(" * DEEP + "1" + ")" * DEEP + "; }\n"
                                  + _calls(".cs", SITE_URL))
    (root / "deep.rb").write_text(_calls(".rb", SITE_URL) + "x = " + "[" * DEEP + "]" * DEEP + "\n")
    (root / "long.ps1").write_text("$u = 'https://acme.atlassian.net'" + " + 'a'" * LONG + "\n"
                                   + _calls(".ps1", SITE_URL))
    (root / "long.cs").write_text('class C { string u = "https://acme.atlassian.net"' + ' + "a"' * LONG
                                  + "; }\n" + _calls(".cs", SITE_URL))
    (root / "long.rb").write_text("u = 'https://acme.atlassian.net'" + " + 'a'" * LONG + "\n"
                                  + _calls(".rb", SITE_URL))
    (root / "nested.ps1").write_text("& { " * NESTED + _calls(".ps1", SITE_URL) + "}" * NESTED + "\n")
    (root / "nested.cs").write_text("class D { void M(HttpClient h) {" + "F(() => { " * NESTED
                                    + f'h.GetAsync("{SITE_URL}");' + " });" * NESTED + "} }\n")
    (root / "nested.rb").write_text("a { " * NESTED + _calls(".rb", SITE_URL) + "}" * NESTED + "\n")
    script = "Invoke-RestMethod -Method Delete -Uri 'https://acme.atlassian.net/rest/api/3/issue/OPS-1'\r\n"
    (root / "utf16.ps1").write_bytes(b"\xff\xfe" + script.encode("utf-16-le"))
    (root / "bom.ps1").write_bytes(b"\xef\xbb\xbf" + script.encode("utf-8"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hostile-languages") / "tree"
    build_tree(root)
    yield root


@pytest.fixture(scope="module")
def run(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> CompletedProcess[str]:
    return run_scopelint(["check", "--select", "SL001", "."], hostile, tmp_path_factory.mktemp("cache"))


def test_the_run_ends_with_exit_1_and_no_traceback(run: CompletedProcess[str]) -> None:
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    assert run.stderr.splitlines() == warning_lines(run.stderr)


@pytest.mark.parametrize("suffix", [".ps1", ".cs", ".rb"])
def test_a_file_over_the_parse_limit_gets_one_warning_and_its_url_is_still_checked(
    run: CompletedProcess[str], suffix: str
) -> None:
    about = [line for line in warning_lines(run.stderr) if f" huge{suffix}: " in line]
    assert len(about) == 1 and "only text-level checks ran" in about[0], run.stderr
    assert f"huge{suffix}:1:" in run.stdout


@pytest.mark.parametrize("suffix", [".ps1", ".cs", ".rb"])
def test_binary_files_are_skipped_silently(run: CompletedProcess[str], suffix: str) -> None:
    assert f"binary{suffix}" not in run.stdout + run.stderr


@pytest.mark.parametrize(
    "location",
    [
        "normal.ps1:1:", "normal.cs:1:", "normal.rb:1:",
        "invalid-utf8-ps1.ps1:2:", "invalid-utf8-cs.cs:2:", "invalid-utf8-rb.rb:2:",
        "garbage.ps1:2:", "garbage.cs:2:", "garbage.rb:2:",
        "deep.ps1:1:", "deep.cs:2:", "deep.rb:1:",
        "long.ps1:2:", "long.cs:2:", "long.rb:2:",
        "nested.ps1:1:", "nested.cs:1:", "nested.rb:1:",
        "utf16.ps1:1:", "bom.ps1:1:",
    ],
)
def test_calls_around_hostile_content_are_found(run: CompletedProcess[str], location: str) -> None:
    assert any(line.startswith(location) and " SL001 " in line for line in run.stdout.splitlines()), \
        (location, run.stdout[-3000:])


def test_warnings_name_their_file_once(run: CompletedProcess[str]) -> None:
    named = [line.split(": ")[2] for line in warning_lines(run.stderr)]
    assert len(named) == len(set(named)), run.stderr
