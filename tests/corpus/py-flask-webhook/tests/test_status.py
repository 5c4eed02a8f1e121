JIRA = "https://jira.test/rest/api/3"


def test_status_is_read_from_jira(client, requests_mock):
    requests_mock.get(f"{JIRA}/issue/PAY-12", json={"fields": {"status": {"name": "In Review"}}})
    resp = client.get("/issues/PAY-12/status")
    assert resp.get_json() == {"key": "PAY-12", "status": "In Review"}


def test_jira_errors_become_502(client, requests_mock):
    requests_mock.get(f"{JIRA}/issue/PAY-99", status_code=404, json={"errorMessages": ["nope"]})
    assert client.get("/issues/PAY-99/status").status_code == 502


def test_transitions_are_chosen_by_target_status(requests_mock):
    from app import move

    requests_mock.get(f"{JIRA}/issue/PAY-12/transitions", json={"transitions": [{"id": "31", "to": {"name": "Done"}}]})
    posted = requests_mock.post(f"{JIRA}/issue/PAY-12/transitions", status_code=204)
    move("PAY-12", "Done")
    assert posted.last_request.json() == {"transition": {"id": "31"}}
