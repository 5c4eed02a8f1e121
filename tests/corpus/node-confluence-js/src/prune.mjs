import { readdir } from 'node:fs/promises';

import { confluence, SPACE } from './confluence.mjs';

const parentId = process.argv[2];
const keep = new Set((await readdir('docs')).map((n) => n.replace(/\.md$/, '')));

const children = await confluence.contentChildrenAndDescendants.getContentChildrenByType({
  id: parentId,
  type: 'page',
  limit: 200,
});
for (const page of children.results) {
  if (!keep.has(page.title)) {
    await confluence.content.deleteContent({ id: page.id });
    console.log(`deleted ${page.title}`);
  }
}

const stale = await confluence.search.searchByCQL({ cql: `space = ${SPACE} AND label = "handbook" AND lastmodified < now("-365d")` });
console.log(`${stale.results.length} handbook pages untouched for a year`);
