import pLimit from 'p-limit';

import { jira } from './jira.js';

const limit = pLimit(4);

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export async function syncDeploys(env: string, deployedKeys: string[]): Promise<void> {
  const { issues = [] } = await jira.issueSearch.searchForIssuesUsingJql({
    jql: `key in (${deployedKeys.join(',')}) AND "Deployed to[Labels]" != ${env}`,
    fields: ['labels'],
    maxResults: 100,
  });
  await Promise.all(
    issues.map((issue) =>
      limit(async () => {
        const full = await jira.issues.getIssue({ issueIdOrKey: issue.key, expand: 'changelog' });
        const labels = [...(full.fields.labels ?? []), `deployed-${env}`];
        await jira.issues.editIssue({ issueIdOrKey: issue.key, fields: { labels } });
        await jira.issueComments.addComment({ issueIdOrKey: issue.key, comment: adf(`Deployed to ${env}.`) });
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await syncDeploys(process.argv[2] ?? 'staging', process.argv.slice(3));
}
