const axios = require('axios');

const { CLOUD_ID, JIRA_ACCESS_TOKEN } = process.env;

// Jira Software (agile) API through the gateway, with an OAuth 2.0 access token.
module.exports = axios.create({
  baseURL: `https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/agile/1.0`,
  headers: { Authorization: `Bearer ${JIRA_ACCESS_TOKEN}`, Accept: 'application/json' },
});
