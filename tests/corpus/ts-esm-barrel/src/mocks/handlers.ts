import { http, HttpResponse } from 'msw';

const BASE = 'https://api.atlassian.com/ex/jira/test-cloud';

export const handlers = [
  http.get(`${BASE}/rest/api/3/issue/:key`, ({ params }) =>
    HttpResponse.json({ id: '1', key: params.key, fields: { summary: 'Mock issue', status: { name: 'To Do' } } }),
  ),
  http.post(`${BASE}/rest/api/3/search/jql`, () => HttpResponse.json({ issues: [] })),
  http.put(`${BASE}/rest/api/3/issue/:key/assignee`, () => new HttpResponse(null, { status: 204 })),
];
