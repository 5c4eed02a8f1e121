"""A fake Jira Cloud REST API for local development (python mock_api.py; port 5001).

Point the app at it with JIRA_API=http://localhost:5001/rest/api/3.
"""

from flask import Flask, jsonify, request

mock = Flask("mock-jira")
ISSUES = {"PAY-12": {"status": "To Do", "comments": [], "properties": {}}}
TRANSITIONS = [{"id": "21", "to": {"name": "In Review"}}, {"id": "31", "to": {"name": "Done"}}]


@mock.get("/rest/api/3/issue/<key>")
def get_issue(key):
    issue = ISSUES.get(key)
    if issue is None:
        return jsonify(errorMessages=["Issue does not exist or you do not have permission to see it."]), 404
    return jsonify(key=key, fields={"status": {"name": issue["status"]}})


@mock.post("/rest/api/3/issue/<key>/comment")
def add_comment(key):
    ISSUES[key]["comments"].append(request.get_json()["body"])
    return jsonify(id=str(len(ISSUES[key]["comments"]))), 201


@mock.put("/rest/api/3/issue/<key>/properties/<prop>")
def set_property(key, prop):
    ISSUES[key]["properties"][prop] = request.get_json()
    return "", 200


@mock.route("/rest/api/3/issue/<key>/transitions", methods=["GET", "POST"])
def transitions(key):
    if request.method == "GET":
        return jsonify(transitions=TRANSITIONS)
    chosen = request.get_json()["transition"]["id"]
    ISSUES[key]["status"] = next(t["to"]["name"] for t in TRANSITIONS if t["id"] == chosen)
    return "", 204


if __name__ == "__main__":
    mock.run(port=5001, debug=True)
