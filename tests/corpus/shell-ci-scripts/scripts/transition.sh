#!/usr/bin/env bash
# Usage: transition.sh ISSUE-KEY "Target status"   (OAuth token through the gateway)
set -euo pipefail

KEY="$1"
TARGET="$2"

jira_api() {
  local method="$1" path="$2"
  shift 2
  curl -sS -X "$method" \
    -H "Authorization: Bearer $JIRA_TOKEN" \
    -H "Accept: application/json" -H "Content-Type: application/json" \
    "https://api.atlassian.com/ex/jira/$CLOUD_ID$path" "$@"
}

transitions=$(jira_api GET "/rest/api/3/issue/$KEY/transitions")
id=$(echo "$transitions" | jq -r --arg s "$TARGET" '.transitions[] | select(.to.name == $s) | .id')
if [[ -z "$id" ]]; then
  echo "no transition of $KEY leads to $TARGET" >&2
  exit 1
fi
jira_api POST "/rest/api/3/issue/$KEY/transitions" -d "{\"transition\":{\"id\":\"$id\"}}"
jira_api PUT "/rest/api/3/issue/$KEY/assignee" -d '{"accountId": null}'
