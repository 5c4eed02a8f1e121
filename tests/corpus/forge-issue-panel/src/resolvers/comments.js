import { route } from '@forge/api';

import { jiraRequest } from '../lib/jira.js';

const REVIEW_MARK = '[review]';

export async function reviewComments(issueKey) {
  const { comments } = await jiraRequest(route`/rest/api/3/issue/${issueKey}/comment?expand=renderedBody`);
  return comments.filter((c) => c.renderedBody.includes(REVIEW_MARK));
}

export async function dismissComment(issueKey, commentId) {
  await jiraRequest(route`/rest/api/3/issue/${issueKey}/comment/${commentId}`, 'DELETE');
}
