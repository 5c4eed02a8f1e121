"""`suggest --from APP --format manifest` prints the whole permissions: block of a Forge app."""

from __future__ import annotations

import shutil
from contextlib import chdir
from pathlib import Path

from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.config import load_yaml_text

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"


def scopelint(args: list[str], cwd: Path) -> Result:
    with chdir(cwd):
        return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_the_block_holds_rest_and_platform_scopes_egress_and_images(tmp_path: Path) -> None:
    root = tmp_path / "app"
    shutil.copytree(PROJECTS / "forge-risk-app", root)
    (root / ".git").mkdir()

    result = scopelint(["suggest", "--from", ".", "--format", "manifest"], root)

    assert result.exit_code == 0, result.output
    block = load_yaml_text(result.stdout)["permissions"]
    assert "storage:app" in block["scopes"]
    assert "read:issue:jira" in block["scopes"]  # GET /rest/api/3/issue/{key}, granular
    assert block["external"] == {  # {address} entries: Forge CLI 13.3 deprecates plain strings
        "fetch": {
            "backend": [{"address": "api.example.com"}, {"address": "audit.example.org"}],
            "client": [{"address": "cdn.example.com"}],
        },
        "images": [{"address": "images.example.com"}],
    }
    assert "# src/index.js:11 kvs.get" in result.stdout  # each entry says why

    # Pasted as the app's permissions, it leaves nothing missing.
    rules = ["check", "--select", "SL002,SL014,SL015,SL016,SL017,SL019"]
    assert scopelint(rules, root).exit_code == 1  # the app's own manifest lacks permissions
    manifest = (root / "manifest.yml").read_text(encoding="utf-8")
    head = manifest.split("permissions:\n", 1)[0]
    tail = "app:" + manifest.split("\napp:", 1)[1]
    pasted = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    (root / "manifest.yml").write_text(head + pasted + "\n" + tail, encoding="utf-8")
    check = scopelint(rules, root)
    assert check.exit_code == 0, check.output


def test_a_forge_app_whose_code_needs_only_platform_permissions(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "src").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "manifest.yml").write_text("app:\n  id: x\nmodules: {}\n", encoding="utf-8")
    (root / "src" / "index.js").write_text(
        "import { kvs } from '@forge/kvs';\nexport const run = () => kvs.get('k');\n", encoding="utf-8"
    )

    result = scopelint(["suggest", "--from", ".", "--format", "manifest"], root)

    assert result.exit_code == 0, result.output
    assert load_yaml_text(result.stdout) == {"permissions": {"scopes": ["storage:app"]}}
