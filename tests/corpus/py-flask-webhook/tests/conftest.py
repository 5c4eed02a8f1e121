import os

import pytest

os.environ.setdefault("JIRA_API", "https://jira.test/rest/api/3")

from app import app as flask_app  # noqa: E402


@pytest.fixture()
def client():
    flask_app.config.update(TESTING=True)
    return flask_app.test_client()
