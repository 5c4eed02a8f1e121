"""Hostile Go, Java, Kotlin and PHP files, now that their front-ends visit the nodes of one
tree-sitter query (issue #19): the run finishes inside the hang guard, every warning is one
line naming its file, code nested past the query's depth limit is refused like C#'s or Ruby's
(tree-sitter's query cursor would slow down steeply, then silently miss nodes), and the
calls the language scanners recognise are still found around syntax errors, undecodable
bytes, garbage and 20,000 nested parentheses.

One tree, scanned once; each test asserts one thing a user would notice."""

from __future__ import annotations

import json
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from robustness_helpers import SITE_URL, run_scopelint, warning_lines

NESTED = 20_000  # closures inside closures; parentheses around one expression

CALLS = {
    ".go": f'package main\n\nimport "net/http"\n\nfunc main() {{ http.Get("{SITE_URL}") }}\n',
    ".java": "import org.springframework.web.client.RestTemplate;\n"
             f'class A {{ String m(RestTemplate rest) {{ return rest.getForObject("{SITE_URL}", '
             "String.class); } }\n",
    ".kt": f'import okhttp3.Request\nfun m() = Request.Builder().url("{SITE_URL}").get().build()\n',
    ".php": f"<?php\nuse GuzzleHttp\\Client;\n$c = new Client();\n$c->request('GET', '{SITE_URL}');\n",
}
DEEP_CLOSURES = {
    ".go": "package main\nfunc m() {" + "go func() {" * NESTED + f'http.Get("{SITE_URL}")'
           + "}()\n" * NESTED + "}\n",
    ".java": "class D { void m() { Runnable r = " + "() -> { f(" * NESTED + f'h.get("{SITE_URL}")'
             + "); }" * NESTED + "; } }\n",
    ".kt": "fun m() {" + " run {" * NESTED + f' client.get("{SITE_URL}")' + " }" * NESTED + " }\n",
    ".php": "<?php\n$f = " + "function () { return " * NESTED + f'$c->get("{SITE_URL}")'
            + "; }" * NESTED + ";\n",
}
DEEP_EXPRESSION = {  # (before, after) the parentheses
    ".go": ("var x = ", "\n"), ".java": ("class B { int x = ", "; }\n"), ".kt": ("val x = ", "\n"),
    ".php": ("$x = ", ";\n"),
}
COMMENT = {".go": "//", ".java": "//", ".kt": "//", ".php": "//"}
# the language scanner ran on them
RECOGNISED = ("normal", "broken", "garbage", "invalid-utf8", "deep-expression")
REFUSED = ("deep-closures",)


def build(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    for suffix, call in CALLS.items():
        (root / f"normal{suffix}").write_text(call)
        (root / f"empty{suffix}").write_text("")
        (root / f"broken{suffix}").write_text(call + "func ( {{ (((\n")
        (root / f"garbage{suffix}").write_text(call + "}{)(@{ $ ` \" ' #{ <# /* " * 2000 + "\n")
        (root / f"invalid-utf8{suffix}").write_bytes(call.encode() + b"// \x80\xc3\x28\xff \xfe\n")
        (root / f"binary{suffix}").write_bytes(b"\x00\x01\x02" * 1000 + SITE_URL.encode())
        # one line of 5 MB: over the 2 MiB parse limit, so only the text-level checks run
        (root / f"huge{suffix}").write_text(call + COMMENT[suffix] + " " + "x" * (5 * 1024 * 1024) + "\n")
        (root / f"deep-closures{suffix}").write_text(DEEP_CLOSURES[suffix])
        before, after = DEEP_EXPRESSION[suffix]
        (root / f"deep-expression{suffix}").write_text(
            call + before + "(" * NESTED + "1" + ")" * NESTED + after)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[CompletedProcess[str], CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile-query-languages") / "tree"
    build(root)
    cache = tmp_path_factory.mktemp("cache")
    check = run_scopelint(["check", "--no-cache", "--format", "json", "--select", "SL001", "."],
                          root, cache)
    calls = run_scopelint(["calls", "--format", "json", "."], root, cache)
    return check, calls


def _calls(run: CompletedProcess[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run.stdout)
    return found


def test_no_traceback_and_findings_exit_1(runs: tuple[CompletedProcess[str], ...]) -> None:
    for run in runs:
        assert "Traceback" not in run.stderr
    assert runs[0].returncode == 1, runs[0].stderr
    assert runs[1].returncode == 0, runs[1].stderr


def test_every_warning_is_one_line_naming_its_file(runs: tuple[CompletedProcess[str], ...]) -> None:
    names = {f"{stem}{suffix}" for suffix in CALLS for stem in
             (*RECOGNISED, "empty", "binary", "huge", *REFUSED)}
    for line in warning_lines(runs[0].stderr):
        assert any(line.startswith(f"scopelint: warning: {name}: ") for name in names), line


def test_code_nested_past_the_limit_is_refused_with_one_warning(
    runs: tuple[CompletedProcess[str], ...],
) -> None:
    lines = warning_lines(runs[0].stderr)
    for suffix in CALLS:
        for stem in REFUSED:
            name = f"{stem}{suffix}"
            about = [line for line in lines if line.startswith(f"scopelint: warning: {name}: ")]
            assert about == [f"scopelint: warning: {name}: too deeply nested to scan; "
                             "only text-level checks ran"], runs[0].stderr


def test_the_language_scanners_still_recognise_the_calls(
    runs: tuple[CompletedProcess[str], ...],
) -> None:
    recognised = {call["path"] for call in _calls(runs[1]) if call["via"]}
    expected = {f"{stem}{suffix}" for suffix in CALLS for stem in RECOGNISED}
    assert recognised == expected


def test_the_text_level_checks_ran_on_every_file_with_the_url(
    runs: tuple[CompletedProcess[str], ...],
) -> None:
    found = {finding["path"] for finding in json.loads(runs[0].stdout)["findings"]}
    expected = {f"{stem}{suffix}" for suffix in CALLS
                for stem in (*RECOGNISED, "huge", *REFUSED)}
    assert found >= expected
    assert not any(path.startswith("empty") for path in found)
