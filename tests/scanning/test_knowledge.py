"""Client knowledge is data: every knowledge file is valid against its JSON Schema, every row
uses a calling convention its language package implements, and scanning never needs jsonschema."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from scopelint.scanning.core.knowledge import CONVENTIONS, KNOWLEDGE_DIR, build, knowledge_files, table

SCHEMA = json.loads((KNOWLEDGE_DIR / "clients.schema.json").read_text(encoding="utf-8"))
FILES = knowledge_files()


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_there_is_a_knowledge_file_per_language() -> None:
    assert {path.stem for path in FILES} >= {"python", "javascript", "shell", "go", "jvm", "php"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_knowledge_file_is_valid_against_the_schema(path: Path) -> None:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(load(path)), key=str)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []
    assert load(path)["language"] == path.stem


@pytest.mark.parametrize(
    ("bad", "complaint"),
    [
        ({"client": [{"name": "x", "call": [{"names": ["x.get"]}]}]}, "'convention' is a required"),
        ({"client": [{"name": "x", "call": [{"names": ["x.get"], "convention": "telepathy"}]}]},
         "is not one of"),
        ({"client": [{"name": "x", "call": [{"names": ["x.y"], "convention": "endpoint"}]}]},
         "'http_method' is a required"),
        ({"client": [{"name": "x", "call": [{"names": ["x"], "convention": "factory"}]}]},
         "'returns' is a required"),
        ({"client": [{"name": "x", "call": [{"names": ["x.get"], "convention": "verb",
                                              "url": {"position": -1}}]}]}, "less than the minimum"),
        ({"command": [{"names": ["curl"], "convention": "argv", "short_with_value": "-X"}]},
         "does not match"),
        ({"clients": []}, "Additional properties"),
    ],
)
def test_the_schema_rejects_broken_rows(bad: dict[str, Any], complaint: str) -> None:
    errors = [e.message for e in Draft202012Validator(SCHEMA).iter_errors({"language": "x", **bad})]
    assert any(complaint in message for message in errors), errors


# What each language package implements (its calling conventions, as in the package).
IMPLEMENTED = {
    "python": "scopelint.scanning.languages.python.calls",
    "javascript": "scopelint.scanning.languages.javascript.clients",
    # the languages on the core's shared model (Go, Java/Kotlin, PHP) share one recogniser
    "go": "scopelint.scanning.core.recognise",
    "jvm": "scopelint.scanning.core.recognise",
    "php": "scopelint.scanning.core.recognise",
}


@pytest.mark.parametrize("language", sorted(IMPLEMENTED))
def test_every_row_uses_a_convention_its_language_implements(language: str) -> None:
    import importlib

    implemented = importlib.import_module(IMPLEMENTED[language]).CONVENTIONS
    assert set(implemented) <= set(CONVENTIONS)
    used = {row.convention for row in (*table(language).exact.values(),
                                       *table(language).any_receiver.values())}
    assert used <= set(implemented), used - set(implemented)


def test_verb_patterns_expand_and_any_receiver_rows_are_kept_apart() -> None:
    document = {
        "language": "x",
        "verbs": {"get": "GET", "del": "DELETE"},
        "client": [{"name": "c", "call": [
            {"names": ["c.{verb}", "*.{verb}"], "convention": "verb"},
            {"names": ["c.Session"], "convention": "factory", "returns": "c.Session"},
        ]}],
    }
    built = build(document)
    assert set(built.exact) == {"c.get", "c.del", "c.Session"}
    assert set(built.any_receiver) == {"get", "del"}
    assert built.lookup("c.Session.get", "get") is built.any_receiver["get"]
    assert built.lookup("c.get") is built.exact["c.get"]
    assert built.lookup("other") is None


def test_reading_the_knowledge_never_imports_jsonschema() -> None:
    code = (
        "import sys\n"
        "from scopelint.scanning.core.knowledge import table\n"
        "for language in ('python', 'javascript', 'shell'):\n"
        "    table(language)\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_the_compiled_json_is_the_toml_file_s_data(path: Path) -> None:
    """Runs load <language>.json (parsing TOML costs a hook run milliseconds): `make knowledge`
    writes it, and it must say exactly what the TOML file says."""
    from scopelint.scanning.core.knowledge import compiled

    written = path.with_suffix(".json")
    assert written.is_file(), "run `make knowledge`"
    assert written.read_text(encoding="utf-8") == compiled(path), "run `make knowledge`"
    assert json.loads(written.read_text(encoding="utf-8")) == load(path)
