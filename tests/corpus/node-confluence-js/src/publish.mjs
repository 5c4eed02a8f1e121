import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { marked } from 'marked';

import { confluence, SPACE } from './confluence.mjs';

async function publishFile(file, parentId) {
  const markdown = await readFile(file, 'utf8');
  const title = markdown.match(/^#\s+(.+)$/m)?.[1] ?? path.basename(file, '.md');
  const body = { storage: { value: marked.parse(markdown), representation: 'storage' } };

  const existing = await confluence.content.getContent({ spaceKey: SPACE, title, expand: ['version'] });
  let id;
  if (existing.results.length > 0) {
    const page = existing.results[0];
    id = page.id;
    await confluence.content.updateContent({
      id,
      title,
      type: 'page',
      version: { number: page.version.number + 1 },
      body,
    });
  } else {
    const created = await confluence.content.createContent({
      type: 'page',
      title,
      space: { key: SPACE },
      ancestors: [{ id: parentId }],
      body,
    });
    id = created.id;
  }
  await confluence.contentLabels.addLabelsToContent({ id, body: [{ prefix: 'global', name: 'handbook' }] });
  return id;
}

async function main(folder) {
  const { results } = await confluence.space.getSpaces({ spaceKey: [SPACE] });
  if (results.length === 0) {
    throw new Error(`no space ${SPACE}`);
  }
  const parentId = process.env.HANDBOOK_PAGE_ID;
  for (const name of (await readdir(folder)).filter((n) => n.endsWith('.md'))) {
    console.log(`${name} -> ${await publishFile(path.join(folder, name), parentId)}`);
  }
}

await main(process.argv[2] ?? 'docs');
