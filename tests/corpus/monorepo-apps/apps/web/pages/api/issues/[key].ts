import type { NextApiRequest, NextApiResponse } from 'next';
import { jiraGet } from '@acme/jira-helpers';

interface Issue {
  key: string;
  fields: { summary: string; status: { name: string } };
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const key = String(req.query.key);
  try {
    const issue = await jiraGet<Issue>(`/rest/api/3/issue/${encodeURIComponent(key)}?fields=summary,status`);
    res.status(200).json({ key: issue.key, summary: issue.fields.summary, status: issue.fields.status.name });
  } catch (err) {
    res.status(502).json({ error: (err as Error).message });
  }
}
