"""The corpus's ground truth stays true to its files, so it cannot rot.

These tests check the corpus itself, never what scopelint finds in it (that is `make eval`):
every EXPECTED.toml matches its schema; every call, finding and decoy points at a file and a line
that exist and hold the quoted text; every path template is an operation of scopelint's table,
or is marked dropped (and then an older Atlassian document had it) or unknown on purpose.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import evaluate  # tests/corpus/evaluate.py (pytest puts this folder on sys.path)
import pytest

CORPUS = Path(__file__).resolve().parent
SCHEMA = json.loads((CORPUS / "expected.schema.json").read_text(encoding="utf-8"))
PROJECTS = sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__")
OLDER_DOCUMENTS = ("history/*.json", "jira-platform-2022.json")


def lines_of(path: Path) -> list[str]:
    """The file's lines as an editor numbers them (\\n, \\r\\n or \\r), whatever the encoding."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        text = raw.decode("utf-8-sig", errors="replace")
    return re.split(r"\r\n|\r|\n", text)


def expected_of(project: Path) -> dict[str, Any]:
    return tomllib.loads((project / "EXPECTED.toml").read_text(encoding="utf-8"))


def entries(kind: str) -> list[tuple[Path, dict[str, Any]]]:
    return [(p, entry) for p in PROJECTS if (p / "EXPECTED.toml").is_file()
            for entry in expected_of(p).get(kind, [])]


def entry_id(item: tuple[Path, dict[str, Any]]) -> str:
    project, entry = item
    return f"{project.name}/{entry['file']}:{entry.get('line', '*')}"


CALLS = entries("call")
LOCATED = [*CALLS, *entries("finding"), *[e for e in entries("decoy") if "line" in e[1]]]


def test_there_is_a_corpus() -> None:
    assert len(PROJECTS) >= 20
    assert len(CALLS) >= 150


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_has_ground_truth_matching_the_schema(project: Path) -> None:
    from jsonschema import Draft202012Validator

    assert (project / "EXPECTED.toml").is_file(), f"{project.name} has no EXPECTED.toml"
    assert (project / "README.md").is_file(), f"{project.name} has no README.md"
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(expected_of(project)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert evaluate.load_project(project).name == project.name


@pytest.mark.parametrize("item", LOCATED, ids=entry_id)
def test_entry_points_at_an_existing_line_holding_its_text(item: tuple[Path, dict[str, Any]]) -> None:
    project, entry = item
    target = (project / entry["file"]).resolve()
    assert target.is_relative_to(project.resolve()), f"{entry['file']} leaves the project"
    assert target.is_file(), f"{entry['file']} does not exist"
    lines = lines_of(target)
    assert entry["line"] <= len(lines), f"{entry['file']} has only {len(lines)} lines"
    assert entry.get("end_line", entry["line"]) <= len(lines), f"{entry['file']} has only {len(lines)} lines"
    assert entry.get("end_line", entry["line"] + 1) > entry["line"], "end_line must come after line"
    assert entry["text"] in lines[entry["line"] - 1], (
        f"line {entry['line']} of {entry['file']} is {lines[entry['line'] - 1]!r}, "
        f"which does not hold {entry['text']!r}"
    )


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_whole_file_decoys_exist(project: Path) -> None:
    for decoy in expected_of(project).get("decoy", []):
        assert (project / decoy["file"]).is_file(), f"decoy {decoy['file']} does not exist"


@cache
def older_operations(specs: Path) -> frozenset[tuple[str, str]]:
    """(METHOD, path) of every operation in the older copies of Atlassian's documents."""
    found: set[tuple[str, str]] = set()
    for pattern in OLDER_DOCUMENTS:
        for document in sorted(specs.glob(pattern)):
            data = json.loads(document.read_text(encoding="utf-8"))
            for path, item in data.get("paths", {}).items():
                for method in item:
                    found.add((method.upper(), path))
    return frozenset(found)


@pytest.mark.parametrize("item", CALLS, ids=entry_id)
def test_path_template_is_an_operation_or_marked(item: tuple[Path, dict[str, Any]], request: Any) -> None:
    from scopelint.kb.table import load_default

    _, call = item
    method, path, status = call["method"], call["path"], call.get("status")
    if status is None:
        operation = load_default().operation(method, path)
        assert operation is not None, (
            f"{method} {path} is not an operation of scopelint's table; fix the template, or mark it "
            f"status = \"dropped\" / \"unknown\" with a note"
        )
    elif status == "dropped":
        specs = request.getfixturevalue("specs_dir")  # skips with a reason when the documents are absent
        assert (method, path) in older_operations(specs), (
            f"{method} {path} is marked dropped but no older document in {specs} has it"
        )
    else:
        assert call.get("note"), "an unknown-on-purpose template needs a note saying why"


def test_finding_codes_are_rules() -> None:
    from scopelint.rules import rule_infos

    known = set(rule_infos())
    for project in PROJECTS:
        data = expected_of(project)
        listed = set(data.get("finding_codes", []))
        assert listed <= known, f"{project.name}: unknown codes {sorted(listed - known)}"
        for finding in data.get("finding", []):
            assert finding["code"] in listed, (
                f"{project.name}: a {finding['code']} finding is listed but {finding['code']} is not "
                "in finding_codes, so the evaluator would never score it"
            )


def test_readme_describes_every_project() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in PROJECTS if f"`{p.name}`" not in readme]
    assert not missing, f"tests/corpus/README.md does not describe {missing}"
