"""SL012 unused-suppression as users meet it (ruff's RUF100): what a run can and cannot judge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_helpers import check_json, scopelint, write_tree

SITE_CALL = 'requests.get("https://acme.atlassian.net/rest/api/3/myself")'
GATEWAY_CALL = 'requests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/myself")'


def reported(findings: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in findings]


def test_unused_codes_are_named_and_used_ones_are_not(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"app.py": f"import requests\n{SITE_CALL}  # scopelint: ignore[SL001, SL004]\n"
            f"{GATEWAY_CALL}  # scopelint: ignore\n"},
    )

    found = check_json(root)

    assert reported(found) == [("SL012", "app.py", 2), ("SL012", "app.py", 3)]
    assert "SL004 (deprecated-endpoint)" in found[0]["message"] and "SL001" not in found[0]["message"]
    assert found[0]["severity"] == "warning"


def test_select_sl012_alone_still_judges_every_rule(tmp_path: Path) -> None:
    """`--select SL012` finds stale comments without reporting anything else."""
    root = write_tree(
        tmp_path,
        {"app.py": f"import requests\n{SITE_CALL}  # scopelint: ignore[SL001]\n"
            f"{GATEWAY_CALL}  # scopelint: ignore[SL001]\n"},
    )

    assert reported(check_json(root, "--select", "SL012")) == [("SL012", "app.py", 3)]
    assert reported(check_json(root, "--select", "unused-suppression")) == [("SL012", "app.py", 3)]


def test_a_comment_for_a_rule_that_is_turned_off_still_counts_when_it_matches(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {".scopelint.toml": 'ignore = ["SL001"]\n', "app.py": "import requests\n"
            f"{SITE_CALL}  # scopelint: ignore[SL001]\n"},
    )

    assert check_json(root) == []


def test_sl012_can_be_turned_off_like_any_rule(tmp_path: Path) -> None:
    files = {"app.py": f"import requests\n{GATEWAY_CALL}  # scopelint: ignore[SL001]\n"}
    root = write_tree(tmp_path, files)

    assert reported(check_json(root)) == [("SL012", "app.py", 2)]
    assert check_json(root, "--ignore", "SL012") == []
    (root / ".scopelint.toml").write_text('[per-path-ignores]\n"*.py" = ["unused-suppression"]\n')
    assert check_json(root) == []


def test_a_bare_ignore_cannot_hide_that_it_is_unused_but_naming_sl012_can(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "a.py": f"import requests\n{GATEWAY_CALL}  # scopelint: ignore\n",
            "b.py": f"import requests\n{GATEWAY_CALL}  # scopelint: ignore[SL001, SL012]\n",
            "c.py": "# scopelint: ignore-file[SL012]\nimport requests\n"
            f"{GATEWAY_CALL}  # scopelint: ignore[SL001]\n",
        },
    )

    assert reported(check_json(root)) == [("SL012", "a.py", 2)]


def test_sl003_comments_are_judged_only_when_the_declarations_folder_was_checked(tmp_path: Path) -> None:
    """A pre-commit run over one file cannot tell whether a scope is used (SL003 does not run)."""
    root = write_tree(
        tmp_path,
        {
            ".scopelint.yaml": "scopes:\n  - read:jira-user\n"
            "  - write:jira-work  # scopelint: ignore[SL003]\n",
            "app.py": f"import requests\n{GATEWAY_CALL}\n",
        },
    )

    assert check_json(root) == []  # the scope is unused: the comment is used
    assert check_json(root, ".scopelint.yaml", "app.py") == []  # files only: not judged
    (root / ".scopelint.yaml").write_text("scopes:\n  - read:jira-user  # scopelint: ignore[SL003]\n")
    assert check_json(root, ".scopelint.yaml", "app.py") == []
    assert reported(check_json(root)) == [("SL012", ".scopelint.yaml", 2)]


def test_a_file_that_could_not_be_parsed_is_not_judged(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"broken.py": f"import requests\ndef f(:\n    {GATEWAY_CALL}  # scopelint: ignore[SL002]\n"},
    )

    result = scopelint(["check", "--format", "json"], root)

    assert json.loads(result.stdout)["findings"] == []
    assert "broken.py" in result.stderr  # the parse warning says why


def test_documentation_is_not_judged(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"README.md": "Write\n\n```python\nrequests.get(url)  # scopelint: ignore[SL001]\n```\n"},
    )

    assert check_json(root) == []


def test_a_stale_comment_in_a_file_without_calls_is_reported(tmp_path: Path) -> None:
    """The call was deleted; the comment stayed (no table is needed to see it)."""
    root = write_tree(tmp_path, {"tool.sh": "#!/bin/sh\necho done  # scopelint: ignore[SL001]\n"})

    assert reported(check_json(root)) == [("SL012", "tool.sh", 2)]


def test_fix_removes_what_is_unused_and_keeps_the_rest(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "app.py": (
                "import requests\n"
                f"{SITE_CALL}  # scopelint: ignore[hardcoded-site-url, SL004]\n"
                "# scopelint: ignore[SL001]\n"
                f"{GATEWAY_CALL}\n"
                f"{GATEWAY_CALL}  # noqa: E501  scopelint: ignore\n"
                f"{GATEWAY_CALL}  # scopelint: ignore[SL001]  the old site URL\n"
            ),
        },
    )

    result = scopelint(["check", "--fix"], root)

    assert result.exit_code == 0, result.output
    assert (root / "app.py").read_text() == (
        "import requests\n"
        f"{SITE_CALL}  # scopelint: ignore[hardcoded-site-url]\n"
        f"{GATEWAY_CALL}\n"
        f"{GATEWAY_CALL}  # noqa: E501\n"
        f"{GATEWAY_CALL}  # the old site URL\n"
    )
    assert check_json(root) == []
