"""`check --add-suppressions` (ruff's --add-noqa): today's findings get a comment in each file's
own syntax; the file means what it meant; a second run finds nothing (issue #18 item 3)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from cli_helpers import check_json, scopelint, write_tree

SITE = "https://acme.atlassian.net/rest/api/3/myself"
TOKEN = "ATATT3xFfGF0" + "a1B2c3D4e5F6g7H8i9J0" * 9 + "=ABCD1234"


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_tree(tmp_path, files)


def add(root: Path, *args: str) -> tuple[int, str, str]:
    result = scopelint(["check", "--add-suppressions", *args], root)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("app.py", f'import requests\nrequests.get("{SITE}")\n',
         f'import requests\nrequests.get("{SITE}")  # scopelint: ignore[SL001]\n'),
        ("client.ts", f"await fetch('{SITE}');\n",
         f"await fetch('{SITE}');  // scopelint: ignore[SL001]\n"),
        ("fetch.sh", f"#!/bin/sh\ncurl -s {SITE}\n",
         f"#!/bin/sh\ncurl -s {SITE}  # scopelint: ignore[SL001]\n"),
        (".env", "JIRA_URL=https://acme.atlassian.net/rest/api/3\n",
         "# scopelint: ignore[SL001]\nJIRA_URL=https://acme.atlassian.net/rest/api/3\n"),
        ("Makefile", f"whoami:\n\tcurl -s {SITE}\n",
         f"whoami:\n# scopelint: ignore[SL001]\n\tcurl -s {SITE}\n"),
        ("Sync.java", f'class Sync {{\n  String url = "{SITE}";\n}}\n',
         f'class Sync {{\n  String url = "{SITE}";  // scopelint: ignore[SL001]\n}}\n'),
        ("sync.go", f'package sync\n\nconst url = "{SITE}"\n',
         f'package sync\n\nconst url = "{SITE}"  // scopelint: ignore[SL001]\n'),
        ("Sync.ps1", f"$me = Invoke-RestMethod -Uri '{SITE}' -Headers $h\n",
         f"$me = Invoke-RestMethod -Uri '{SITE}' -Headers $h  # scopelint: ignore[SL001]\n"),
        ("Program.cs", f'var me = await http.GetStringAsync("{SITE}");\n',
         f'var me = await http.GetStringAsync("{SITE}");  // scopelint: ignore[SL001]\n'),
        ("report.rb", f"require 'net/http'\nNet::HTTP.get(URI('{SITE}'))\n",
         f"require 'net/http'\nNet::HTTP.get(URI('{SITE}'))  # scopelint: ignore[SL001]\n"),
        ("requests.http", f"### who am I\nGET {SITE}\nAccept: application/json\n",
         f"### who am I\n# scopelint: ignore[SL001]\nGET {SITE}\nAccept: application/json\n"),
    ],
)
def test_each_kind_of_file_gets_its_own_comment(name: str, before: str, after: str, tmp_path: Path) -> None:
    root = tree(tmp_path, {name: before})
    assert check_json(root), "the file has a finding to start with"

    code, out, _err = add(root)

    assert code == 0
    assert (root / name).read_text() == after
    assert "Added 1 suppression comment (1 finding) to 1 file." in out
    assert check_json(root) == []


def test_ci_yaml_run_block_gets_a_shell_comment(tmp_path: Path) -> None:
    workflow = textwrap.dedent(f"""\
        name: nightly
        on: [push]
        jobs:
          whoami:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  curl -s -u "$EMAIL:$TOKEN" {SITE}
                  echo done
        """)
    root = tree(tmp_path, {".github/workflows/nightly.yml": workflow})

    code, _out, _err = add(root)

    assert code == 0
    written = (root / ".github/workflows/nightly.yml").read_text()
    assert written == workflow.replace(f"{SITE}\n", f"{SITE}  # scopelint: ignore[SL001]\n")
    assert check_json(root) == []


def test_several_codes_on_a_line_and_a_comment_that_names_other_rules(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
            "app.py": f'import requests\nrequests.get("{SITE}")\n'
            'requests.post("https://acme.atlassian.net/rest/api/3/search")  # scopelint: ignore[SL001]\n',
        },
    )

    code, out, _err = add(root, "app.py")

    assert code == 0
    assert (root / "app.py").read_text() == (
        f'import requests\nrequests.get("{SITE}")  # scopelint: ignore[SL001, SL002]\n'
        'requests.post("https://acme.atlassian.net/rest/api/3/search")  # scopelint: ignore[SL001, SL004]\n'
    )
    assert "Added 2 suppression comments (3 findings) to 1 file." in out
    assert check_json(root, "app.py") == []


def test_json_and_docs_are_skipped_with_a_note(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            "config.json": json.dumps({"jira": "https://acme.atlassian.net/rest/api/3"}) + "\n",
            "NOTES.md": f"token: {TOKEN}\n",
        },
    )
    before = {p: (root / p).read_bytes() for p in ("config.json", "NOTES.md")}

    code, out, err = add(root)

    assert code == 0
    assert {p: (root / p).read_bytes() for p in before} == before
    assert "config.json: JSON has no comments; 1 finding not suppressed" in err
    assert "NOTES.md:" in err and TOKEN not in err + out
    assert "Added 0 suppression comments" in out


def test_a_line_inside_a_multiline_string_is_left_alone(tmp_path: Path) -> None:
    source = f'import requests\nQUERY = """\n{SITE}\n"""\nrequests.get("{SITE}")\n'
    root = tree(tmp_path, {"app.py": source})

    code, _out, err = add(root)

    assert code == 0
    assert (root / "app.py").read_text() == source.replace(
        f'requests.get("{SITE}")\n', f'requests.get("{SITE}")  # scopelint: ignore[SL001]\n'
    )
    # (the finding of a multi-line string is on the line the string starts)
    assert "app.py:2: a comment there would change what the file means" in err


def test_a_line_continued_with_a_backslash_is_left_alone(tmp_path: Path) -> None:
    script = f"#!/bin/sh\ncurl -s \\\n  {SITE}\ncurl -s {SITE} \\\n  -H 'Accept: application/json'\n"
    root = tree(tmp_path, {"fetch.sh": script})
    assert [f["line"] for f in check_json(root)] == [3, 4]

    code, _out, err = add(root)

    assert code == 0
    assert (root / "fetch.sh").read_text() == script.replace(
        f"  {SITE}\n", f"  {SITE}  # scopelint: ignore[SL001]\n"
    )
    assert "fetch.sh:4: the line continues on the next one" in err


def test_a_heredoc_body_is_never_written_into(tmp_path: Path) -> None:
    """A comment inside a here-document would be data written to ~/.netrc, not a comment."""
    script = f"#!/bin/sh\ncat > ~/.netrc <<EOF\nmachine acme.atlassian.net password {TOKEN}\nEOF\n"
    root = tree(tmp_path, {"setup.sh": script})
    assert [(f["code"], f["line"]) for f in check_json(root)] == [("SL008", 3)]

    code, out, err = add(root)

    assert code == 0
    assert (root / "setup.sh").read_text() == script
    assert "setup.sh:3: a comment there would change what the file means" in err
    assert "Added 0 suppression comments (0 findings) to 0 files." in out
    assert TOKEN not in err + out


def test_diff_shows_and_writes_nothing(tmp_path: Path) -> None:
    source = f'import requests\nrequests.get("{SITE}")\n'
    root = tree(tmp_path, {"app.py": source})

    code, out, _err = add(root, "--diff")

    assert code == 0
    assert (root / "app.py").read_text() == source
    assert f'+requests.get("{SITE}")  # scopelint: ignore[SL001]' in out
    assert "Would add 1 suppression comment (1 finding) to 1 file." in out


def test_add_suppressions_cannot_be_combined_with_fix(tmp_path: Path) -> None:
    root = tree(tmp_path, {"app.py": f'import requests\nrequests.get("{SITE}")\n'})

    result = scopelint(["check", "--add-suppressions", "--fix"], root)

    assert result.exit_code == 2
    assert "--add-suppressions" in result.stderr and "--fix" in result.stderr


def test_crlf_line_ends_yaml_and_toml_values(tmp_path: Path) -> None:
    root = tree(tmp_path, {})
    (root / "win.py").write_bytes(f'import requests\r\nrequests.get("{SITE}")\r\n'.encode())
    (root / "settings.yaml").write_text("jira:\n  base_url: https://acme.atlassian.net/rest/api/3\n")
    (root / "tool.toml").write_text('[jira]\nbase_url = "https://acme.atlassian.net/rest/api/3"\n')

    code, out, _err = add(root)

    assert code == 0
    assert (root / "win.py").read_bytes() == (
        f'import requests\r\nrequests.get("{SITE}")  # scopelint: ignore[SL001]\r\n'.encode()
    )
    assert (root / "settings.yaml").read_text() == (
        "jira:\n  base_url: https://acme.atlassian.net/rest/api/3  # scopelint: ignore[SL001]\n"
    )
    assert (root / "tool.toml").read_text() == (
        '[jira]\nbase_url = "https://acme.atlassian.net/rest/api/3"  # scopelint: ignore[SL001]\n'
    )
    assert "Added 3 suppression comments (3 findings) to 3 files." in out
    assert check_json(root) == []


def test_a_java_text_block_is_never_written_into(tmp_path: Path) -> None:
    source = f'class Q {{\n  String q = """\n    {SITE}\n    """;\n}}\n'
    root = tree(tmp_path, {"Q.java": source})
    found = check_json(root)

    code, _out, err = add(root)

    assert code == 0
    assert (root / "Q.java").read_text() == source
    assert found and "would change what the file means" in err


def test_powershell_backtick_continuations_and_here_strings_are_left_alone(tmp_path: Path) -> None:
    """A comment after a PowerShell line continued with ` ends the command there; inside a
    here-string it is text sent to the server."""
    script = (
        "Invoke-RestMethod -Method Delete `\n"
        f"    -Uri '{SITE}' `\n"
        "    -Headers $h\n"
        f"$body = @\"\nsee {SITE}\n\"@\n"
        f"Invoke-RestMethod -Method Post -Uri '{SITE}' -Body $body\n"
    )
    root = tree(tmp_path, {"Remove.ps1": script})
    found = check_json(root)
    assert sorted(f["line"] for f in found if f["code"] == "SL001") == [2, 7]
    codes = ", ".join(sorted({f["code"] for f in found if f["line"] == 7}))

    code, _out, err = add(root)

    assert code == 0
    assert (root / "Remove.ps1").read_text() == script.replace(
        "-Body $body\n", f"-Body $body  # scopelint: ignore[{codes}]\n")
    assert "Remove.ps1:2: the line continues on the next one (ends with `)" in err


