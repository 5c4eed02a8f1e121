"""The README's first steps work as written: installing scopelint for one's own project, and
the pre-commit configurations it shows (no `rev:` naming a tag that does not exist; the
`repo: local` variant runs the installed scopelint through the real pre-commit)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from precommit_helpers import clean_env, git
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", README, re.S)


def test_use_it_on_your_own_project_follows_the_two_commands() -> None:
    two_commands = README.index("make install && .venv/bin/scopelint check .")
    section = README.index("### Use it on your own project")
    assert two_commands < section < README.index("## A short tour")
    text = README[section:README.index("## A short tour")]
    assert "pipx install /path/to/scopelint" in text
    assert "pipx install git+https://github.com/scopelint/scopelint" in text
    assert "pip install" in text
    assert "scopelint check path/to/project" in text


def test_no_pre_commit_rev_names_a_tag_that_does_not_exist() -> None:
    tags = set(git(REPO_ROOT, "tag").split()) if (REPO_ROOT / ".git").exists() else set()
    assert len(BLOCKS) == 2, "the pre-commit section shows the remote hook and the local one"
    for block in BLOCKS:
        for repo in YAML(typ="safe").load(block)["repos"]:
            rev = repo.get("rev")
            if rev is None:
                assert repo["repo"] == "local"
                continue
            assert re.fullmatch(r"[0-9a-f]{40}", rev) or rev in tags, f"rev {rev!r} is no sha nor tag"
    for action in re.findall(r"uses: scopelint/scopelint@(\S+)", README):
        assert action.startswith("<") or action in tags, action


def test_the_local_hook_runs_the_installed_scopelint(repo: Path, tmp_path: Path) -> None:
    local = next(block for block in BLOCKS if "repo: local" in block)
    (repo / ".pre-commit-config.yaml").write_text(local, encoding="utf-8")
    (repo / "bin").mkdir()
    (repo / "bin" / "whoami").write_text(
        "#!/bin/bash\ncurl -u \"$A\" https://acme.atlassian.net/rest/api/3/myself\n", encoding="utf-8")
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    git(repo, "add", "-A")
    scripts = str(Path(sys.executable).parent)  # where this environment's scopelint is
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "home"), PATH=scripts + os.pathsep + os.environ["PATH"])

    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never"], cwd=repo,
                         env=env, capture_output=True, text=True, timeout=300, check=False)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "bin/whoami:2:22: SL001 [hardcoded-site-url]" in run.stdout
    assert "logo.png" not in run.stdout
