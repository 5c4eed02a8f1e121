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


# -- the console entry point (scopelint.cli.hook), as pre-commit runs it: an allowlist

ENTRY_PROBE = """
import atexit, json, sys
before = set(sys.modules)
atexit.register(lambda: print(json.dumps(sorted(set(sys.modules) - before))))
from scopelint.cli.hook import main
main(sys.argv[1:])
"""

# A replayed run (nothing it read changed since the last run) loads the entry point only.
REPLAY_MODULES = {
    "scopelint", "scopelint.cli", "scopelint.cli.hook", "scopelint.common", "scopelint.common.cache_home",
    "_sha256", "_sha2",  # CPython's own SHA-256 (3.11, 3.12+), not OpenSSL's hashlib
}

# Every module a full hook run on one Python file may load (the file scanned, the result
# cache and the replay entry written).  A module not listed here is a regression of the hook's
# time: make it lazy, or add it here knowingly.
HOOK_SCOPELINT_MODULES = {
    "scopelint", "scopelint.errors", "scopelint.model",
    "scopelint.check", "scopelint.check.cache", "scopelint.check.declarations", "scopelint.check.engine",
    "scopelint.check.explicit", "scopelint.check.run", "scopelint.check.suppressions",
    "scopelint.check.collector",  # (gc thresholds for a run: imports only gc, os, contextlib; ~0.3 ms)
    "scopelint.cli", "scopelint.cli.check_run", "scopelint.cli.fast", "scopelint.cli.hook",
    "scopelint.cli.hook_record", "scopelint.cli.output", "scopelint.cli.progress",
    "scopelint.common", "scopelint.common.atomic", "scopelint.common.cache_home", "scopelint.common.lazy_re",
    "scopelint.common.records", "scopelint.common.record_inits",  # (data classes without dataclasses' cost)
    "scopelint.common.redact",
    "scopelint.common.user_cache", "scopelint.common.words",
    "scopelint.config", "scopelint.config.loading", "scopelint.config.safe_yaml",
    "scopelint.kb", "scopelint.kb.connect", "scopelint.kb.describe", "scopelint.kb.forge",
    "scopelint.kb.hosts",
    "scopelint.kb.platform_scopes", "scopelint.kb.preference", "scopelint.kb.products", "scopelint.kb.router",
    "scopelint.kb.scope_names", "scopelint.kb.table",
    "scopelint.reporting", "scopelint.reporting.base", "scopelint.reporting.summary",
    "scopelint.reporting.text",
    "scopelint.rules", "scopelint.rules.activity", "scopelint.rules.base", "scopelint.rules.context",
    "scopelint.rules.coverage", "scopelint.rules.examples", "scopelint.rules.forge_common",
    "scopelint.rules.references", "scopelint.rules.selection", "scopelint.rules.site_literals",
    "scopelint.scanning", "scopelint.scanning.consulted", "scopelint.scanning.core",
    "scopelint.scanning.core.candidate", "scopelint.scanning.core.environment",
    "scopelint.scanning.core.knowledge", "scopelint.scanning.core.markers",  # (the prefilter; no automaton)
    "scopelint.scanning.core.methods", "scopelint.scanning.core.sdk",
    "scopelint.scanning.core.urljoin", "scopelint.scanning.declarations",
    "scopelint.scanning.declarations.forge_manifest", "scopelint.scanning.declarations.positions",
    "scopelint.scanning.declarations.scopelint_config", "scopelint.scanning.declarations.unreadable",
    "scopelint.scanning.discovery", "scopelint.scanning.formats", "scopelint.scanning.formats.data_files",
    "scopelint.scanning.formats.text", "scopelint.scanning.languages", "scopelint.scanning.languages.python",
    "scopelint.scanning.languages.python.calls", "scopelint.scanning.languages.python.evaluate",
    "scopelint.scanning.languages.python.extractor", "scopelint.scanning.languages.python.scopes",
    "scopelint.scanning.languages.python.summary", "scopelint.scanning.linking",
    "scopelint.scanning.linking.modules", "scopelint.scanning.linking.project", "scopelint.scanning.parallel",
    "scopelint.scanning.registry", "scopelint.scanning.scan", "scopelint.scanning.source",
    "scopelint.scanning.urls",
}
HOOK_RULE_MODULES = "scopelint.rules.sl0"  # every rule runs: one module each (the registry)
# other packages and the standard library, by top-level name
# (no tempfile, shutil, random, bz2 nor lzma: the atomic write of the entry opens its temporary
# file itself, see scopelint/common/atomic.py; no click, inspect, dis, tokenize nor dataclasses:
# the hook's options are parsed by scopelint/cli/fast.py, the data classes are made by
# scopelint/common/records.py)
HOOK_OTHER_PACKAGES = {
    "__future__", "_ast", "_bisect", "_blake2", "_datetime", "_hashlib", "_sha2", "_sha256", "_string",
    "_typing", "ast", "bisect", "collections", "contextlib", "datetime", "encodings", "errno", "fnmatch",
    "gc", "hashlib", "importlib", "ipaddress", "math", "ntpath", "pathlib", "string", "tomllib", "typing",
    "urllib", "warnings", "zlib",
}


