const GATEWAY = `https://api.atlassian.com/ex/jira/${process.env.JIRA_CLOUD_ID}`;

function headers(): Record<string, string> {
  return { Authorization: `Bearer ${process.env.JIRA_TOKEN}`, Accept: 'application/json' };
}

export async function jiraGet<T>(path: string): Promise<T> {
  const res = await fetch(`${GATEWAY}${path}`, { headers: headers() });
  if (!res.ok) {
    throw new Error(`GET ${path}: ${res.status}`);
  }
  return (await res.json()) as T;
}

export async function jiraPost<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${GATEWAY}${path}`, {
    method: 'POST',
    headers: { ...headers(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`POST ${path}: ${res.status}`);
  }
  return (await res.json()) as T;
}
