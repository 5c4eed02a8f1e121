import type { NextApiRequest, NextApiResponse } from 'next';
import { jiraGet, jiraPost } from '@acme/jira-helpers';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const key = String(req.query.key);
  if (req.method === 'POST') {
    const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: req.body.text }] }] };
    const created = await jiraPost<{ id: string }>(`/rest/api/3/issue/${key}/comment`, { body });
    return res.status(201).json(created);
  }
  const { comments } = await jiraGet<{ comments: unknown[] }>(`/rest/api/3/issue/${key}/comment?orderBy=-created`);
  return res.status(200).json(comments);
}
