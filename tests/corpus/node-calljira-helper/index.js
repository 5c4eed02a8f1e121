const { BASE, callJira } = require('./jira');

async function deleteIssues(keys) {
  for (const key of keys) {
    await callJira(BASE + '/issue/' + key, 'DELETE');
    console.log(`deleted ${key}`);
  }
}

async function summary(key) {
  const issue = await callJira(`${BASE}/issue/${key}?fields=summary`);
  return `${key}: ${issue.fields.summary}`;
}

async function watch(key, accountId) {
  await callJira(`${BASE}/issue/${key}/watchers`, 'POST', accountId);
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  delete: () => deleteIssues(args),
  summary: async () => console.log(await summary(args[0])),
  watch: () => watch(args[0], args[1]),
};

(commands[command] || (() => console.error('usage: index.js delete|summary|watch ...')))().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
