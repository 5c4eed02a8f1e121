require('dotenv').config();
const fetch = require('node-fetch');

const SITE = process.env.JIRA_SITE || 'https://acme.atlassian.net';
const BASE = `${SITE}/rest/api/3`;
const AUTH = 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64');

async function callJira(url, method = 'GET', body) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: AUTH, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${method} ${url} -> ${res.status}: ${await res.text()}`);
  }
  return res.status === 204 ? null : res.json();
}

module.exports = { AUTH, BASE, SITE, callJira };
