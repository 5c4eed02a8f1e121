"""Rename a label on some issues: python -m jira_tools.relabel OLD NEW KEY [KEY ...]."""

import sys

from jira_tools.connection import get_jira


def main(old: str, new: str, keys: list[str]) -> None:
    jira = get_jira()
    for key in keys:
        labels = jira.issue(key, fields="labels").fields.labels
        jira.issue(key).update(fields={"labels": [new if label == old else label for label in labels]})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
