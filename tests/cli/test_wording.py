"""Counts in the other commands' summaries read right with 1 and 2 (issue #18 item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree

CALL = "curl https://api.atlassian.com/ex/jira/abc/rest/api/3/myself\n"


@pytest.mark.parametrize(
    ("files", "last_line"),
    [
        ({"a.sh": CALL}, "1 call site in 1 file, 1 scanned (1 resolved, 0 unresolved)."),
        ({"a.sh": CALL + CALL}, "2 call sites in 1 file, 1 scanned (2 resolved, 0 unresolved)."),
        # the count is of the files with call sites; the scanned ones are counted apart
        ({"a.sh": CALL, "b.sh": "echo none\n"},
         "1 call site in 1 file, 2 scanned (1 resolved, 0 unresolved)."),
        ({"a.sh": CALL, "c.sh": CALL, "b.sh": "echo none\n"},
         "2 call sites in 2 files, 3 scanned (2 resolved, 0 unresolved)."),
        ({"b.sh": "echo none\n"}, "0 call sites in 0 files, 1 scanned (0 resolved, 0 unresolved)."),
    ],
)
def test_calls_summary(files: dict[str, str], last_line: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, files)

    assert scopelint(["calls", "."], root).stdout.splitlines()[-1] == last_line
