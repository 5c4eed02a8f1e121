import { jiraV2 } from './jira.js';

export async function logReleaseWork(issueKeys: string[], minutesEach: number): Promise<void> {
  for (const issueIdOrKey of issueKeys) {
    const { transitions = [] } = await jiraV2.issues.getTransitions({ issueIdOrKey });
    if (!transitions.some((t) => t.name === 'Release')) {
      continue;
    }
    await jiraV2.issueWorklogs.addWorklog({
      issueIdOrKey,
      timeSpentSeconds: minutesEach * 60,
      comment: 'Release checklist',
    });
  }
}
