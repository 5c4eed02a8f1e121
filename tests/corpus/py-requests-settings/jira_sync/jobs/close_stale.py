"""Close issues nobody touched for N days, with a comment saying why."""

import argparse
import logging

from jira_sync.client import JiraError, get_json, post_json, search
from jira_sync.settings import PROJECT_KEY

log = logging.getLogger("close_stale")
COMMENT = "Closing: no activity for {days} days. Reopen if this still matters."


def transition_id(key: str, name: str = "Done") -> str:
    data = get_json(f"/rest/api/3/issue/{key}/transitions")
    for transition in data["transitions"]:
        if transition["name"].lower() == name.lower():
            return transition["id"]
    raise JiraError(f"{key} has no '{name}' transition")


def close(key: str, days: int) -> None:
    post_json(f"/rest/api/3/issue/{key}/comment", {"body": {
        "type": "doc", "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": COMMENT.format(days=days)}]}],
    }})
    post_json(f"/rest/api/3/issue/{key}/transitions", {"transition": {"id": transition_id(key)}})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    jql = f"project = {PROJECT_KEY} AND updated < -{args.days}d AND statusCategory != Done"
    for issue in search(jql, ["summary"]):
        if args.dry_run:
            log.info("would close %s", issue["key"])
            continue
        try:
            close(issue["key"], args.days)
        except JiraError:
            log.exception("could not close %s", issue["key"])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
