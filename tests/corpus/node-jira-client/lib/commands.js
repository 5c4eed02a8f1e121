const jira = require('./jiraClient');

const PROJECT = process.env.JIRA_PROJECT || 'HELP';

async function showIssue(key) {
  const issue = await jira.findIssue(key, '', 'summary,status,assignee');
  const who = issue.fields.assignee ? issue.fields.assignee.displayName : 'nobody';
  return `*${issue.key}* ${issue.fields.summary} (${issue.fields.status.name}, ${who})`;
}

async function fileTicket(summary, reporterEmail) {
  const created = await jira.addNewIssue({
    fields: {
      project: { key: PROJECT },
      issuetype: { name: 'Task' },
      summary,
      description: `Filed from Slack by ${reporterEmail}`,
    },
  });
  return created.key;
}

async function closeIssue(key, comment) {
  if (comment) {
    await jira.addComment(key, comment);
  }
  const { transitions } = await jira.listTransitions(key);
  const done = transitions.find((t) => t.to.statusCategory.key === 'done');
  if (!done) {
    throw new Error(`${key} has no transition to Done`);
  }
  await jira.transitionIssue(key, { transition: { id: done.id } });
}

async function myIssues(accountId) {
  const result = await jira.searchJira(`assignee = "${accountId}" AND statusCategory != Done`, {
    fields: ['summary'],
    maxResults: 20,
  });
  return result.issues.map((i) => `${i.key} ${i.fields.summary}`);
}

async function relabel(key, labels) {
  await jira.updateIssue(key, { update: { labels: labels.map((add) => ({ add })) } });
}

async function botUser() {
  const me = await jira.getCurrentUser();
  return me.displayName;
}

module.exports = { botUser, closeIssue, fileTicket, myIssues, relabel, showIssue };
