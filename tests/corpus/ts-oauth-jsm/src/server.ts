import express from 'express';
import session from 'express-session';

import { authorizeUrl, exchangeCode, firstCloudId } from './auth.js';
import { requests } from './routes/requests.js';

declare module 'express-session' {
  interface SessionData {
    state: string;
    accessToken: string;
    cloudId: string;
  }
}

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev', resave: false, saveUninitialized: false }));

app.get('/auth/login', (req, res) => {
  const { url, state } = authorizeUrl();
  req.session.state = state;
  res.redirect(url);
});

app.get('/auth/callback', async (req, res) => {
  if (req.query.state !== req.session.state) {
    return res.sendStatus(400);
  }
  const tokens = await exchangeCode(String(req.query.code));
  req.session.accessToken = tokens.access_token;
  req.session.cloudId = await firstCloudId(tokens.access_token);
  return res.redirect('/');
});

app.use('/api', requests);
app.listen(4000);
