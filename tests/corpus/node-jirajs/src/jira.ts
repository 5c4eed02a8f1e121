import { AgileClient, Version2Client, Version3Client } from 'jira.js';

const host = process.env.JIRA_HOST ?? 'https://acme.atlassian.net';
const authentication = {
  basic: { email: process.env.JIRA_EMAIL ?? '', apiToken: process.env.JIRA_API_TOKEN ?? '' },
};

export const jira = new Version3Client({ host, authentication });
export const jiraV2 = new Version2Client({ host, authentication });
export const agile = new AgileClient({ host, authentication });
