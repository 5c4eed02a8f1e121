"""Copy the owning team from the service catalogue into each issue's labels."""

import logging

import yaml

from jira_sync import client
from jira_sync.client import session
from jira_sync.settings import BASE_URL, PROJECT_KEY, TIMEOUT

log = logging.getLogger("sync_issues")


def load_catalogue(path: str = "catalogue.yaml") -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {svc["component"]: svc["team"] for svc in yaml.safe_load(fh)["services"]}


def main() -> None:
    owners = load_catalogue()
    issues = client.search(f"project = {PROJECT_KEY} AND component is not EMPTY", ["labels", "components"])
    for issue in issues:
        key = issue["key"]
        teams = {owners[c["name"]] for c in issue["fields"]["components"] if c["name"] in owners}
        wanted = sorted(set(issue["fields"]["labels"]) | {f"team-{t}" for t in teams})
        if wanted == sorted(issue["fields"]["labels"]):
            continue
        log.info("%s: labels -> %s", key, wanted)
        resp = session.put(
            f"{BASE_URL}/rest/api/3/issue/{key}",
            json={"fields": {"labels": wanted}},
            params={"notifyUsers": "false"},
            timeout=TIMEOUT,
        )
        resp.raise_for_status()
    me = client.get_json("/rest/api/3/myself")
    log.info("done as %s", me.get("displayName"))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
