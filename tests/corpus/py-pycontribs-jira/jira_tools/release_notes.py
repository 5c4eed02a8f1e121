"""Print markdown release notes for one fix version of a project."""

import sys

from jira_tools.connection import get_jira


def main(project_key: str, version_name: str) -> None:
    jira = get_jira()
    project = jira.project(project_key)
    versions = {v.name: v for v in jira.project_versions(project_key)}
    if version_name not in versions:
        sys.exit(f"{project.name} has no version {version_name}")
    print(f"# {project.name} {version_name}\n")
    for issue in jira.search_issues(f'project = {project_key} AND fixVersion = "{version_name}"', maxResults=200):
        epic = issue.fields.parent.key if getattr(issue.fields, "parent", None) else None
        if epic:
            title = jira.issue(epic, fields="summary").fields.summary
            print(f"- {issue.key} {issue.fields.summary} (epic: {title})")
        else:
            print(f"- {issue.key} {issue.fields.summary}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
