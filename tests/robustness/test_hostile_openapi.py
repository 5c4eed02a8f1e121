"""`kb build` on broken, hostile or unexpected OpenAPI documents: a one-line error (or a
table built with warnings), never a traceback, and never a half-written table: the table
that was there before is left byte for byte as it was."""

from __future__ import annotations

import json
import os
from contextlib import chdir
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from robustness_helpers import run_scopelint

from scopelint.cli.main import cli
from scopelint.kb.table import load_table

PREVIOUS_TABLE = '{"previous": "table"}\n'
OK_OPERATION: dict[str, Any] = {
    "get": {
        "responses": {"200": {"description": "ok"}},
        "x-atlassian-oauth2-scopes": [
            {"scheme": "OAuth2", "state": "Current", "scopes": ["read:jira-work"]}
        ],
    }
}


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "openapi": "3.0.1",
        "info": {"title": "Jira", "version": "1"},
        "paths": {"/rest/api/3/myself": OK_OPERATION},
    }
    base.update(changes)
    return base


def alias_bomb(prefix: str = "x-") -> str:
    """YAML keys ``x-a`` .. ``x-i``, each nine aliases of the one before: 9**9 leaves."""
    lines = [f'{prefix}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{prefix}{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


# name -> file content; each is refused with one line
REFUSED: dict[str, bytes] = {
    "empty.json": b"",
    "whitespace.yaml": b" \n\t\n",
    "random.json": bytes(range(256)) * 64,
    "utf16.json": json.dumps(document()).encode("utf-16"),
    "deep.json": b'{"openapi": "3.0.1", "paths": {}, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "deep.yaml": b"openapi: 3.0.1\npaths: {}\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "huge-number.json": b'{"openapi": "3.0.1", "paths": {}, "x": ' + b"9" * 100_000 + b"}",
    "python-tag.yaml": b"openapi: 3.0.1\ninfo: !!python/object/apply:os.system ['touch hacked']\npaths: {}\n",
    "python-name.yaml": b"openapi: 3.0.1\npaths: !!python/name:os.system\n",
    "openapi-2.json": b'{"swagger": "2.0", "paths": {}}',
    "openapi-number.yaml": b"openapi: 2\npaths: {}\n",
    "paths-a-list.json": json.dumps(document(paths=["/rest/api/3/myself"])).encode(),
    "a-string.json": b'"openapi: 3.0.1"',
}

# name -> content that loads: built, perhaps with validation warnings, never a traceback
BUILT: dict[str, bytes] = {
    "alias-bomb-extension.yaml": (
        "openapi: 3.0.1\ninfo: {title: Jira, version: '1'}\n" + alias_bomb() + "paths:\n"
        "  /rest/api/3/myself:\n    get:\n      responses: {'200': {description: ok}}\n"
        "      x-big: *i\n      x-atlassian-oauth2-scopes: *i\n"
    ).encode(),
    "non-string-keys.yaml": (
        b"openapi: 3.0.1\ninfo: {title: Jira, version: '1'}\npaths:\n"
        b"  1: {get: {responses: {}}}\n  null: {}\n  [a]: {}\n"
    ),
    "nan-and-infinity.json": (
        b'{"openapi": "3.0.1", "info": {"title": "Jira", "version": NaN}, "paths": '
        b'{"/rest/api/3/myself": {"get": {"responses": {}, "x-atlassian-oauth2-scopes": '
        b'[{"scheme": "OAuth2", "state": Infinity, "scopes": ["read:jira-work"]}]}}}}'
    ),
    "wrong-types-everywhere.json": json.dumps(
        document(
            paths={
                "/rest/api/3/myself": {
                    "get": {
                        "responses": {},
                        "x-atlassian-oauth2-scopes": [
                            [1, 2], None, {"scopes": [None, 1, {"a": 1}], "state": [], "scheme": {}}
                        ],
                        "security": [None, [], {"OAuth2": None}],
                    },
                    "parameters": "x",
                },
                "/rest/api/3/issue": None,
                "/rest/api/3/project": {"get": None, "post": []},
            },
            components={"securitySchemes": []},
            servers=[None, {"url": 5}],
            info=[],
        )
    ).encode(),
}


@pytest.fixture()
def table(tmp_path: Path) -> Path:
    out = tmp_path / "out" / "table.json"
    out.parent.mkdir()
    out.write_text(PREVIOUS_TABLE, encoding="utf-8")
    os.utime(out, (1_000_000_000, 1_000_000_000))
    return out


def assert_untouched(out: Path) -> None:
    assert out.read_text(encoding="utf-8") == PREVIOUS_TABLE
    assert out.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in out.parent.iterdir()) == ["table.json"]  # no temporary left


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_broken_document_is_one_line_and_the_table_is_untouched(
    tmp_path: Path, table: Path, name: str
) -> None:
    source = tmp_path / name
    source.write_bytes(REFUSED[name])
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document()), encoding="utf-8")
    with chdir(tmp_path):
        result = CliRunner().invoke(cli, ["kb", "build", "--out", str(table), str(good), str(source)])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"scopelint: error: {source}: ")
    assert result.stdout == ""
    assert not (tmp_path / "hacked").exists()  # a YAML tag constructs nothing
    assert_untouched(table)


@pytest.mark.parametrize("name", sorted(BUILT))
def test_an_odd_document_builds_or_refuses_in_one_line(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(BUILT[name])
    out = tmp_path / "table.json"
    run = run_scopelint(["kb", "build", "--out", str(out), str(source)], tmp_path, tmp_path)
    assert "Traceback" not in run.stderr
    assert all(line.startswith("scopelint: ") for line in run.stderr.splitlines()), run.stderr
    assert run.returncode == 0, run.stderr
    kb = load_table(out)  # what was written is a whole, loadable table
    for operation in kb.operations:
        for alternative in operation.alternatives:
            assert all(isinstance(scope, str) and scope.isprintable() for scope in alternative.scopes)
            assert "None" not in alternative.scopes


def test_scopes_of_the_wrong_type_never_become_scope_names(tmp_path: Path) -> None:
    source = tmp_path / "wrong.json"
    source.write_bytes(BUILT["wrong-types-everywhere.json"])
    out = tmp_path / "table.json"
    result = CliRunner().invoke(cli, ["kb", "build", "--no-validate", "--out", str(out), str(source)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["scopes"] == []


def test_a_fifo_as_a_document_is_the_users_argument(tmp_path: Path, table: Path) -> None:
    fifo = tmp_path / "spec.json"
    os.mkfifo(fifo)
    # Reading a named pipe the user gave blocks like `cat` would; the writer end closes at once.
    pid = os.fork()
    if pid == 0:  # child: open the writer end, write nothing, leave
        try:
            with open(fifo, "wb"):
                pass
        finally:
            os._exit(0)
    try:
        run = run_scopelint(["kb", "build", "--out", str(table), str(fifo)], tmp_path, tmp_path)
    finally:
        os.waitpid(pid, 0)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"scopelint: error: {fifo}: not an OpenAPI 3 document (no 'openapi: 3.x' field)"
    ]
    assert_untouched(table)
