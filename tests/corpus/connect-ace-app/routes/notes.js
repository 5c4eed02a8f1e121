// Release notes live in the issue property "release-notes" as { lines: [...] }.
export const PROPERTY = 'release-notes';

export function propertyUrl(issueKey) {
  return `/rest/api/3/issue/${issueKey}/properties/${PROPERTY}`;
}

export function notesFrom(issue) {
  const lines = [];
  if (issue.fields.fixVersions?.length) {
    lines.push(`Fixed in ${issue.fields.fixVersions.map((v) => v.name).join(', ')}`);
  }
  lines.push(issue.fields.summary);
  return { lines };
}
