"""The marker grammar of the rule fixtures: where a finding is expected, and what the docs show."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from scopelint.rules.fixtures import (
    Expectation,
    FixtureError,
    bake,
    example_text,
    file_expectations,
    read_tree,
)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_trailing_marker_expects_findings_on_its_own_line() -> None:
    text = 'import requests\nrequests.get(URL)  # expect: SL001, SL002\nx = 1\n'

    assert file_expectations(text, "app.py") == [
        Expectation("app.py", 2, "SL001"), Expectation("app.py", 2, "SL002")
    ]


@pytest.mark.parametrize("marker", ["// expect: SL009", "/* expect: SL009 */", "<!-- expect: SL009 -->"])
def test_other_comment_syntaxes(marker: str) -> None:
    assert file_expectations(f"fetch(url);  {marker}\n", "a.js") == [Expectation("a.js", 1, "SL009")]


def test_a_marker_alone_on_its_line_expects_the_next_line() -> None:
    text = "### Versions\n# expect: SL008\nAuthorization: Basic abc\n"

    assert file_expectations(text, "v.http") == [Expectation("v.http", 3, "SL008")]


def test_a_code_marked_twice_expects_two_findings() -> None:
    found = file_expectations("x  # expect: SL003, SL003\n", "a.py")

    assert found == [Expectation("a.py", 1, "SL003")] * 2


def test_words_that_only_look_like_markers_are_not_markers() -> None:
    text = 'print("expect: SL001")\n# we expect: nothing here\n'

    assert file_expectations(text, "a.py") == []


def test_a_marker_on_the_last_line_alone_is_an_error() -> None:
    with pytest.raises(FixtureError, match=r"a\.py: 'expect:' on the last line"):
        file_expectations("x = 1\n# expect: SL001\n", "a.py")


def test_the_docs_text_has_no_marker_and_no_marker_line() -> None:
    text = "# expect: SL008\nAuth: x\nurl = 1  # expect: SL001\nkeep = 2  # a real comment\n"

    assert example_text(text) == "Auth: x\nurl = 1\nkeep = 2  # a real comment\n"


def test_regions_keep_only_their_lines_dedented_and_joined() -> None:
    text = textwrap.dedent("""\
        import os
        # example: begin
        CLOUD_ID = os.environ["CLOUD_ID"]
        # example: end
        def run():
            # example: begin
            fetch(CLOUD_ID)  # expect: SL001
            # example: end
            return 1
        """)

    assert example_text(text) == 'CLOUD_ID = os.environ["CLOUD_ID"]\n# ...\nfetch(CLOUD_ID)\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# example: end\nx\n", "'example: end' out of order"),
        ("# example: begin\nx\n", "'example: begin' without 'example: end'"),
        ("# example: begin\n# example: begin\nx\n# example: end\n", "out of order"),
        ("# example: begin\n# example: end\n", "nothing left to show"),
    ],
)
def test_broken_regions_are_one_line_errors_naming_the_file(text: str, message: str) -> None:
    with pytest.raises(FixtureError, match=message) as caught:
        example_text(text, "manifest.yml")

    assert str(caught.value).startswith("manifest.yml: ")
    assert "\n" not in str(caught.value)


def test_a_sidecar_expects_findings_in_files_that_cannot_hold_comments(tmp_path: Path) -> None:
    root = _tree(tmp_path / "bad-connect", {
        "atlassian-connect.json": '{\n  "scopes": ["REED"]\n}\n',
        "fixture.toml": 'expect = ["atlassian-connect.json:2: SL006"]\nshow = ["atlassian-connect.json"]\n',
        "src/app.js": "fetch(url);  // expect: SL002\n",
    })

    tree = read_tree(root, "SL006")

    assert tree.kind == "bad" and not tree.documented
    assert tree.files == ("atlassian-connect.json", "src/app.js")
    assert tree.shown == ("atlassian-connect.json",)
    assert tree.expectations == (
        Expectation("atlassian-connect.json", 2, "SL006"), Expectation("src/app.js", 1, "SL002")
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('expect = ["a.json:9: SL006"]\n', "past the end of a.json"),
        ('expect = ["b.json:1: SL006"]\n', "names 'b.json', not a file of the tree"),
        ('expect = ["a.json line 1"]\n', "is not 'file:line: CODE'"),
        ('show = ["b.json"]\n', "show names 'b.json'"),
        ('expect = "a.json:1: SL006"\n', "expect must be a list of strings"),
        ("colour = 1\n", "unknown keys ['colour']"),
        ("expect = [\n", "not valid TOML"),
    ],
)
def test_a_broken_sidecar_is_a_one_line_error(tmp_path: Path, sidecar: str, message: str) -> None:
    root = _tree(tmp_path / "bad", {"a.json": "{}\n", "fixture.toml": sidecar})

    with pytest.raises(FixtureError, match=re.escape(message)) as caught:
        read_tree(root, "SL006")

    assert "fixture.toml" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["bad_forge", "worse", "good-"])
def test_tree_names_are_bad_good_or_a_variant_of_them(tmp_path: Path, name: str) -> None:
    root = _tree(tmp_path / name, {"a.py": "x = 1\n"})

    with pytest.raises(FixtureError, match="named bad, good, bad-<what> or good-<what>"):
        read_tree(root, "SL001")


def test_baking_needs_both_documented_trees(tmp_path: Path) -> None:
    _tree(tmp_path / "SL001" / "bad", {"a.py": "x = 1  # expect: SL001\n"})

    with pytest.raises(FixtureError, match="both bad/ and good/"):
        bake(tmp_path)


def test_baking_strips_markers_and_is_stable(tmp_path: Path) -> None:
    _tree(tmp_path / "SL001" / "bad", {"a.py": "x = 1  # expect: SL001\n"})
    _tree(tmp_path / "SL001" / "good", {"a.py": "x = 2\n"})
    _tree(tmp_path / "SL001" / "bad-variant", {"b.py": "y = 1  # expect: SL001\n"})

    baked = bake(tmp_path)

    assert baked == bake(tmp_path)
    assert '"text": "x = 1\\n"' in baked and '"text": "x = 2\\n"' in baked
    assert "b.py" not in baked and "expect" not in baked
