import { Router } from 'express';

import { JsmApi } from '../jsm/api.js';

export const requests = Router();

requests.get('/requests', async (req, res) => {
  const api = new JsmApi(req.session.cloudId!, req.session.accessToken!);
  res.json(await api.myRequests());
});

requests.post('/requests', async (req, res) => {
  const api = new JsmApi(req.session.cloudId!, req.session.accessToken!);
  const [desk] = (await api.serviceDesks()).values;
  const created = await api.raise(desk.id, req.body.requestTypeId, req.body.summary);
  res.status(201).json(created);
});

requests.post('/requests/:key/comments', async (req, res) => {
  const api = new JsmApi(req.session.cloudId!, req.session.accessToken!);
  await api.comment(req.params.key, req.body.text);
  res.sendStatus(204);
});

requests.post('/colleagues', async (req, res) => {
  const api = new JsmApi(req.session.cloudId!, req.session.accessToken!);
  await api.inviteCustomer(req.body.email, req.body.name);
  res.sendStatus(202);
});
