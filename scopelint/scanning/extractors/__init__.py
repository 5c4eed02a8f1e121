"""The extractor registry: which extractor reads which file.

Each extractor is one module with a function ``extract(source: SourceFile) -> FileScan``.
The registry below is declarative (no extractor is imported until a file needs it), and it
is the single source of truth for which files scopelint reads: discovery, the pre-commit
hook's file filters and the docs all derive from it.  Adding a language means adding one
module next to its siblings and one entry here.
"""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from scopelint.model import FileScan
from scopelint.scanning.source import SourceFile

ExtractFn = Callable[[SourceFile], FileScan]


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    name: str
    module: str
    suffixes: tuple[str, ...] = ()  # lower-case, with the dot: ".py"
    filenames: tuple[str, ...] = ()  # exact base names: "Makefile", ".env"
    # A glob without "/" matches the file name; with "/" it matches the path's last segments
    # (PurePosixPath.match: ".github/workflows/*.yml" also matches "app/.github/workflows/x.yml").
    # Either way "*" never crosses a "/".
    globs: tuple[str, ...] = ()
    pre_commit_types: tuple[str, ...] = ()  # identify tags that select these files

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


_P = "scopelint.scanning.extractors."
_D = "scopelint.scanning.declarations."

EXTRACTORS: tuple[ExtractorSpec, ...] = (
    ExtractorSpec("python", _P + "python", suffixes=(".py", ".pyi"), pre_commit_types=("python", "pyi")),
    ExtractorSpec(
        "javascript",
        _P + "javascript",
        suffixes=(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"),
        pre_commit_types=("javascript", "jsx", "ts", "tsx", "file"),  # .mts/.cts: no identify tag
    ),
    ExtractorSpec(
        "shell",
        _P + "shell",
        suffixes=(".sh", ".bash", ".zsh", ".mk"),
        filenames=("Makefile", "makefile", "GNUmakefile", "Dockerfile", "Containerfile"),
        globs=("*Dockerfile.*", "*.Dockerfile"),
        pre_commit_types=("shell", "makefile", "dockerfile"),
    ),
    ExtractorSpec(
        "ci",
        _P + "ci_yaml",
        filenames=(".gitlab-ci.yml", ".gitlab-ci.yaml", "bitbucket-pipelines.yml"),
        globs=(".github/workflows/*.yml", ".github/workflows/*.yaml", ".github/actions/*/action.yml"),
        pre_commit_types=("yaml",),
    ),
    ExtractorSpec("http-file", _P + "http_file", suffixes=(".http", ".rest"), pre_commit_types=("file",)),
    ExtractorSpec(
        "postman",
        _P + "postman",
        suffixes=(".postman_collection.json",),
        pre_commit_types=("json",),
    ),
    ExtractorSpec(
        "config",
        _P + "config_files",
        suffixes=(".env", ".yml", ".yaml", ".json", ".toml", ".ini", ".cfg", ".properties"),
        filenames=(".env",),
        globs=(".env.*",),
        pre_commit_types=("yaml", "json", "toml", "ini", "java-properties", "file"),  # .cfg/.env: none
    ),
    ExtractorSpec("forge-manifest", _D + "forge_manifest", filenames=("manifest.yml", "manifest.yaml"),
                  pre_commit_types=("yaml",)),
    ExtractorSpec("connect-descriptor", _D + "connect_descriptor",
                  filenames=("atlassian-connect.json",), pre_commit_types=("json",)),
    ExtractorSpec(
        "scopelint-config",
        _D + "scopelint_config",
        filenames=(".scopelint.yaml", ".scopelint.yml", ".scopelint.toml", "pyproject.toml"),
        pre_commit_types=("yaml", "toml"),
    ),
)

# Every readable text file also gets the text-level checks (site URLs, OAuth URLs, tokens,
# suppression comments), whether or not a structured extractor handles it or parses it.
TEXT_EXTRACTOR = ExtractorSpec("text", _P + "text")


GENERIC = "config"  # reads any YAML/JSON/TOML/INI; only when nothing more specific does


def specs_for(path: PurePosixPath) -> list[ExtractorSpec]:
    specs = [spec for spec in EXTRACTORS if spec.handles(path)]
    if len(specs) > 1:
        specs = [spec for spec in specs if spec.name != GENERIC]
    return specs


@cache
def load(spec_module: str) -> ExtractFn:
    module = importlib.import_module(spec_module)
    fn: ExtractFn = module.extract
    return fn
