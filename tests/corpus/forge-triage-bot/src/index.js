import Resolver from '@forge/resolver';
import api, { fetch, route } from '@forge/api';

import { cachedScore, rememberScore } from './lib/scores.js';
import settings from './lib/settings.cjs';
import { postToSlack } from './lib/slack.js';

const MODEL_URL = 'https://triage.example.ai/v2/score';

async function scoreIssue(issueKey) {
  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,description,priority`);
  const issue = await res.json();
  const scored = await fetch(MODEL_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ summary: issue.fields.summary, priority: issue.fields.priority?.name }),
  });
  const { score } = await scored.json();
  await rememberScore(issueKey, score);
  return { issue, score };
}

export async function onIssueCreated(event) {
  const { issue, score } = await scoreIssue(event.issue.key);
  const { threshold } = await settings.load();
  if (score > threshold) {
    await api.asApp().requestJira(route`/rest/api/3/issue/${issue.key}/comment`, { method: 'POST', body: JSON.stringify({ body: `Triage score ${score}` }) });
    await postToSlack(`:fire: ${issue.key} ${issue.fields.summary} (${score})`);
  }
}

const resolver = new Resolver();

resolver.define('getScore', async ({ context }) => {
  const key = context.extension.issue.key;
  return (await cachedScore(key)) ?? (await scoreIssue(key)).score;
});

export const handler = resolver.getDefinitions();
