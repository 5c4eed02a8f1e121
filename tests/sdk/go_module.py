"""A small Go module in go-jira's shape (``tests/fixtures/sdk/go``), zipped the way the Go module
proxy serves it, and SDK tables built from it into a folder scopelint reads instead of the
shipped ``data/sdk`` (tests never depend on a shipped go-jira table)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from scripts.sdk import build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sdk" / "go"
SCHEMA = Path(__file__).resolve().parents[2] / "data" / "sdk" / "sdk-table.schema.json"
V1 = "github.com/andygrunwald/go-jira"
V2 = "github.com/andygrunwald/go-jira/v2"
V2_VERSION = "v2.0.0-20260113181222-a17356f7cb78"


def module_zip(proxy: Path, module: str, version: str, folder: Path, package: str = "") -> Path:
    """``<proxy>/<module>/@v/<version>.zip`` holding ``folder``'s files as the proxy lays
    them out (``<module>@<version>/<package>/<file>``), plus a go.mod and a README."""
    target = proxy / build.escape_module(module) / "@v" / f"{version}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{module}@{version}/"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr(prefix + "go.mod", f"module {module}\n\ngo 1.21\n")
        zf.writestr(prefix + "README.md", "rest/api/2/issue/%s is in a README: not Go\n")
        for path in sorted(folder.glob("*.go")):
            zf.writestr(prefix + (package + "/" if package else "") + path.name, path.read_bytes())
    return target


def fake_proxy(root: Path) -> Path:
    module_zip(root, V1, "v1.16.0", FIXTURES / "v1")
    module_zip(root, V2, V2_VERSION, FIXTURES / "v2" / "cloud", package="cloud")
    return root


def build_tables(
    tmp_path: Path, proxy: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> tuple[int, Path]:
    """Run ``scripts/sdk/build.py --only go-jira`` against a ``file://`` GOPROXY."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    shutil.copy(SCHEMA, out / SCHEMA.name)
    monkeypatch.setenv("GOPROXY", f"direct,{proxy.as_uri()}")
    code = build.main(["--only", "go-jira", "--out", str(out), "--cache", str(tmp_path / "cache"), *extra])
    return code, out


def use_tables(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make scopelint read its SDK tables from ``out`` (for this test only)."""
    from scopelint.kb import sdk as kb_sdk
    from scopelint.scanning.core import sdk as core_sdk

    monkeypatch.setattr(kb_sdk, "sdk_dir", lambda: out)
    monkeypatch.setattr(core_sdk, "_sdk_root", lambda: str(out))
    kb_sdk._load_index.cache_clear()
    kb_sdk._load_table.cache_clear()
    core_sdk._index_lines.cache_clear()
