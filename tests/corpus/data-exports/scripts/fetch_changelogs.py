"""Add each exported issue's changelog next to the export (exports/changelogs/KEY.json)."""

import csv
import json
import os
import sys
from pathlib import Path

import requests

SITE = os.environ.get("JIRA_SITE", "https://acme.atlassian.net")
AUTH = (os.environ.get("JIRA_EMAIL", ""), os.environ.get("JIRA_API_TOKEN", ""))


def main(export: str) -> None:
    out = Path(export).parent / "changelogs"
    out.mkdir(exist_ok=True)
    with open(export, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = row["Issue key"]
            resp = requests.get(f"{SITE}/rest/api/3/issue/{key}/changelog", auth=AUTH, timeout=30)
            if resp.status_code != 200:
                print(f"{key}: {resp.status_code}", file=sys.stderr)
                continue
            (out / f"{key}.json").write_text(json.dumps(resp.json(), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "exports/issues-2025-05.csv")
