"""Delete throw-away tickets created by the load tests, and list custom fields by name."""

import sys

from jira import JIRA

from jira_tools.connection import get_jira


class SupportJira(JIRA):
    """JIRA with the one extra call we need."""

    def field_ids(self) -> dict[str, str]:
        resp = self._session.get(self._get_url("field"))
        return {f["name"]: f["id"] for f in resp.json()}


def main(keys: list[str]) -> None:
    jira = get_jira()
    for key in keys:
        jira.issue(key).delete()
        print(f"deleted {key}")
    helper = SupportJira(server=jira.server_url, basic_auth=jira._session.auth)
    print(helper.field_ids().get("Customer Tier"))


if __name__ == "__main__":
    main(sys.argv[1:])
