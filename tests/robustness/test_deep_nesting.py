"""C#, PowerShell and Ruby nested 50,000 deep (lambdas, script blocks, do/end blocks): each
file is refused with one warning naming it ("too deeply nested to scan"), counted as skipped,
not as checked, and the run ends inside the hang guard (it took minutes, then passed
silently).  The text-level checks still run on the refused files."""

from __future__ import annotations

import json
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from robustness_helpers import SITE_URL, run_scopelint, warning_lines

DEEP = 50_000
REFUSED = ("lambdas.cs", "blocks.ps1", "blocks.rb")


def build(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    (root / "lambdas.cs").write_text(
        "class D { void M(HttpClient h) {" + "F(() => { " * DEEP + f'h.GetAsync("{SITE_URL}");'
        + " });" * DEEP + "} }\n")
    (root / "blocks.ps1").write_text("& { " * DEEP + f"irm '{SITE_URL}'\n" + "}" * DEEP + "\n")
    (root / "blocks.rb").write_text("a do\n" * DEEP + f"Net::HTTP.get(URI('{SITE_URL}'))\n" + "end\n" * DEEP)
    (root / "client.rb").write_text(f"Net::HTTP.get(URI('{SITE_URL}'))\n")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> CompletedProcess[str]:
    root = tmp_path_factory.mktemp("deep-nesting") / "tree"
    build(root)
    return run_scopelint(["check", "--format", "json", "--select", "SL001", "."], root,
                         tmp_path_factory.mktemp("cache"))


def test_each_refused_file_gets_one_warning(run: CompletedProcess[str]) -> None:
    assert "Traceback" not in run.stderr
    for name in REFUSED:
        about = [line for line in warning_lines(run.stderr) if f" {name}: " in line]
        assert about == [f"scopelint: warning: {name}: too deeply nested to scan; "
                         "only text-level checks ran"], run.stderr


def test_refused_files_count_as_skipped_not_checked(run: CompletedProcess[str]) -> None:
    summary = json.loads(run.stdout)["summary"]
    assert summary["files"] == 1  # client.rb
    assert summary["files_skipped"] == 3


def test_the_text_level_checks_still_ran_and_the_normal_file_was_checked(
    run: CompletedProcess[str],
) -> None:
    assert run.returncode == 1
    found = {(f["path"], f["line"]) for f in json.loads(run.stdout)["findings"]}
    assert found == {("client.rb", 1), ("lambdas.cs", 1), ("blocks.ps1", 1), ("blocks.rb", DEEP + 1)}


def test_the_depth_check_stops_at_its_limit() -> None:
    from scopelint.scanning.core import treesitter
    from scopelint.scanning.languages.ruby import extractor

    shallow = treesitter.parse(extractor.GRAMMAR, b"a do\n" * 10 + b"end\n" * 10).root_node
    deep = treesitter.parse(extractor.GRAMMAR, b"a do\n" * 100 + b"end\n" * 100).root_node
    assert not treesitter.deeper_than(shallow, 50)
    assert treesitter.deeper_than(deep, 50)
    assert not treesitter.deeper_than(deep)  # 100 blocks are ordinary code
