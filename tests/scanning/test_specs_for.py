"""Choosing the extractors of a file by its name (remembered per name) gives what the full
rules give, also where a glob names folders (``.github/workflows/*.yml``)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from scopelint.scanning.registry import _by_rules, specs_for

PATHS = (
    "app.py", "src/App.TS", "web/x.min.js", "config/settings.yml", "deploy/Dockerfile",
    "deploy/api.Dockerfile", "Dockerfile.prod", ".env.local", "docs/README.md",
    "jira.postman_collection.json", "manifest.yml", "pyproject.toml", ".scopelint.toml",
    ".github/workflows/ci.yml", "app/.github/workflows/ci.yaml", ".github/actions/x/action.yml",
    "workflows/ci.yml", "github/workflows/ci.yml", ".github/ci.yml", "bin/backup",
)


@pytest.mark.parametrize("path", PATHS)
def test_by_name_answers_as_the_full_rules(path: str) -> None:
    posix = PurePosixPath(path)
    assert specs_for(posix) == list(_by_rules(posix))
    assert specs_for(posix) == specs_for(posix)  # the remembered answer once more


def test_a_workflow_is_read_as_ci_only_under_github_workflows() -> None:
    assert [s.name for s in specs_for(PurePosixPath("app/.github/workflows/ci.yml"))] == ["ci"]
    assert [s.name for s in specs_for(PurePosixPath("app/workflows/ci.yml"))] == ["config"]
