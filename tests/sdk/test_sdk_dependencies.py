"""SDK version detection from a project's manifests and lock files (every format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopelint.scanning.dependencies import detect_version


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)  # the walk stops at the repository root
    return root


# --------------------------------------------------------------------------- Python


@pytest.mark.parametrize(
    ("files", "version", "spec", "source"),
    [
        ({"requirements.txt": "requests>=2\njira==3.8.0  # pinned\n"}, "3.8.0", None, "requirements.txt"),
        ({"requirements-dev.txt": "JIRA >= 3.5, < 3.10\n"}, None, "<3.10,>=3.5", "requirements-dev.txt"),
        (
            {"requirements.txt": "-r base.txt\n", "base.txt": "atlassian-python-api==3.41.21\n"},
            None,
            None,
            None,
        ),
        (
            {"pyproject.toml": '[project]\nname = "bot"\ndependencies = ["jira[cli]>=3.10"]\n'},
            None,
            ">=3.10",
            "pyproject.toml",
        ),
        (
            {
                "pyproject.toml": '[project]\nname="b"\n[project.optional-dependencies]\n'
                'ji = ["jira==3.8.0"]\n'
            },
            "3.8.0",
            None,
            "pyproject.toml",
        ),
        (
            {"pyproject.toml": '[dependency-groups]\ndev = ["jira~=3.8"]\n'},
            None,
            "~=3.8",
            "pyproject.toml",
        ),
        (
            {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\njira = "^3.8"\n'},
            None,
            ">=3.8,<4",
            "pyproject.toml",
        ),
        (
            {"pyproject.toml": '[tool.poetry.group.dev.dependencies]\njira = { version = "~3.8" }\n'},
            None,
            ">=3.8,<3.9",
            "pyproject.toml",
        ),
        ({"Pipfile": '[packages]\njira = "==3.10.5"\n'}, "3.10.5", None, "Pipfile"),
        ({"Pipfile": '[dev-packages]\njira = {version = ">=3.8"}\n'}, None, ">=3.8", "Pipfile"),
        (
            {"Pipfile.lock": json.dumps({"default": {"jira": {"version": "==3.8.0"}}, "develop": {}})},
            "3.8.0",
            None,
            "Pipfile.lock",
        ),
        (
            {"poetry.lock": '[[package]]\nname = "jira"\nversion = "3.10.5"\n'},
            "3.10.5",
            None,
            "poetry.lock",
        ),
        (
            {
                "uv.lock": 'version = 1\n[[package]]\nname = "jira"\nversion = "3.8.0"\n'
                'source = { registry = "x" }\n'
            },
            "3.8.0",
            None,
            "uv.lock",
        ),
        # packages that declare what they need only in setup.py / setup.cfg (never run)
        (
            {
                "setup.py": "from setuptools import setup\n\nsetup(\n    name='poster',\n"
                "    install_requires=['typer>=0.3', 'atlassian-python-api==3.11.0'],\n)\n"
            },
            "3.11.0",
            None,
            "setup.py",
        ),
        (
            {"setup.cfg": "[metadata]\nname = bot\n[options]\ninstall_requires =\n"
             "    requests>=2\n    jira>=3.5,<3.9\n"},
            None,
            "<3.9,>=3.5",
            "setup.cfg",
        ),
    ],
)
def test_python_formats(
    tmp_path: Path, files: dict[str, str], version: str | None, spec: str | None, source: str | None
) -> None:
    write(tmp_path, files)
    package = "atlassian-python-api" if "atlassian" in "".join(files.values()) else "jira"
    found = detect_version(tmp_path, "pypi", package)
    if source is None:  # the -r include: the version comes from the included file's line
        assert found.version == "3.41.21" and found.source == tmp_path / "requirements.txt"
        return
    assert (found.version, found.spec, found.assumed) == (version, spec, False)
    assert found.source == tmp_path / source


def test_python_lock_beats_declared_range(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "bot"\ndependencies = ["jira>=3.5"]\n',
            "poetry.lock": '[[package]]\nname = "jira"\nversion = "3.8.0"\n',
        },
    )
    found = detect_version(tmp_path / "src" / "bot", "pypi", "jira")
    assert (found.version, found.locked, found.source) == ("3.8.0", True, tmp_path / "poetry.lock")


def test_python_nearest_project_wins_and_names_are_normalised(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "jira==3.10.5\n",
            "tools/sync/requirements.txt": "Atlassian_Python.API==3.41.21\njira==3.8.0\n",
        },
    )
    found = detect_version(tmp_path / "tools" / "sync", "pypi", "jira")
    assert (found.version, found.source) == ("3.8.0", tmp_path / "tools" / "sync" / "requirements.txt")
    assert detect_version(tmp_path / "tools" / "sync", "pypi", "atlassian-python-api").version == "3.41.21"
    assert detect_version(tmp_path / "other", "pypi", "jira").version == "3.10.5"


def test_unknown_is_assumed(tmp_path: Path) -> None:
    write(tmp_path, {"requirements.txt": "requests==2.32.0\n", "package.json": "{}"})
    for ecosystem, name in (("pypi", "jira"), ("npm", "jira.js")):
        found = detect_version(tmp_path, ecosystem, name)  # type: ignore[arg-type]
        assert (found.version, found.spec, found.assumed, found.source) == (None, None, True, None)


def test_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, {"requirements.txt": "jira==3.8.0\n"})
    write(tmp_path / "vendored", {"README": "x"})  # its own .git: a separate repository
    assert detect_version(tmp_path / "vendored", "pypi", "jira").assumed
    assert detect_version(tmp_path / "vendored", "pypi", "jira", stop_at=tmp_path / "vendored").assumed


# --------------------------------------------------------------------------- JavaScript


LOCK_V3 = {
    "name": "svc",
    "lockfileVersion": 3,
    "packages": {
        "": {"dependencies": {"jira.js": "^4.0.0"}},
        "node_modules/jira.js": {"version": "4.1.3"},
        "packages/legacy/node_modules/jira.js": {"version": "2.19.1"},
    },
}


@pytest.mark.parametrize(
    ("files", "version", "spec", "source"),
    [
        ({"package.json": '{"dependencies": {"jira.js": "^5.2.0"}}'}, None, "^5.2.0", "package.json"),
        ({"package.json": '{"devDependencies": {"jira.js": "4.1.3"}}'}, "4.1.3", None, "package.json"),
        ({"package.json": '{"dependencies": {"jira.js": "latest"}}'}, None, None, "package.json"),
        ({"package-lock.json": json.dumps(LOCK_V3)}, "4.1.3", None, "package-lock.json"),
        (
            {
                "package-lock.json": json.dumps(
                    {"lockfileVersion": 1, "dependencies": {"jira.js": {"version": "2.4.2"}}}
                )
            },
            "2.4.2",
            None,
            "package-lock.json",
        ),
        (
            {
                "yarn.lock": '# yarn lockfile v1\n\n"jira.js@^4.0.0", jira.js@^4.1.0:\n  version "4.1.3"\n'
                '  resolved "https://example.invalid/jira.js-4.1.3.tgz"\n'
            },
            "4.1.3",
            None,
            "yarn.lock",
        ),
        (
            {
                "yarn.lock": '__metadata:\n  version: 6\n\n"jira.js@npm:^5.0.0":\n  version: 5.4.0\n'
                '  resolution: "jira.js@npm:5.4.0"\n'
            },
            "5.4.0",
            None,
            "yarn.lock",
        ),
        (
            {
                "pnpm-lock.yaml": "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n"
                "      jira.js:\n"
                "        specifier: ^6.0.0\n        version: 6.2.0\n"
            },
            "6.2.0",
            None,
            "pnpm-lock.yaml",
        ),
        (
            {
                "pnpm-lock.yaml": "lockfileVersion: 5.4\ndependencies:\n  jira.js: 4.1.3\n"
                "packages:\n  /jira.js/4.1.3:\n    dev: false\n"
            },
            "4.1.3",
            None,
            "pnpm-lock.yaml",
        ),
    ],
)
def test_javascript_formats(
    tmp_path: Path, files: dict[str, str], version: str | None, spec: str | None, source: str
) -> None:
    write(tmp_path, files)
    found = detect_version(tmp_path, "npm", "jira.js")
    assert (found.version, found.spec, found.assumed) == (version, spec, False)
    assert found.source == tmp_path / source


def test_npm_workspace_package_gets_its_own_nested_version(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package-lock.json": json.dumps(LOCK_V3),
            "packages/legacy/package.json": '{"dependencies": {"jira.js": "^2.0.0"}}',
        },
    )
    found = detect_version(tmp_path / "packages" / "legacy" / "src", "npm", "jira.js")
    assert (found.version, found.locked) == ("2.19.1", True)
    assert detect_version(tmp_path / "src", "npm", "jira.js").version == "4.1.3"


def test_scoped_and_aliased_npm_names(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "yarn.lock": '"@acme/jira@^1.0.0":\n  version "1.2.3"\n',
            "package.json": '{"dependencies": {"jira-client": "npm:jira-client@^8.0.0"}}',
        },
    )
    assert detect_version(tmp_path, "npm", "@acme/jira").version == "1.2.3"
    assert detect_version(tmp_path, "npm", "jira-client").spec == "^8.0.0"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "content", "ecosystem"),
    [
        ("package.json", "{not json", "npm"),
        ("package-lock.json", "[1, 2", "npm"),
        ("pnpm-lock.yaml", "importers: [unclosed\n  - : :", "npm"),
        ("pyproject.toml", "[project\ndependencies = ", "pypi"),
        ("Pipfile.lock", "\x00\x01binary\x00", "pypi"),
        ("poetry.lock", "[[package]]\nname = [\n", "pypi"),
        ("uv.lock", "version = 1\npackage = 3\n", "pypi"),
        ("setup.py", "print 'python 2'\nsetup(install_requires=[\n", "pypi"),
        ("setup.cfg", "[options\ninstall_requires = jira\n", "pypi"),
    ],
)
def test_bad_manifest_is_one_warning_never_a_crash(
    tmp_path: Path, name: str, content: str, ecosystem: str
) -> None:
    write(tmp_path, {name: content})
    warnings: list[str] = []
    package = "jira.js" if ecosystem == "npm" else "jira"
    found = detect_version(tmp_path / "src", ecosystem, package, warnings=warnings)  # type: ignore[arg-type]
    assert found.assumed
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{tmp_path / name}: ") and "\n" not in warnings[0]


def test_bad_lock_falls_back_to_the_declared_version(tmp_path: Path) -> None:
    write(
        tmp_path, {"package-lock.json": "{broken", "package.json": '{"dependencies": {"jira.js": "^5.2.0"}}'}
    )
    warnings: list[str] = []
    found = detect_version(tmp_path, "npm", "jira.js", warnings=warnings)
    assert (found.spec, found.source) == ("^5.2.0", tmp_path / "package.json")
    assert len(warnings) == 1 and "package-lock.json" in warnings[0]


def test_requirement_lines_that_are_not_requirements_are_skipped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "jira===\n!!! nonsense\n-e git+https://example.invalid/x\n"
            "--index-url https://example.invalid\n" + "x" * 100_000 + "\n"
            "jira==3.8.0 ; python_version >= '3.9'\n"
        },
    )
    assert detect_version(tmp_path, "pypi", "jira").version == "3.8.0"


def test_symlink_loop_and_unreadable_folder_do_not_crash(tmp_path: Path) -> None:
    write(tmp_path, {"requirements.txt": "jira==3.8.0\n"})
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert detect_version(tmp_path, "pypi", "jira").version == "3.8.0"


def test_fifo_device_and_deep_nesting_never_hang_or_crash(tmp_path: Path) -> None:
    import os

    write(tmp_path, {"requirements.txt": "jira==3.8.0\n"})
    os.mkfifo(tmp_path / "package.json")  # never opened: not a regular file
    (tmp_path / "package-lock.json").symlink_to("/dev/zero")
    (tmp_path / "Pipfile.lock").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    warnings: list[str] = []
    assert detect_version(tmp_path, "npm", "jira.js", warnings=warnings).assumed
    assert detect_version(tmp_path, "pypi", "jira", warnings=warnings).version == "3.8.0"
    assert len(warnings) == 1 and "Pipfile.lock" in warnings[0] and "\n" not in warnings[0]


# --------------------------------------------------------------------------- Go


def test_go_mod_require_lines_and_blocks(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "go.mod": "module example.com/ops\n\ngo 1.22\n\n"
            "require github.com/andygrunwald/go-jira v1.16.0 // the old job\n\n"
            "require (\n\tgithub.com/go-resty/resty/v2 v2.11.0\n"
            "\tgithub.com/andygrunwald/go-jira/v2 v2.0.0-20260113181222-a17356f7cb78 // indirect\n)\n\n"
            "replace github.com/andygrunwald/go-jira => ../fork\n",
            "cmd/ops/main.go": "package main\n",
        },
    )
    folder = root / "cmd" / "ops"
    v1 = detect_version(folder, "go", "github.com/andygrunwald/go-jira")
    assert (v1.version, v1.assumed, v1.locked) == ("1.16.0", False, True)
    assert v1.source == root / "go.mod"
    v2 = detect_version(folder, "go", "github.com/andygrunwald/go-jira/v2")
    assert v2.version == "2.0.0-20260113181222-a17356f7cb78"
    # module paths are exact: a package inside a module or another case is not the module
    assert detect_version(folder, "go", "github.com/andygrunwald/go-jira/v2/cloud").assumed
    assert detect_version(folder, "go", "github.com/AndyGrunwald/go-jira").assumed


def test_broken_go_mod_is_a_one_line_warning(tmp_path: Path) -> None:
    root = write(tmp_path, {"go.mod": "\x00\x01binary"})
    warnings: list[str] = []
    found = detect_version(root, "go", "github.com/andygrunwald/go-jira", warnings=warnings)
    assert found.assumed
    assert len(warnings) == 1 and "go.mod" in warnings[0] and "\n" not in warnings[0]