def entry_modules(project: Path, cache: Path) -> tuple[str, list[str]]:
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(cache))
    env.pop("SCOPELINT_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", ENTRY_PROBE, "check", "--force-exclude", "one.py"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)
    *report, last = done.stdout.strip().splitlines()
    return "\n".join(report), json.loads(last)


def test_a_hook_run_on_a_python_file_imports_only_the_modules_listed(tmp_path: Path) -> None:
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
    entry_modules(project, cache)  # the first run ever validates the configuration (jsonschema)
    with (project / "one.py").open("a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    first, scanned = entry_modules(project, cache)  # scans the changed file, records
    again, warm = entry_modules(project, cache)  # the scan from the result cache; records again
    report, replayed = entry_modules(project, cache)

    assert "one.py:2:17: SL001" in first
    assert report == again == first
    assert "scopelint.scanning.languages.python.extractor" in scanned  # really scanned
    assert "click" not in scanned and "click" not in warm and "click" not in replayed
    assert set(replayed) <= REPLAY_MODULES
    for modules in (scanned, warm):
        scopelint = [m for m in modules if m.startswith("scopelint")]
        assert [m for m in scopelint if m not in HOOK_SCOPELINT_MODULES
                and not m.startswith(HOOK_RULE_MODULES)] == []
        others = {m.split(".")[0] for m in modules if not m.startswith("scopelint")}
        assert others - HOOK_OTHER_PACKAGES == set()


# Module-level patterns of scopelint's hook-path modules are compiled when first used
# (scopelint.common.lazy_re), not when imported: compiling them all cost ~40 of the ~90
# compilations of an edited-file hook run.
EAGER_PROBE = """
import json, re, sys
compile_pattern = re._compile
eager = set()
def watched(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.endswith("__init__.py") \\
            and frame.f_globals.get("__name__") == "re":
        frame = frame.f_back
    if frame is not None and frame.f_code.co_name == "<module>":
        name = frame.f_globals.get("__name__", "")
        if name.startswith("scopelint"):
            eager.add(name)
    return compile_pattern(pattern, flags)
re._compile = watched
import atexit
atexit.register(lambda: print(json.dumps(sorted(eager))))
from scopelint.cli.hook import main
main(sys.argv[1:])
"""


def test_a_hook_run_compiles_no_pattern_of_scopelint_at_import(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "one.py").write_text(
        "import requests\n"
        "BASE = 'https://acme.atlassian.net'\n"
        "requests.get(BASE + '/rest/api/3/myself')\n",
        encoding="utf-8",
    )
    (project / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(tmp_path / "cache"), SCOPELINT_NO_CACHE="1")
    done = subprocess.run([sys.executable, "-c", EAGER_PROBE, "check", "one.py"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)
    *report, last = done.stdout.strip().splitlines()
    assert "one.py:2:17: SL001" in "\n".join(report)  # the run scanned and checked the file
    assert json.loads(last) == []
