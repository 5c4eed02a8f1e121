import { beforeEach, expect, test, vi } from 'vitest';

vi.mock('../src/jira.js', () => ({
  jira: {
    issueSearch: { searchForIssuesUsingJql: vi.fn() },
    issues: { getIssue: vi.fn(), editIssue: vi.fn() },
    issueComments: { addComment: vi.fn() },
  },
}));

const { jira } = await import('../src/jira.js');
const { syncDeploys } = await import('../src/sync.js');

beforeEach(() => vi.clearAllMocks());

test('labels and comments each deployed issue', async () => {
  vi.mocked(jira.issueSearch.searchForIssuesUsingJql).mockResolvedValue({ issues: [{ key: 'WEB-1' }] } as never);
  vi.mocked(jira.issues.getIssue).mockResolvedValue({ key: 'WEB-1', fields: { labels: [] } } as never);
  await syncDeploys('prod', ['WEB-1']);
  expect(jira.issues.editIssue).toHaveBeenCalledWith({ issueIdOrKey: 'WEB-1', fields: { labels: ['deployed-prod'] } });
});
