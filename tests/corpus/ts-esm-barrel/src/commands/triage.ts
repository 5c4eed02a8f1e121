import { assignIssue, client, searchIssues, users } from '@jira';

const ROTA = (process.env.ONCALL_ROTA ?? 'Ana Ruiz,Ben Okafor').split(',');

async function main(projectKey: string): Promise<void> {
  const people = await Promise.all(ROTA.map(async (name) => (await users.find(name))[0]));
  let token: string | undefined;
  let i = 0;
  do {
    const page = await searchIssues(`project = ${projectKey} AND assignee is EMPTY AND created >= -1d`, token);
    for (const issue of page.issues) {
      const person = people[i++ % people.length];
      await assignIssue(issue.key, person.accountId);
      await client.request(`/rest/api/3/issue/${issue.key}/transitions`, {
        method: 'POST',
        body: JSON.stringify({ transition: { id: '11' } }),
      });
      console.log(`${issue.key} -> ${person.displayName}`);
    }
    token = page.nextPageToken;
  } while (token);
}

main(process.argv[2] ?? 'WEB').catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
