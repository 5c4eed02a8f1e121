import { notesFrom, propertyUrl } from './notes.js';

export default function routes(app, addon) {
  app.get('/', (req, res) => res.redirect('/atlassian-connect.json'));

  app.get('/issue-glance', addon.authenticate(), (req, res) => {
    const httpClient = addon.httpClient(req);
    httpClient.get({ url: propertyUrl(req.query.issueKey), json: true }, (err, response, body) => {
      if (err || response.statusCode === 404) {
        return res.render('glance', { lines: [] });
      }
      return res.render('glance', { lines: body.value.lines });
    });
  });

  app.post('/webhooks/issue-updated', addon.authenticate(), (req, res) => {
    const { issue } = req.body;
    const httpClient = addon.httpClient(req);
    httpClient.put({ url: propertyUrl(issue.key), json: notesFrom(issue) }, (err) => {
      if (err) {
        console.error(`could not store notes for ${issue.key}`, err);
      }
    });
    res.sendStatus(204);
  });

  app.get('/admin', addon.authenticate(), (req, res) => res.render('admin'));

  app.post('/admin/clear', addon.checkValidToken(), async (req, res) => {
    const httpClient = addon.httpClient(req).asUserByAccountId(req.context.userAccountId);
    const perms = await new Promise((resolve, reject) =>
      httpClient.get('/rest/api/3/mypermissions?permissions=ADMINISTER', (err, response, body) =>
        err ? reject(err) : resolve(JSON.parse(body)),
      ),
    );
    if (!perms.permissions.ADMINISTER.havePermission) {
      return res.sendStatus(403);
    }
    httpClient.post(
      { url: '/rest/api/3/search/jql', json: { jql: `issue.property[${'release-notes'}].lines is not EMPTY`, fields: ['key'] } },
      (err, response, body) => {
        for (const issue of body.issues) {
          httpClient.del(propertyUrl(issue.key), () => {});
        }
        res.sendStatus(202);
      },
    );
  });
}
