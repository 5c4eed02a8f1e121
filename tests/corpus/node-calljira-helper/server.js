const express = require('express');
const { BASE, callJira } = require('./jira');

const app = express();
app.use(express.json());

app.get('/api/issues/:key', async (req, res, next) => {
  try {
    const issue = await callJira(`${BASE}/issue/${encodeURIComponent(req.params.key)}`);
    res.json({ key: issue.key, summary: issue.fields.summary, status: issue.fields.status.name });
  } catch (err) {
    next(err);
  }
});

app.post('/api/issues/:key/comments', async (req, res, next) => {
  try {
    const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: req.body.text }] }] };
    const comment = await callJira(`${BASE}/issue/${req.params.key}/comment`, 'POST', { body });
    res.status(201).json({ id: comment.id });
  } catch (err) {
    next(err);
  }
});

app.get('/healthz', (req, res) => res.send('ok'));

app.use((err, req, res, next) => {
  console.error(err.message);
  res.status(502).json({ error: 'jira request failed' });
});

app.listen(process.env.PORT || 3000);
