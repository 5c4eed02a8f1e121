#!/usr/bin/env bash
# Create a Jira version, attach every issue merged since the last tag, release it.
set -euo pipefail

: "${JIRA_BASE_URL:?}" "${JIRA_USER:?}" "${JIRA_API_TOKEN:?}"
PROJECT="${PROJECT:-WEB}"
VERSION="$1"

api() {
  curl -fsS -u "$JIRA_USER:$JIRA_API_TOKEN" -H 'Accept: application/json' -H 'Content-Type: application/json' "$@"
}

project_id=$(api "$JIRA_BASE_URL/rest/api/3/project/$PROJECT" | jq -r .id)
version_id=$(api -X POST "$JIRA_BASE_URL/rest/api/3/version" \
  -d "{\"name\":\"$VERSION\",\"projectId\":$project_id}" | jq -r .id)
echo "created version $VERSION ($version_id)"

last_tag=$(git describe --tags --abbrev=0 HEAD^ 2>/dev/null || git rev-list --max-parents=0 HEAD)
for key in $(git log --format=%s "$last_tag"..HEAD | grep -oE "$PROJECT-[0-9]+" | sort -u); do
  api -X PUT "$JIRA_BASE_URL/rest/api/3/issue/$key" \
    -d "{\"update\":{\"fixVersions\":[{\"add\":{\"id\":\"$version_id\"}}]}}" || echo "skipped $key" >&2
done

api -X PUT "$JIRA_BASE_URL/rest/api/3/version/$version_id" -d '{"released": true}' >/dev/null
echo "released $VERSION"
