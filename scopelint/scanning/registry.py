"""The extractor registry: which extractor reads which file, and every list derived from it.

Each extractor is one module with a function ``extract(source: SourceFile) -> FileScan``.
The registry below is declarative (no extractor is imported until a file needs it), and it
is the single source of truth for which files scopelint reads.  Everything else is derived:

* file selection (``specs_for``) and the scan's declaration handling
  (``DECLARATION_EXTRACTORS``, ``DECLARATION_FILENAMES``: the entries flagged ``declares``);
* the pre-commit hook's ``files``/``types_or`` filters and description
  (``python -m scopelint.scanning.hooks`` writes ``.pre-commit-hooks.yaml``; ``make hooks``);
* the sample file names every extractor's property tests run on (``samples``).

Adding a language or a format means adding one package or module and one entry here.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import PurePosixPath
from typing import NamedTuple

from scopelint.common.lazy_re import lazy_compile
from scopelint.model import FileScan

ExtractFn = Callable[..., FileScan]  # (source: SourceFile[, environment=...]) -> FileScan


class ExtractorSpec(NamedTuple):
    """One extractor and the files it reads.

    ``suffixes`` are lower case with the dot (".py") and match case-insensitively;
    ``filenames`` are exact base names ("Makefile"); a glob without "/" matches the file name,
    with "/" it matches the path's last segments (``PurePosixPath.match``: so
    ".github/workflows/*.yml" also matches "app/.github/workflows/x.yml"); either way "*"
    never crosses a "/".  ``pre_commit_types`` are the identify tags that select these files
    in pre-commit.  ``label`` names the kind of file in the hook's description (empty: not
    named there).  ``interpreters``: the programs a ``#!`` line names for a script without a
    suffix (``bin/backup-issues`` starting ``#!/usr/bin/env bash``), as identify reads them.
    ``declares``: the extractor reads scope declarations (its files are always
    read, and read above the scanned files too).  ``generic``: it reads any file of its
    formats, but only when no more specific extractor does.  ``samples``: file names it
    handles, on which the property tests run it.  ``links``: a programming language whose
    files import each other: ``extract(source, environment=None)`` takes the linker's
    environment, and a scan without one carries the file's summary.
    """

    name: str
    module: str
    suffixes: tuple[str, ...] = ()
    filenames: tuple[str, ...] = ()
    globs: tuple[str, ...] = ()
    pre_commit_types: tuple[str, ...] = ()
    label: str = ""
    interpreters: tuple[str, ...] = ()
    declares: bool = False
    generic: bool = False
    samples: tuple[str, ...] = ()
    links: bool = False  # a programming language: its extract() takes an environment and
    # its scans carry a summary (cross-file linking, scanning/linking/)

    def handles(self, path: PurePosixPath) -> bool:
        name = path.name
        if name in self.filenames:
            return True
        lower = name.lower()
        if self.suffixes and lower.endswith(self.suffixes):
            return True
        return any(
            path.match(pattern) if "/" in pattern else fnmatch.fnmatchcase(name, pattern)
            for pattern in self.globs
        )


_L = "scopelint.scanning.languages."
_F = "scopelint.scanning.formats."
_D = "scopelint.scanning.declarations."

EXTRACTORS: tuple[ExtractorSpec, ...] = (
    ExtractorSpec(
        "python", _L + "python", suffixes=(".py", ".pyi"), pre_commit_types=("python", "pyi"),
        label="Python", interpreters=("python", "python2", "python3", "pypy", "pypy3"),
        samples=("app.py",), links=True,
    ),
    ExtractorSpec(
        "javascript",
        _L + "javascript",
        suffixes=(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"),
        pre_commit_types=("javascript", "jsx", "ts", "tsx", "file"),  # .mts/.cts: no identify tag
        label="JavaScript/TypeScript",
        interpreters=("node", "nodejs"),
        samples=("app.js", "app.tsx"),
        links=True,
    ),
    ExtractorSpec(
        "shell",
        _L + "shell",
        suffixes=(".sh", ".bash", ".zsh", ".mk"),
        filenames=("Makefile", "makefile", "GNUmakefile", "Dockerfile", "Containerfile"),
        globs=("*Dockerfile.*", "*.Dockerfile"),
        pre_commit_types=("shell", "makefile", "dockerfile"),
        label="shell, Makefiles, Dockerfiles",
        interpreters=("sh", "bash", "zsh", "dash", "ksh", "ash"),
        samples=("deploy.sh", "Makefile", "Dockerfile"),
    ),
    ExtractorSpec(
        "jvm", _L + "jvm", suffixes=(".java", ".kt", ".kts"), pre_commit_types=("java", "kotlin"),
        label="Java/Kotlin", samples=("App.java", "Client.kt"), links=True,
    ),
    ExtractorSpec(
        "go", _L + "go", suffixes=(".go",), pre_commit_types=("go",), label="Go", links=True,
        samples=("main.go",),
    ),
    ExtractorSpec(
        "php", _L + "php", suffixes=(".php", ".phtml"), pre_commit_types=("php",), label="PHP",
        samples=("index.php",),
    ),
    ExtractorSpec(
        "powershell", _L + "powershell", suffixes=(".ps1", ".psm1", ".psd1"),
        pre_commit_types=("powershell",), label="PowerShell", interpreters=("pwsh", "powershell"),
        samples=("script.ps1", "config.psd1"),
    ),
    ExtractorSpec(
        "csharp", _L + "csharp", suffixes=(".cs", ".csx"), pre_commit_types=("c#",), label="C#",
        samples=("Client.cs",),
    ),
    ExtractorSpec(
        "ruby", _L + "ruby", suffixes=(".rb", ".rake"), filenames=("Rakefile",),
        pre_commit_types=("ruby",), label="Ruby", interpreters=("ruby",), samples=("client.rb",),
    ),
    ExtractorSpec(
        "ci",
        _F + "ci_yaml",
        filenames=(".gitlab-ci.yml", ".gitlab-ci.yaml", "bitbucket-pipelines.yml"),
        globs=(".github/workflows/*.yml", ".github/workflows/*.yaml", ".github/actions/*/action.yml"),
        pre_commit_types=("yaml",),
        label="CI YAML",
        samples=(".github/workflows/ci.yml", ".gitlab-ci.yml", "bitbucket-pipelines.yml"),
    ),
    ExtractorSpec(
        "http-file", _F + "http_file", suffixes=(".http", ".rest"), pre_commit_types=("file",),
        label=".http/.rest", samples=("api.http",),
    ),
    ExtractorSpec(
        "postman",
        _F + "postman",
        suffixes=(".postman_collection.json",),
        pre_commit_types=("json",),
        label="Postman collections",
        samples=("jira.postman_collection.json",),
    ),
    ExtractorSpec(
        "config",
        _F + "config_files",
        suffixes=(".env", ".yml", ".yaml", ".json", ".toml", ".ini", ".cfg", ".properties", ".xml"),
        filenames=(".env",),
        globs=(".env.*",),
        pre_commit_types=("yaml", "json", "toml", "ini", "java-properties", "xml", "file"),  # .cfg/.env: none
        label="YAML/JSON/TOML/INI/XML/.env config",
        generic=True,
        samples=(".env", "settings.yaml", "settings.json", "settings.toml", "settings.ini",
                 "app.properties", "app.config.xml"),
    ),
    ExtractorSpec(
        "forge-manifest", _D + "forge_manifest", filenames=("manifest.yml", "manifest.yaml"),
        pre_commit_types=("yaml",), label="Forge manifests", declares=True,
        samples=("manifest.yml",),
    ),
    ExtractorSpec(
        "connect-descriptor", _D + "connect_descriptor", filenames=("atlassian-connect.json",),
        pre_commit_types=("json",), label="Connect descriptors", declares=True,
        samples=("atlassian-connect.json",),
    ),
    ExtractorSpec(
        "scopelint-config",
        _D + "scopelint_config",
        filenames=(".scopelint.yaml", ".scopelint.yml", ".scopelint.toml", "pyproject.toml"),
        pre_commit_types=("yaml", "toml"),
        declares=True,
        samples=(".scopelint.toml", ".scopelint.yaml", "pyproject.toml"),
    ),
)

# Every readable text file also gets the text-level checks (site URLs, OAuth URLs, tokens,
# suppression comments), whether or not a structured extractor handles it or parses it.
TEXT_EXTRACTOR = ExtractorSpec("text", _F + "text", samples=("NOTES.txt",))

# The extractors that read scope declarations, and the file names they read.
DECLARATION_EXTRACTORS: frozenset[str] = frozenset(s.name for s in EXTRACTORS if s.declares)
DECLARATION_FILENAMES: tuple[str, ...] = tuple(
    name for spec in EXTRACTORS if spec.declares for name in spec.filenames
)


# Names without a suffix that are no scripts, whatever their first line: neither read by a
# ``#!`` line nor selected by the pre-commit hook.
NOT_SCRIPTS: tuple[str, ...] = (
    "LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS", "CONTRIBUTORS", "CHANGELOG", "CHANGES",
    "README", "CODEOWNERS", "VERSION", "MANIFEST", "Gemfile", "Pipfile", "Jenkinsfile",
    "Procfile", "Vagrantfile", "Brewfile", "Podfile", "Berksfile", "Guardfile", "Snakefile",
)

def is_script_name(path: PurePosixPath | str) -> bool:
    """A name a ``#!`` script may have: no suffix (no dot at all: ``bin/backup-issues``, not
    ``.bashrc``), and none of :data:`NOT_SCRIPTS`.  (A string is the file's name.)"""
    name = path if isinstance(path, str) else path.name
    return "." not in name and name not in NOT_SCRIPTS


_SHEBANG = lazy_compile(rb"#![ \t]*(\S+)(?:[ \t]+(\S+))?(?:[ \t]+(\S+))?")


def interpreter(head: bytes) -> str | None:
    """The program a ``#!`` first line runs, as identify names it: ``#!/bin/bash`` -> bash,
    ``#!/usr/bin/env python3`` -> python3, ``#!/usr/bin/env -S node --flag`` -> node,
    ``#!/usr/bin/python3.11`` -> python3; None without one."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    found = _SHEBANG.match(head.split(b"\n", 1)[0])
    if found is None:
        return None
    words = [w.decode("ascii", "replace") for w in found.groups() if w]
    program = words[0].rsplit("/", 1)[-1]
    if program == "env":
        rest = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        if not rest:
            return None
        program = rest[0].rsplit("/", 1)[-1]
    return re.sub(r"(\d)\.\d+$", r"\1", program)  # python3.11 -> python3


# The first folder of every glob that matches a path's last segments (".github" of
# ".github/workflows/*.yml"): a path without one of them is matched by its name alone.
_FOLDERS = frozenset(
    glob.split("/", 1)[0] for spec in EXTRACTORS for glob in spec.globs if "/" in glob
)
# (a folder written as a pattern: every path is matched whole)
_GLOB_FOLDERS = None if any(char in f for f in _FOLDERS for char in "*?[") else _FOLDERS


def _by_rules(path: PurePosixPath) -> tuple[ExtractorSpec, ...]:
    specs = [spec for spec in EXTRACTORS if spec.handles(path)]
    if len(specs) > 1:
        specs = [spec for spec in specs if not spec.generic]
    return tuple(specs)


@lru_cache(maxsize=4096)
def _by_name(name: str) -> tuple[ExtractorSpec, ...]:
    return _by_rules(PurePosixPath(name))


_FILENAMES = frozenset(name for spec in EXTRACTORS for name in spec.filenames)
# The fixed text of each glob matched against a name ("Dockerfile." of "*Dockerfile.*"): a
# name that lacks a piece of each glob is matched by its suffixes alone.  (A glob with a
# character class: every name is matched by the rules.)
_NAME_GLOB_PIECES = tuple(
    tuple(piece for piece in re.split(r"[*?]", glob) if piece) if "[" not in glob else ()
    for spec in EXTRACTORS for glob in spec.globs if "/" not in glob
)
_SUFFIXED = tuple(spec for spec in EXTRACTORS if spec.suffixes)


def _by_file_name(name: str) -> tuple[ExtractorSpec, ...]:
    """:func:`_by_rules` for a path with no folder a glob names: by its suffixes when no
    file name or glob of the registry can match it (a tree's names are mostly unique), else
    by the rules, remembered per name."""
    if name in _FILENAMES or any(all(piece in name for piece in pieces)
                                 for pieces in _NAME_GLOB_PIECES):
        return _by_name(name)
    lower = name.lower()
    specs = tuple(spec for spec in _SUFFIXED if lower.endswith(spec.suffixes))
    if len(specs) > 1:
        specs = tuple(spec for spec in specs if not spec.generic)
    return specs


def specs_for(path: PurePosixPath | str, head: bytes = b"") -> list[ExtractorSpec]:
    """The extractors that read ``path`` (a generic one only when no other does; a string
    is a path with "/" between its parts).  A file no extractor reads by its name and that
    has no suffix is read by the one whose ``interpreters`` its ``#!`` line (in ``head``, the
    file's first bytes) names."""
    if isinstance(path, str):  # (no PurePosixPath per file of a tree: see _by_file_name)
        parts = [part for part in path.split("/") if part and part != "."]
        if not parts or path.endswith("/"):
            return specs_for(PurePosixPath(path), head)
        folders: Sequence[str] = parts[:-1]
        name = parts[-1]
    else:
        folders, name = path.parts[:-1], path.name
    if _GLOB_FOLDERS is not None and _GLOB_FOLDERS.isdisjoint(folders):
        specs = list(_by_file_name(name))
    else:
        specs = list(_by_rules(PurePosixPath(path)))
    if not specs and head.startswith((b"#!", b"\xef\xbb\xbf#!")) and is_script_name(name):
        program = interpreter(head)
        specs = [spec for spec in EXTRACTORS if program is not None and program in spec.interpreters]
    return specs


def owned_by_specific(path: PurePosixPath) -> bool:
    """Does an extractor other than a generic one read ``path``?"""
    return any(spec.handles(path) for spec in EXTRACTORS if not spec.generic)


@cache
def load(spec_module: str) -> ExtractFn:
    module = importlib.import_module(spec_module)
    fn: ExtractFn = module.extract
    return fn
