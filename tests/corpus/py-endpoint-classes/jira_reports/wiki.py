"""The report's Confluence page."""

import os
import time

from atlassian import Confluence


def with_retry(function, *args, attempts=3, **kwargs):
    for attempt in range(attempts):
        try:
            return function(*args, **kwargs)
        except ConnectionError:
            time.sleep(2**attempt)
    raise RuntimeError(f"{function.__name__} failed {attempts} times")


wiki = Confluence(
    url=os.environ.get("CONFLUENCE_URL", "https://acme.atlassian.net/wiki"),
    username=os.environ.get("JIRA_USER"),
    password=os.environ.get("JIRA_TOKEN"),
    cloud=True,
)


def publish(space, title, csv):
    body = "<pre>" + csv + "</pre>"
    parent = with_retry(wiki.get_page_id, space, "Reports")
    with_retry(wiki.create_page, space, title, body, parent_id=parent)
