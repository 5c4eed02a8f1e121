import api from '@forge/api';

export class JiraError extends Error {}

// Every backend Jira call goes through here so errors are logged the same way.
export async function jiraRequest(path, method = 'GET', body) {
  const res = await api.asApp().requestJira(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    console.error(`${method} ${path} -> ${res.status}`);
    throw new JiraError(`Jira answered ${res.status}`);
  }
  return res.status === 204 ? null : res.json();
}
