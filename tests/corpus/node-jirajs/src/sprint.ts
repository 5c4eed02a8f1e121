import { AgileClient } from 'jira.js';

import { agile } from './jira.js';

export async function planning(client: AgileClient, boardId: number): Promise<string[]> {
  const { issues = [] } = await client.board.getIssuesForBoard({
    boardId,
    jql: 'sprint is EMPTY AND statusCategory = "To Do" ORDER BY Rank',
    maxResults: 20,
  });
  return issues.map((i) => i.key);
}

export async function fillNextSprint(boardId: number): Promise<void> {
  const { values = [] } = await agile.board.getAllSprints({ boardId, state: 'future' });
  if (values.length === 0) {
    throw new Error(`board ${boardId} has no future sprint`);
  }
  const keys = await planning(agile, boardId);
  await agile.sprint.moveIssuesToSprintAndRank({ sprintId: values[0].id, issues: keys });
}
