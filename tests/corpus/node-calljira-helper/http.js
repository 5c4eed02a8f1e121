// The old request-promise client, still used by the scripts: call('del', url) etc.
const http = require('request-promise-native');

const auth = { user: process.env.JIRA_EMAIL, pass: process.env.JIRA_API_TOKEN };

function call(method, url, body) {
  return http[method]({ url, json: true, body, auth });
}

module.exports = { call };
