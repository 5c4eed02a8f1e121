"""A pre-commit run on one Python file imports only what it needs: no tree-sitter (no grammar
of any language: JavaScript, bash, Go, Java, Kotlin, PHP), no jsonschema, no other language
package nor the shared model those use (measured in a fresh interpreter, as the hook runs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from scopelint.cli.main import main
try:
    main(["check", "one.py"])
except SystemExit:
    pass
sdk = sys.modules.get("scopelint.kb.sdk")
print(json.dumps(sdk._load_table.cache_info().currsize if sdk else 0))
print(json.dumps(sorted(sys.modules)))
"""

FORBIDDEN_PREFIXES = (
    "tree_sitter",
    "jsonschema",
    "scopelint.scanning.languages.javascript",
    "scopelint.scanning.languages.shell",
    "scopelint.scanning.languages.powershell",
    "scopelint.scanning.languages.csharp",
    "scopelint.scanning.languages.ruby",
    "scopelint.scanning.languages.go",
    "scopelint.scanning.languages.jvm",
    "scopelint.scanning.languages.php",
    "scopelint.scanning.core.frontend",
    "scopelint.scanning.core.recognise",
    "scopelint.scanning.core.values",
    "scopelint.scanning.core.ir",
    "scopelint.scanning.core.treesitter",
    "scopelint.scanning.formats.ci_yaml",
    "ruamel",
    # no SDK is imported by the file: no SDK table, no version detection
    "scopelint.kb.sdk",
    "scopelint.scanning.dependencies",
    "scopelint.scanning.languages.python.sdk",
)


def run_probe(project: Path, cache: Path, scan: bool = True) -> tuple[str, list[str]]:
    """The report and the modules a run imported; ``scan``: the file is scanned (the result
    cache is off), else the run may take the scan from the result cache."""
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(cache))
    env.pop("SCOPELINT_NO_CACHE", None)
    if scan:
        env["SCOPELINT_NO_CACHE"] = "1"
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=project, env=env,
                          capture_output=True, text=True, check=True, timeout=120)
    *report, tables, last = done.stdout.strip().splitlines()
    modules: list[str] = json.loads(last)
    if json.loads(tables):
        modules.append(f"<{json.loads(tables)} SDK tables>")
    return "\n".join(report), modules


def test_a_hook_run_on_one_python_file_imports_no_other_language(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "one.py").write_text(
        "import requests\n"
        "BASE = 'https://acme.atlassian.net'\n"
        "requests.get(BASE + '/rest/api/3/myself')\n",
        encoding="utf-8",
    )
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    cache = tmp_path / "cache"
    run_probe(project, cache)  # the first run leaves "this configuration is valid" in the cache
    report, modules = run_probe(project, cache)

    assert "one.py:2:17: SL001" in report  # the file was really scanned and checked (at BASE)
    assert "scopelint.scanning.languages.python" in modules
    loaded = [m for m in modules if m.startswith(FORBIDDEN_PREFIXES)]
    assert loaded == []


def test_a_hook_run_with_a_warm_result_cache_imports_no_scanner(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "one.py").write_text(
        "import requests\n"
        "BASE = 'https://acme.atlassian.net'\n"
        "requests.get(BASE + '/rest/api/3/myself')\n",
        encoding="utf-8",
    )
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    cache = tmp_path / "cache"
    first, cold = run_probe(project, cache, scan=False)  # fills the result cache
    report, modules = run_probe(project, cache, scan=False)

    assert "one.py:2:17: SL001" in first
    assert report == first  # the same findings, from the cached scan
    assert "scopelint.scanning.languages.python" in cold
    assert "scopelint.check.cache" in modules
    loaded = [m for m in modules if m.startswith((*FORBIDDEN_PREFIXES, "scopelint.scanning.languages"))]
    assert loaded == []


def test_a_file_that_imports_an_sdk_loads_only_that_sdks_table(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("jira==3.8.0\n", encoding="utf-8")
    (project / "one.py").write_text(
        "from jira import JIRA\n"
        "jira = JIRA('https://acme.atlassian.net')\n"
        "jira.add_comment('SUP-1', 'seen')\n",
        encoding="utf-8",
    )
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    cache = tmp_path / "cache"
    run_probe(project, cache)
    report, modules = run_probe(project, cache)

    assert "one.py:3:1: SL002" in report  # the SDK call was found and checked
    assert "scopelint.kb.sdk" in modules
    assert "<1 SDK tables>" in modules  # jira 3.8.0 only: no other SDK, no other version
    assert [m for m in modules if m.startswith(FORBIDDEN_PREFIXES[:6])] == []
