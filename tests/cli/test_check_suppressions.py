"""Turning findings off: inline comments, whole files, per-path ignores, select/ignore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_helpers import check_json, write_tree

SITE_CALL_PY = 'requests.get("https://acme.atlassian.net/rest/api/3/myself")'
SITE_CALL_JS = "fetch('https://acme.atlassian.net/rest/api/3/myself');"


def reported(findings: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in findings]


# --------------------------------------------------------------------------- comments


def test_python_comment_on_the_line_and_on_the_line_before(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": f"""\
                import requests

                {SITE_CALL_PY}  # scopelint: ignore[SL001]
                # scopelint: ignore[SL001]
                {SITE_CALL_PY}

                {SITE_CALL_PY}
                """,
        },
    )

    assert reported(check_json(root)) == [("SL001", "app.py", 7)]


def test_comment_for_another_code_does_not_suppress(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f"import requests\n{SITE_CALL_PY}  # scopelint: ignore[SL002, SL005]\n"},
    )

    # (and the comment that suppresses nothing is reported: SL012 unused-suppression)
    assert reported(check_json(root)) == [("SL001", "app.py", 2), ("SL012", "app.py", 2)]


def test_comment_two_lines_above_does_not_suppress(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f"import requests\n# scopelint: ignore[SL001]\n\n{SITE_CALL_PY}\n"},
    )

    # (and the comment that suppresses nothing is reported: SL012 unused-suppression)
    assert reported(check_json(root)) == [("SL012", "app.py", 2), ("SL001", "app.py", 4)]


def test_javascript_line_and_block_comments(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "client.js": f"""\
                {SITE_CALL_JS} // scopelint: ignore[SL001]
                /* scopelint: ignore */
                {SITE_CALL_JS}
                {SITE_CALL_JS}
                """,
        },
    )

    assert reported(check_json(root)) == [("SL001", "client.js", 4)]


def test_bare_ignore_suppresses_every_code_on_its_line(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": 'scopes = ["read:jira-work"]\n',
            "app.py": f"import requests\n{SITE_CALL_PY}  # scopelint: ignore\n",
        },
    )

    # without the comment this line has SL001 and SL002 (myself needs read:jira-user)
    assert [f["code"] for f in check_json(root, "--select", "SL001,SL002")] == []


def test_ignore_file(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "legacy.sh": """\
                #!/bin/sh
                # scopelint: ignore-file
                curl https://acme.atlassian.net/rest/api/3/myself
                curl https://acme.atlassian.net/rest/api/3/serverInfo
                """,
            "current.sh": "#!/bin/sh\ncurl https://acme.atlassian.net/rest/api/3/myself\n",
        },
    )

    assert reported(check_json(root)) == [("SL001", "current.sh", 2)]


def test_ignore_file_for_one_code_keeps_the_others(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "legacy.sh": """\
                #!/bin/sh
                # scopelint: ignore-file[SL001]
                curl -X POST https://acme.atlassian.net/rest/api/3/search
                """,
        },
    )

    assert reported(check_json(root)) == [("SL004", "legacy.sh", 3)]


def test_a_suppression_inside_a_string_is_not_a_comment(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f'import requests\nHELP = "scopelint: ignore-file"\n{SITE_CALL_PY}\n'},
    )

    assert reported(check_json(root)) == [("SL001", "app.py", 3)]


# --------------------------------------------------------------------------- configuration


TWO_SCRIPTS = {
    "scripts/legacy/whoami.sh": "#!/bin/sh\ncurl https://acme.atlassian.net/rest/api/3/myself\n",
    "src/app.py": f"import requests\n{SITE_CALL_PY}\n",
}


def test_per_path_ignores_in_config(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": '[per-path-ignores]\n"scripts/legacy/**" = ["SL001"]\n',
            **TWO_SCRIPTS,
        },
    )

    assert reported(check_json(root)) == [("SL001", "src/app.py", 2)]


def test_per_path_ignores_in_pyproject(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pyproject.toml": """\
                [project]
                name = "jira-tools"

                [tool.scopelint.per-path-ignores]
                "src/*" = ["SL00"]
                """,
            **TWO_SCRIPTS,
        },
    )

    assert reported(check_json(root)) == [("SL001", "scripts/legacy/whoami.sh", 2)]


def test_select_and_ignore_in_config(tmp_path: Path) -> None:
    files = {
        "app.py": f'import requests\n{SITE_CALL_PY}\nrequests.post("https://acme.atlassian.net/rest/api/3/search")\n',
    }
    root = write_tree(tmp_path, files)
    everything = {f["code"] for f in check_json(root)}

    (root / ".scopelint.toml").write_text('select = ["SL004"]\n', encoding="utf-8")
    only_selected = {f["code"] for f in check_json(root)}
    (root / ".scopelint.toml").write_text('ignore = ["SL001"]\n', encoding="utf-8")
    without_ignored = {f["code"] for f in check_json(root)}

    assert everything == {"SL001", "SL004"}
    assert only_selected == {"SL004"}
    assert without_ignored == {"SL004"}


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ([], {"SL001", "SL004"}),
        (["--select", "SL001"], {"SL001"}),
        (["--select", "sl004"], {"SL004"}),
        (["--select", "SL001,SL004", "--ignore", "SL004"], {"SL001"}),
        (["--select", "SL001", "--select", "SL004"], {"SL001", "SL004"}),
        (["--ignore", "SL00"], set()),
        (["--select", "SL00", "--ignore", "SL001"], {"SL004"}),
    ],
)
def test_select_and_ignore_options(args: list[str], codes: set[str], tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f'import requests\n{SITE_CALL_PY}\nrequests.post("https://acme.atlassian.net/rest/api/3/search")\n'},
    )

    assert {f["code"] for f in check_json(root, *args)} == codes


def test_select_option_replaces_config_select_and_ignore_option_adds_to_it(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": 'select = ["SL004"]\nignore = ["SL009"]\n',
            "app.py": f'import requests\n{SITE_CALL_PY}\nrequests.post("https://acme.atlassian.net/rest/api/3/search")\n',
        },
    )

    assert {f["code"] for f in check_json(root, "--select", "SL001")} == {"SL001"}
    assert {f["code"] for f in check_json(root, "--ignore", "SL004")} == set()


def test_per_path_ignores_are_relative_to_the_config_file(tmp_path: Path) -> None:
    """Running from a subdirectory, or over one folder, ignores the same findings."""
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": '[per-path-ignores]\n"scripts/legacy/**" = ["SL001"]\n',
            **TWO_SCRIPTS,
        },
    )

    assert check_json(root / "scripts") == []
    assert check_json(root / "scripts" / "legacy", "whoami.sh") == []
    assert reported(check_json(root / "src")) == [("SL001", "app.py", 2)]


def test_config_exclude_is_relative_to_the_config_file(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.toml": 'exclude = ["src/generated/"]\n',
            "src/generated/client.py": f"import requests\n{SITE_CALL_PY}\n",
            "src/app.py": f"import requests\n{SITE_CALL_PY}\n",
        },
    )

    from_top = reported(check_json(root))
    over_src = reported(check_json(root, "src"))
    from_src = reported(check_json(root / "src"))

    assert from_top == over_src == [("SL001", "src/app.py", 2)]
    assert from_src == [("SL001", "app.py", 2)]


def test_exclude_option_is_relative_to_the_working_directory(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "src/generated/client.py": f"import requests\n{SITE_CALL_PY}\n",
            "src/app.py": f"import requests\n{SITE_CALL_PY}\n",
        },
    )

    assert reported(check_json(root, "src", "--exclude", "src/generated")) == [("SL001", "src/app.py", 2)]
    assert reported(check_json(root, "--exclude", "generated")) == [("SL001", "src/app.py", 2)]


# --------------------------------------------------------------------------- reach (issue #18 item 3)


def test_a_comment_at_the_end_of_a_code_line_covers_that_line_only(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": f"import requests\n{SITE_CALL_PY}  # scopelint: ignore\n{SITE_CALL_PY}\n",
            "client.js": f"{SITE_CALL_JS} // scopelint: ignore[SL001]\n{SITE_CALL_JS}\n",
            "fetch.sh": "curl https://acme.atlassian.net/rest/api/3/myself  # scopelint: ignore[SL001]\n"
            "curl https://acme.atlassian.net/rest/api/3/myself\n",
        },
    )

    assert reported(check_json(root)) == [
        ("SL001", "app.py", 3), ("SL001", "client.js", 2), ("SL001", "fetch.sh", 2),
    ]


def test_a_comment_alone_on_its_line_covers_the_next_line_only(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": f"""\
                import requests

                def main():
                    # scopelint: ignore[SL001]
                    {SITE_CALL_PY}
                    {SITE_CALL_PY}
                """,
            "client.ts": f"  /* scopelint: ignore[SL001] */\n  {SITE_CALL_JS}\n  {SITE_CALL_JS}\n",
        },
    )

    assert reported(check_json(root)) == [("SL001", "app.py", 6), ("SL001", "client.ts", 3)]


def test_a_finding_on_the_comment_line_itself_is_not_covered_by_an_own_line_comment(tmp_path: Path) -> None:
    """An own-line comment reaches forward, not onto itself (a token in that very comment)."""
    token = "ATATT3xFfGF0" + "a1B2c3D4e5F6g7H8i9J0" * 9 + "=ABCD1234"
    root = write_tree(
        tmp_path,
        {"notes.sh": f"#!/bin/sh\n# scopelint: ignore[SL008] old token {token}\necho done\n"},
    )

    assert reported(check_json(root)) == [("SL012", "notes.sh", 2), ("SL008", "notes.sh", 2)]


def test_a_directive_quoted_in_a_string_or_inline_code_is_an_example_not_a_comment(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": "import requests\n"
            'requests.get("https://acme.atlassian.net/rest/api/3/myself",'
            ' headers={"X-Note": "# scopelint: ignore"})\n',
            "client.js": "fetch('https://acme.atlassian.net/rest/api/3/myself',"
            " {note: '// scopelint: ignore'});\n",
        },
    )

    assert reported(check_json(root)) == [("SL001", "app.py", 2), ("SL001", "client.js", 1)]
