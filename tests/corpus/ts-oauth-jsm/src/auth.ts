import crypto from 'node:crypto';

export const SCOPES = ['read:servicedesk-request', 'write:servicedesk-request', 'offline_access'];

const client_id = process.env.OAUTH_CLIENT_ID ?? '';
const redirect_uri = process.env.OAUTH_REDIRECT_URI ?? 'http://localhost:4000/auth/callback';

export function authorizeUrl(): { url: string; state: string } {
  const state = crypto.randomBytes(16).toString('hex');
  const url = `https://auth.atlassian.com/authorize?${new URLSearchParams({
    audience: 'api.atlassian.com',
    scope: SCOPES.join(' '),
    client_id,
    redirect_uri,
    state,
    response_type: 'code',
    prompt: 'consent',
  })}`;
  return { url, state };
}

export async function exchangeCode(code: string): Promise<{ access_token: string; refresh_token: string }> {
  const res = await fetch('https://auth.atlassian.com/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id,
      client_secret: process.env.OAUTH_CLIENT_SECRET,
      code,
      redirect_uri,
    }),
  });
  if (!res.ok) {
    throw new Error(`token exchange failed: ${res.status}`);
  }
  return res.json();
}

export async function firstCloudId(accessToken: string): Promise<string> {
  const res = await fetch('https://api.atlassian.com/oauth/token/accessible-resources', {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  const sites: { id: string }[] = await res.json();
  return sites[0].id;
}
