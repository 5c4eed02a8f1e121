"""Attach the nightly job's log to the ticket it ran for, so support sees what failed."""

import sys
from pathlib import Path

from jira_tools.connection import get_jira


def attach_log(issue_key: str, log_file: Path) -> None:
    jira = get_jira()
    with log_file.open("rb") as handle:
        jira.add_attachment(issue=issue_key, attachment=handle, filename=log_file.name)


if __name__ == "__main__":
    attach_log(sys.argv[1], Path(sys.argv[2]))
