"""`scopelint check .` on this repository (the README's first command) says something a
reader can explain: our knowledge tables of scope names are not a scope declaration, and our
links to Atlassian's documentation and example URLs are not calls."""

from __future__ import annotations

from pathlib import Path

from scopelint.check.engine import LintOptions, scan_project

REPO = Path(__file__).resolve().parent.parent


def test_the_knowledge_base_and_messages_declare_and_call_nothing() -> None:
    outcome = scan_project(LintOptions(
        paths=[Path("scopelint/kb"), Path("scopelint/rules"), Path("scopelint/explain")], cwd=REPO,
    ))
    assert outcome.files, "the repository's own code was not scanned"
    assert outcome.declarations == []
    assert [c for c in outcome.calls if c.kind == "call"] == []
    assert outcome.warnings == []