def test_a_utf16_powershell_script_keeps_its_encoding(tmp_path: Path) -> None:
    root = tree(tmp_path, {})
    script = f"irm '{SITE}'\r\n"
    (root / "Who.ps1").write_bytes(b"\xff\xfe" + script.encode("utf-16-le"))

    code, _out, _err = add(root)

    assert code == 0
    raw = (root / "Who.ps1").read_bytes()
    assert raw == b"\xff\xfe" + f"irm '{SITE}'  # scopelint: ignore[SL001]\r\n".encode("utf-16-le")
    assert check_json(root) == []


def test_a_ruby_call_opening_a_heredoc_gets_its_comment_after_the_opener(tmp_path: Path) -> None:
    """Ruby reads the heredoc body from the next line, so the comment goes on the opener's line
    and the JSON sent is unchanged."""
    issue = "https://acme.atlassian.net/rest/api/3/issue"
    source = (f"require 'net/http'\nNet::HTTP.post(URI('{issue}'), <<~JSON)\n"
              '  {"fields": {"summary": "weekly report"}}\nJSON\n')
    root = tree(tmp_path, {"r.rb": source})
    found = check_json(root)
    assert [f["line"] for f in found if f["code"] == "SL001"] == [2]
    codes = ", ".join(sorted({f["code"] for f in found}))

    code, _out, _err = add(root)

    assert code == 0
    assert (root / "r.rb").read_text() == source.replace(
        "<<~JSON)\n", f"<<~JSON)  # scopelint: ignore[{codes}]\n")
    assert check_json(root) == []


def test_the_diff_never_prints_a_token_in_full(tmp_path: Path) -> None:
    root = tree(tmp_path, {
        "app.py": f'import requests\nTOKEN = "{TOKEN}"\nrequests.get("{SITE}", auth=("me", TOKEN))\n',
        ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
    })
    result = scopelint(["check", "--add-suppressions", "--diff"], root)
    printed = result.stdout + result.stderr
    assert "+++ b/app.py" in printed  # there is a diff
    assert TOKEN not in printed and TOKEN[:20] not in printed
    assert "# scopelint: ignore[SL008]" in printed and "ATATT3…(" in printed
    assert (root / "app.py").read_text().count(TOKEN) == 1  # nothing written
