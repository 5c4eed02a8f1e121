from unittest import mock

from jira_tools.triage import triage


def fake_issue(key, summary):
    issue = mock.Mock()
    issue.key = key
    issue.fields.summary = summary
    issue.fields.description = ""
    issue.fields.labels = []
    return issue


def test_only_outages_are_touched():
    jira = mock.Mock()
    jira.search_issues.return_value = [fake_issue("SUP-1", "Site down since 9am"), fake_issue("SUP-2", "Typo")]
    assert triage(jira) == 1
    jira.add_comment.assert_called_once()
    jira.transition_issue.assert_called_once_with(jira.search_issues.return_value[0], "In Progress")
