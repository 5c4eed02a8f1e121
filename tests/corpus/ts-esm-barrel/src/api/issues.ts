import { client } from './client.js';
import type { Issue, SearchResult } from './types.js';

export const getIssue = (key: string) => client.request<Issue>(`/rest/api/3/issue/${key}`);

export const searchIssues = (jql: string, nextPageToken?: string) =>
  client.request<SearchResult>('/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql, nextPageToken, fields: ['summary', 'status', 'assignee'] }),
  });

export async function assignIssue(key: string, accountId: string | null): Promise<void> {
  await client.request(`/rest/api/3/issue/${key}/assignee`, { method: 'PUT', body: JSON.stringify({ accountId }) });
}
