import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { handlers } from '../mocks/handlers.js';

process.env.JIRA_CLOUD_ID = 'test-cloud';
const { getIssue } = await import('../api/issues.js');
const server = setupServer(...handlers);

beforeAll(() => server.listen());
afterAll(() => server.close());

test('getIssue returns the issue', async () => {
  expect((await getIssue('WEB-7')).key).toBe('WEB-7');
});
