"""The whole-project link plan a warm run reuses (hostile report s4 item 2): it is invalidated
by everything the linker consulted besides the scanned files' summaries -- a module read
from outside the scanned set (gitignored generated code), tsconfig ``paths``, a
package.json ``main`` -- so a cached run never hides a finding a fresh run reports."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.cli_helpers import scopelint, write_tree

FETCH = "export async function run(id) {{\n  return fetch(`https://api.atlassian.com/ex/jira/${{id}}${{{name}}}`);\n}}\n"


pytestmark = pytest.mark.usefixtures("user_cache")  # a private result cache (tests/check/conftest.py)


def project(root: Path, files: dict[str, str]) -> Path:
    """A git repository declaring read:jira-user, every file dated a minute ago (older than
    the run, so the plan is recorded: see the racily-clean rule)."""
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write_tree(root, {".scopelint.toml": 'scopes = ["read:jira-user"]\n', **files})
    age(root)
    return root


def age(root: Path) -> None:
    past = time.time() - 60
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in [*names, *dirs]:
            os.utime(os.path.join(folder, name), (past, past))


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    result = scopelint(["check", "--format", "json", "-j", "1", *args, "."], root)
    report = json.loads(result.stdout)
    return result.exit_code, sorted(f"{f['path']}:{f['code']}" for f in report["findings"])


def edit_and_compare(root: Path, path: str, text: str) -> None:
    assert check(root) == (0, [])
    assert check(root) == (0, [])  # warm: the link plan reused
    (root / path).write_text(text, encoding="utf-8")
    code, findings = check(root)
    assert code == 1 and "src/index.js:SL002" in findings  # the new endpoint needs read:jira-work
    assert check(root, "--no-cache") == (code, findings)
    assert check(root) == (code, findings)  # and the next warm run too


def test_a_gitignored_javascript_module_edit_is_seen(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {
        ".gitignore": "src/gen/\n",
        "src/gen/paths.js": "export const ISSUE = '/rest/api/3/myself';\n",
        "src/index.js": "import { ISSUE } from './gen/paths.js';\n" + FETCH.format(name="ISSUE"),
    })
    edit_and_compare(root, "src/gen/paths.js", "export const ISSUE = '/rest/api/3/issue/X';\n")


def test_a_gitignored_python_module_edit_is_seen(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {
        ".gitignore": "gen/\n",
        "gen/__init__.py": "",
        "gen/paths.py": "ISSUE = '/rest/api/3/myself'\n",
        "src/index.js": "// see app.py\n",
        "app.py": "import requests\nfrom gen.paths import ISSUE\n\n"
                  "requests.get('https://api.atlassian.com/ex/jira/abc' + ISSUE)\n",
    })
    assert check(root) == (0, [])
    assert check(root) == (0, [])
    (root / "gen/paths.py").write_text("ISSUE = '/rest/api/3/issue/X'\n", encoding="utf-8")
    code, findings = check(root)
    assert (code, findings) == (1, [".scopelint.toml:SL003", "app.py:SL002"])


def test_a_tsconfig_paths_change_is_seen(tmp_path: Path) -> None:
    tsconfig = {"compilerOptions": {"baseUrl": ".", "paths": {"@api/*": ["src/a/*"]}}}
    root = project(tmp_path / "p", {
        ".gitignore": "src/b/\n",
        "tsconfig.json": json.dumps(tsconfig),
        "src/a/paths.ts": "export const ISSUE = '/rest/api/3/myself';\n",
        "src/b/paths.ts": "export const ISSUE = '/rest/api/3/issue/X';\n",
        "src/index.js": "import { ISSUE } from '@api/paths';\n" + FETCH.format(name="ISSUE"),
    })
    tsconfig["compilerOptions"]["paths"] = {"@api/*": ["src/b/*"]}
    edit_and_compare(root, "tsconfig.json", json.dumps(tsconfig))


def test_a_package_json_main_change_is_seen(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {
        ".gitignore": "src/lib/b.js\n",
        "src/lib/package.json": json.dumps({"name": "lib", "main": "a.js"}),
        "src/lib/a.js": "export const ISSUE = '/rest/api/3/myself';\n",
        "src/lib/b.js": "export const ISSUE = '/rest/api/3/issue/X';\n",
        "src/index.js": "import { ISSUE } from './lib';\n" + FETCH.format(name="ISSUE"),
    })
    edit_and_compare(root, "src/lib/package.json", json.dumps({"name": "lib", "main": "b.js"}))
