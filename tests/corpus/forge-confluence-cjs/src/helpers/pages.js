const api = require('@forge/api');

const { route } = api;

async function getPage(pageId) {
  const res = await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}?include-version=true`);
  if (!res.ok) {
    throw new Error(`page ${pageId}: ${res.status}`);
  }
  return res.json();
}

async function childPages(pageId) {
  const res = await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}/children?limit=250`);
  return (await res.json()).results;
}

async function pageLabels(pageId) {
  const res = await api.asApp().requestConfluence(route`/wiki/api/v2/pages/${pageId}/labels`);
  return (await res.json()).results.map((l) => l.name);
}

async function stampTitle(page) {
  const res = await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${page.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id: page.id,
      status: 'current',
      title: `[stale] ${page.title}`,
      version: { number: page.version.number + 1, message: 'Marked stale by Page freshness' },
    }),
  });
  return res.ok;
}

module.exports = { childPages, getPage, pageLabels, stampTitle };
