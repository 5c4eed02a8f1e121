const JiraApi = require('jira-client');

const jira = new JiraApi({
  protocol: 'https',
  host: 'acme.atlassian.net',
  username: process.env.JIRA_USER,
  password: process.env.JIRA_API_TOKEN,
  apiVersion: '2',
  strictSSL: true,
});

module.exports = jira;
