"""The pre-commit hook gets exactly the files scopelint's structured extractors read.

The kinds of file come from the extractor registry (every suffix, file name and glob turned
into a concrete path), so adding a kind there without updating `.pre-commit-hooks.yaml`
fails here.  The selection is computed by pre-commit's own code (`filter_by_include_exclude`
and `Classifier.by_types`, which tags files on disk with identify's `tags_from_path`, as
`pre-commit run` does), on real files, because some kinds (.http, .env, ...) get their
identify tags only from the file itself (`file`, `text`), never from the name alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from identify.identify import tags_from_path
from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped]
from pre_commit.commands.run import (  # type: ignore[import-untyped]
    Classifier,
    filter_by_include_exclude,
)

from scopelint.scanning.registry import EXTRACTORS, specs_for

REPO_ROOT = Path(__file__).resolve().parents[2]
HOOKS_FILE = REPO_ROOT / ".pre-commit-hooks.yaml"

# Files scopelint reads only with the text-level checks (or not at all): the hook skips them.
# Documentation, data and look-alike names: no extractor is meant to read these.
NEVER_READ = (
    "README.md",
    "docs/guide.rst",
    "image.png",
    "notes.txt",
    "LICENSE",
    "index.html",
    "style.css",
    "data.csv",
    ".babelrc",  # identify: json
    ".bashrc",  # identify: shell
    ".envrc",  # identify: shell
    "Makefile.am",  # identify: makefile
    "settings.jsonc",
    "config.yml.bak",
    "x.env.example",
    "env.sample",
    "docs/Dockerfile-guide.md",
)
# Source and build files of kinds an extractor may be added for (issue: more languages): the
# registry says whether they are read, and the hook must agree either way.
OTHER_KINDS = (
    "main.go",
    "App.java",
    "Gemfile",
    "Pipfile",  # identify: toml
    "Jenkinsfile",
)
NOT_READ = NEVER_READ + tuple(n for n in OTHER_KINDS if not specs_for(PurePosixPath(n)))
# Scripts without a suffix, read by their #! line (identify tags an executable one by it too,
# a plain one only `file`): name -> (first line, executable)
SHEBANG_SCRIPTS: dict[str, tuple[str, bool]] = {
    "bin/deploy": ("#!/bin/sh", True),
    "bin/backup-issues": ("#!/usr/bin/env bash", False),
    "scripts/sync-sprint": ("#!/usr/bin/env python3", True),
    "tools/report": ("#!/usr/bin/env node", True),
    "ops/admin": ("#!/usr/bin/env pwsh", True),
    "notify": ("#!/usr/bin/env ruby", False),
}
BINARY_FILES = {"image.png"}

# Real-world names next to the ones derived from the registry.
ALSO_READ = (
    "Dockerfile.dev",
    "docker/api.Dockerfile",
    "services/web/Dockerfile",
    ".env",
    ".env.local",
    "deploy/.env.production",
    "pyproject.toml",
    "setup.cfg",
    "src/APP.PY",
    "web/src/index.TSX",
    "forge/manifest.yml",
    "connect/atlassian-connect.json",
    "api/jira.postman_collection.json",
    "requests/issues.http",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
    "bitbucket-pipelines.yml",
)


def instantiate(glob: str) -> str:
    """A concrete path the fnmatch ``glob`` matches (``*/`` -> a folder, ``*`` -> a name)."""
    return glob.replace("*/", "sub/").replace("*", "sample")


def registry_samples() -> list[str]:
    """One path for every suffix, file name and glob in EXTRACTORS (plus variants)."""
    names: list[str] = []
    for spec in EXTRACTORS:
        for suffix in spec.suffixes:
            names += [f"sample{suffix}", f"deep/dir/upper{suffix.upper()}"]
        for filename in spec.filenames:
            names += [filename, f"sub/{filename}"]
        names += [instantiate(glob) for glob in spec.globs]
    return names


def read_samples() -> list[str]:
    other = {n for n in OTHER_KINDS if specs_for(PurePosixPath(n))}
    return sorted(set(registry_samples()) | set(ALSO_READ) | other | set(SHEBANG_SCRIPTS))


def load_hook() -> dict[str, Any]:
    hooks = load_manifest(str(HOOKS_FILE))  # validated as pre-commit validates it
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"scopelint"}
    hook: dict[str, Any] = by_id["scopelint"]
    return hook


def write_files(root: Path, names: Iterable[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name in BINARY_FILES:
            path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        elif name in SHEBANG_SCRIPTS:
            first, executable = SHEBANG_SCRIPTS[name]
            path.write_text(f"{first}\necho deploy\n", encoding="utf-8")
            if executable:
                path.chmod(0o755)
        else:
            path.write_text("x = 1\n", encoding="utf-8")


def select(hook: dict[str, Any], names: list[str]) -> set[str]:
    """The files `pre-commit run --files NAMES` hands to this hook (cwd: the repo root)."""
    classifier = Classifier(names)
    included = filter_by_include_exclude(classifier.filenames, hook["files"], hook["exclude"])
    return set(classifier.by_types(included, hook["types"], hook["types_or"], hook["exclude_types"]))


@pytest.fixture
def sample_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names = read_samples() + list(NOT_READ)
    write_files(tmp_path, names)
    monkeypatch.chdir(tmp_path)
    return names


def test_samples_agree_with_the_registry() -> None:
    """The two lists are right about scopelint itself, so the hook test below means something."""
    def head(name: str) -> bytes:
        return (SHEBANG_SCRIPTS[name][0] + "\n").encode() if name in SHEBANG_SCRIPTS else b""

    assert [n for n in read_samples() if not specs_for(PurePosixPath(n), head(n))] == []
    assert [n for n in NEVER_READ if specs_for(PurePosixPath(n))] == []
    # no file of NEVER_READ is read even when it starts with a #! line
    assert [n for n in NEVER_READ if specs_for(PurePosixPath(n), b"#!/bin/sh\n")] == []
    assert [n for n in NOT_READ if specs_for(PurePosixPath(n))] == []


def test_every_glob_sample_matches_its_own_glob() -> None:
    for spec in EXTRACTORS:
        for glob in spec.globs:
            assert spec.handles(PurePosixPath(instantiate(glob))), (spec.name, glob)


def test_hook_selects_every_file_the_extractors_read(sample_tree: list[str]) -> None:
    selected = select(load_hook(), sample_tree)

    missed = sorted(set(read_samples()) - selected)
    assert missed == [], {name: sorted(tags_from_path(name)) for name in missed}


def test_hook_selects_no_file_the_extractors_do_not_read(sample_tree: list[str]) -> None:
    selected = select(load_hook(), sample_tree)

    assert sorted(selected & set(NOT_READ)) == []


def test_an_untagged_kind_is_selected_from_its_content_tags(sample_tree: list[str]) -> None:
    """identify names no tag for .http or .env; on disk they are `file`, which types_or holds."""
    hook = load_hook()
    for name in ("requests/issues.http", ".env.local", "sample.mts"):
        assert "file" in tags_from_path(name)
    assert select(hook, ["requests/issues.http", ".env.local", "sample.mts"]) == {
        "requests/issues.http",
        ".env.local",
        "sample.mts",
    }


def test_scripts_without_a_suffix_are_read_by_their_shebang_and_selected(sample_tree: list[str]) -> None:
    languages = {name: [spec.name for spec in specs_for(PurePosixPath(name), Path(name).read_bytes())]
                 for name in SHEBANG_SCRIPTS}
    assert languages == {
        "bin/deploy": ["shell"], "bin/backup-issues": ["shell"], "scripts/sync-sprint": ["python"],
        "tools/report": ["javascript"], "ops/admin": ["powershell"], "notify": ["ruby"],
    }
    assert select(load_hook(), list(SHEBANG_SCRIPTS)) == set(SHEBANG_SCRIPTS)
    assert "shell" in tags_from_path("bin/deploy")  # identify reads an executable's #! line
    # names that are no scripts stay out, whatever their first line
    assert select(load_hook(), ["LICENSE", "Gemfile", "Jenkinsfile", ".bashrc"]) == set()


def test_types_or_is_the_union_of_the_registry_pre_commit_types() -> None:
    registry = {tag for spec in EXTRACTORS for tag in spec.pre_commit_types}

    assert set(load_hook()["types_or"]) == registry


def test_hook_runs_scopelint_check_in_parallel_batches() -> None:
    hook = load_hook()

    # --force-exclude: pre-commit names every staged file; the exclude patterns still apply (as ruff)
    assert hook["entry"] == "scopelint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is False  # pre-commit may split the files across processes
    assert hook["always_run"] is False
    assert "README.md" in hook["description"]  # says which files the hook leaves out


def test_minimum_pre_commit_version_is_the_one_types_or_needs() -> None:
    assert load_hook()["minimum_pre_commit_version"] == "2.9.0"


def test_files_regex_is_matched_on_repository_relative_posix_paths() -> None:
    """pre-commit passes `sub/dir/name`; a name in a folder is matched like one at the top."""
    hook = load_hook()
    names = ["a/b/Makefile", "a/b/.env.test", "a/Makefile.am"]
    assert set(filter_by_include_exclude(names, hook["files"], hook["exclude"])) == {
        "a/b/Makefile",
        "a/b/.env.test",
    }


# Paths where a glob's `*` must not cross `/`: the hook must say what the registry says.
EDGE_CASES = (
    "Dockerfile.d/notes.md",
    "deploy/.env.d/readme.txt",
    "ci/.github/workflows/nested/job.yml",
    "docs/Dockerfile",
    "Dockerfile.txt",
    "dockerfile.dev",
)


def test_hook_agrees_with_the_registry_on_edge_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, EDGE_CASES)
    monkeypatch.chdir(tmp_path)

    read = {name for name in EDGE_CASES if specs_for(PurePosixPath(name))}

    assert select(load_hook(), list(EDGE_CASES)) == read


def test_globs_never_cross_a_folder_boundary() -> None:
    # `Dockerfile.*` and `.env.*` name files, not folders full of unrelated files
    assert not specs_for(PurePosixPath("Dockerfile.d/notes.md"))
    assert not specs_for(PurePosixPath("deploy/.env.d/readme.txt"))
    assert [s.name for s in specs_for(PurePosixPath("deploy/Dockerfile.prod"))] == ["shell"]
    assert [s.name for s in specs_for(PurePosixPath("deploy/.env.staging"))] == ["config"]
    assert [s.name for s in specs_for(PurePosixPath("app/.github/workflows/ci.yml"))] == ["ci"]


def test_hooks_file_is_generated_from_the_registry() -> None:
    """`make hooks` (python -m scopelint.scanning.hooks) writes exactly the committed file."""
    from scopelint.scanning.hooks import render

    assert HOOKS_FILE.read_bytes() == render().encode("utf-8"), "run `make hooks`"


def test_hooks_module_prints_the_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "scopelint.scanning.hooks"], capture_output=True,
                         check=True, cwd=tmp_path)
    assert run.stdout == HOOKS_FILE.read_bytes()
    assert run.stderr == b""


def test_a_new_suffix_in_the_registry_reaches_the_hook() -> None:
    """Adding a language is one registry entry: its suffix and identify tag reach the hook."""
    import re

    from scopelint.scanning.hooks import files_regex, types_or
    from scopelint.scanning.registry import ExtractorSpec

    # (Go was this example until it was registered; a language scopelint does not read yet)
    zig = ExtractorSpec("zig", "scopelint.scanning.languages.zig", suffixes=(".zig",),
                        filenames=("zig.work",), globs=("*.zig.tmpl",), pre_commit_types=("zig",))
    specs = (*EXTRACTORS, zig)
    pattern = re.compile(files_regex(specs))
    assert pattern.search("cmd/main.zig") and pattern.search("x/zig.work")
    assert pattern.search("t/a.zig.tmpl") and not pattern.search("cmd/main.zigx")
    assert types_or(specs)[-1] == "zig"


def test_the_hook_skips_what_the_configuration_excludes(tmp_path: Path) -> None:
    """pre-commit names every staged file, excluded ones too; the hook's --force-exclude keeps
    the project's `exclude` meaningful, without a warning per file."""
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('exclude = ["fixtures/"]\n')
    (tmp_path / "fixtures").mkdir()
    site = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'
    (tmp_path / "fixtures" / "bad.py").write_text(site)
    (tmp_path / "ok.py").write_text("print('ok')\n")
    command = load_hook()["entry"].split()
    command[0] = str(Path(sys.executable).parent / command[0])

    run = subprocess.run([*command, "fixtures/bad.py", "ok.py"], cwd=tmp_path, capture_output=True, text=True)

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""
