"""A grammar that cannot load (its package missing, or built for another tree-sitter) costs
only the files of its language: one one-line warning each, the text-level checks still run on
them, and every other file is checked as usual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lang_helpers import write_tree

# A run in a fresh interpreter whose grammar module is missing (None in sys.modules makes the
# import fail) or hands tree-sitter a language pointer it refuses (as a version mismatch does).
_BROKEN_GRAMMAR_RUN = """
import sys, types
module, how = sys.argv[1], sys.argv[2]
if how == "missing":
    sys.modules[module] = None
else:
    broken = types.ModuleType(module)
    broken.language = lambda: 0
    sys.modules[module] = broken
from scopelint.cli.main import main
main(["check", "--select", "SL001", "."])
"""

CASES = [
    ("tree_sitter_powershell", "a.ps1", "irm https://acme.atlassian.net/rest/api/3/myself\n",
     "a.ps1:1:13:", "PowerShell"),
    ("tree_sitter_c_sharp", "A.cs",
     'class A { void M(HttpClient h) => h.GetAsync("https://acme.atlassian.net/rest/api/3/myself"); }\n',
     "A.cs:1:", "C#"),
    ("tree_sitter_ruby", "a.rb", "Net::HTTP.get(URI('https://acme.atlassian.net/rest/api/3/myself'))\n",
     "a.rb:1:", "Ruby"),
]


@pytest.mark.parametrize("how", ["missing", "mismatched"])
@pytest.mark.parametrize(("module", "name", "text", "location", "language"), CASES,
                         ids=[case[4] for case in CASES])
def test_a_grammar_that_cannot_load_costs_only_its_files(
    tmp_path: Path, how: str, module: str, name: str, text: str, location: str, language: str
) -> None:
    write_tree(tmp_path, {name: text, "b.sh": "curl https://acme.atlassian.net/rest/api/3/myself\n"})
    run = subprocess.run([sys.executable, "-c", _BROKEN_GRAMMAR_RUN, module, how], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, SCOPELINT_CACHE_DIR=str(tmp_path / "cache")))
    assert run.returncode == 1, run.stderr
    assert any(line.startswith(location) and "SL001" in line for line in run.stdout.splitlines()), run.stdout
    assert "b.sh:1:14: SL001" in run.stdout  # at the host
    warnings = run.stderr.splitlines()
    assert len(warnings) == 1, run.stderr
    assert warnings[0].startswith(f"scopelint: warning: {name}: cannot parse {language} (")
    assert warnings[0].endswith("; only text-level checks ran")
