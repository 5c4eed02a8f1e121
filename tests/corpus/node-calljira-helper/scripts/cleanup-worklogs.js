// Remove the worklogs the time-tracking import created twice.
const { BASE } = require('../jira');
const { call } = require('../http');

async function main(key) {
  const { worklogs } = await call('get', `${BASE}/issue/${key}/worklog`);
  const seen = new Set();
  for (const w of worklogs) {
    const id = `${w.started}|${w.timeSpentSeconds}|${w.author.accountId}`;
    if (seen.has(id)) {
      await call('del', `${BASE}/issue/${key}/worklog/${w.id}`);
      console.log(`removed duplicate worklog ${w.id}`);
    }
    seen.add(id);
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
