import { ConfluenceClient } from 'confluence.js';

export const confluence = new ConfluenceClient({
  host: process.env.CONFLUENCE_HOST ?? 'https://acme.atlassian.net',
  authentication: {
    basic: { email: process.env.CONFLUENCE_EMAIL, apiToken: process.env.CONFLUENCE_API_TOKEN },
  },
});

export const SPACE = process.env.CONFLUENCE_SPACE ?? 'ENG';
