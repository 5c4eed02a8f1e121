import { kvs } from '@forge/kvs';

const TTL_MS = 6 * 60 * 60 * 1000;

export async function cachedScore(issueKey) {
  const entry = await kvs.get(`score:${issueKey}`);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    return null;
  }
  return entry.score;
}

export async function rememberScore(issueKey, score) {
  await kvs.set(`score:${issueKey}`, { score, at: Date.now() });
}
