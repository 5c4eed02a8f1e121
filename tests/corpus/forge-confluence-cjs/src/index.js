const Resolver = require('@forge/resolver').default;
const { storage } = require('@forge/api');

const pages = require('./helpers/pages');

const resolver = new Resolver();
const DAY = 24 * 60 * 60 * 1000;

resolver.define('freshness', async ({ context }) => {
  const pageId = context.extension.content.id;
  const page = await pages.getPage(pageId);
  const children = await pages.childPages(pageId);
  const ignored = (await pages.pageLabels(pageId)).includes('evergreen');
  const age = (p) => Math.round((Date.now() - Date.parse(p.version.createdAt)) / DAY);
  const threshold = (await storage.get('threshold-days')) ?? 180;
  return { ignored, threshold, page: age(page), children: children.map((c) => ({ title: c.title, days: age(c) })) };
});

resolver.define('stamp', async ({ context }) => {
  const page = await pages.getPage(context.extension.content.id);
  return pages.stampTitle(page);
});

resolver.define('setThreshold', async ({ payload }) => {
  await storage.set('threshold-days', payload.days);
});

exports.handler = resolver.getDefinitions();
