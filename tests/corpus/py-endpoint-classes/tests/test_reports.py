import responses

from jira_reports import reports

SITE = "https://acme.atlassian.net"


@responses.activate
def test_hours_adds_up_worklogs():
    responses.get(f"{SITE}/rest/api/3/issue/OPS-1/worklog",
                  json={"worklogs": [{"timeSpentSeconds": 3600}, {"timeSpentSeconds": 1800}]})
    assert reports.hours("OPS-1") == 1.5
