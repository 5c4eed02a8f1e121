import api, { fetch, route } from '@forge/api';
import { kvs } from '@forge/kvs';

const SCORING_URL = 'https://api.example.com/v1/score';

export async function issueSummary(issueKey) {
  const res = await api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,priority`);
  const issue = await res.json();
  const cached = await kvs.get(`score:${issueKey}`);
  if (cached) {
    return { ...issue.fields, score: cached };
  }
  const scored = await fetch(SCORING_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ summary: issue.fields.summary, priority: issue.fields.priority.name }),
  });
  const { score } = await scored.json();
  await kvs.set(`score:${issueKey}`, score);
  return { ...issue.fields, score };
}

export async function saveState(issueKey, state) {
  await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/risk-panel-state`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(state),
  });
}
