const axios = require('axios');
const logger = require('./logger');

const request = axios.create({
  baseURL: 'https://acme.atlassian.net/rest/api/3',
  timeout: 15000,
  auth: { username: process.env.JIRA_EMAIL, password: process.env.JIRA_API_TOKEN },
  headers: { Accept: 'application/json' },
});

request.interceptors.response.use(
  (res) => res,
  (err) => {
    const { config, response } = err;
    logger.error(`Jira ${config?.method?.toUpperCase()} ${config?.url} failed: ${response?.status}`);
    return Promise.reject(err);
  },
);

module.exports = request;
