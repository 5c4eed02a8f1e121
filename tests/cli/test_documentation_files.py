"""What `check .` does with README and docs (issue #18 item 13): a site URL in documentation is
an example, not a call, so it is never reported; a token in it is (SL008); other text files no
parser reads get the text-level URL finder.  The README says exactly that."""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import check_json, write_tree

from scopelint.scanning.formats.text import DOC_SUFFIXES

REPO = Path(__file__).resolve().parents[2]
SITE = "https://acme.atlassian.net/rest/api/3/issue/PPT-28"
TOKEN = "ATATT3xFfGF0" + "a1B2c3D4e5F6g7H8i9J0" * 9 + "=ABCD1234"


def test_documentation_urls_are_examples_tokens_in_it_are_not(tmp_path: Path) -> None:
    docs = {f"docs/page{suffix}": f"Call curl {SITE}\n" for suffix in DOC_SUFFIXES}
    root = write_tree(
        tmp_path,
        {
            **docs,
            "README.md": f"# Setup\n\n    curl -u me:{TOKEN} {SITE}\n",
            "deploy/Jenkinsfile.groovy": f'sh "curl {SITE}"\n',
        },
    )

    found = {(f["code"], f["path"]) for f in check_json(root)}

    assert found == {("SL008", "README.md"), ("SL001", "deploy/Jenkinsfile.groovy")}


def test_the_readme_says_what_check_does_with_documentation() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    statement = next(
        (p for p in readme.split("\n\n") if "documentation" in p.lower() and "never reported" in p), ""
    )

    assert statement, "README: say that site URLs in documentation are never reported"
    for suffix in DOC_SUFFIXES:
        assert f"`{suffix}`" in statement, suffix
    assert "SL008" in statement
    # the old promise: a full `check .` checks site URLs in README.md
    assert not re.search(r"site URL[^.]*README\.md[^.]*check \.", readme.replace("\n", " "))
