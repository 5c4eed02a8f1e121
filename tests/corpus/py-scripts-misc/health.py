"""A status probe for the site and the list of dashboards (urllib3)."""

import os
import sys

import urllib3

SITE = "https://acme.atlassian.net"


class JiraStatus:
    def __init__(self, site: str = SITE, timeout: float = 10.0) -> None:
        self.base_url = f"{site}/rest/api/3"
        self.http = urllib3.PoolManager(
            timeout=timeout,
            headers=urllib3.make_headers(basic_auth=f"{os.environ['JIRA_EMAIL']}:{os.environ['JIRA_API_TOKEN']}"),
        )

    def healthy(self) -> bool:
        return self.http.request("GET", self.base_url + "/serverInfo").status == 200

    def dashboards(self) -> list[str]:
        resp = self.http.request("GET", f"{self.base_url}/dashboard/search", fields={"maxResults": "50"})
        return [d["name"] for d in resp.json()["values"]]


if __name__ == "__main__":
    status = JiraStatus()
    if not status.healthy():
        sys.exit("Jira is not answering")
    print("\n".join(status.dashboards()))
