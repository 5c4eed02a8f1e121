const { App } = require('@slack/bolt');
const commands = require('./lib/commands');

const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });

app.command('/jira', async ({ command, ack, respond }) => {
  await ack();
  await respond(await commands.showIssue(command.text.trim()));
});

app.command('/jira-new', async ({ command, ack, respond, client }) => {
  await ack();
  const { user } = await client.users.info({ user: command.user_id });
  await respond(`Created ${await commands.fileTicket(command.text, user.profile.email)}`);
});

app.command('/jira-done', async ({ command, ack, respond }) => {
  await ack();
  const [key, ...rest] = command.text.trim().split(/\s+/);
  await commands.closeIssue(key, rest.join(' '));
  await respond(`${key} closed`);
});

app.command('/jira-mine', async ({ command, ack, respond }) => {
  await ack();
  const lines = await commands.myIssues(command.user_id);
  await respond(lines.join('\n') || 'Nothing open.');
});

(async () => {
  await app.start(process.env.PORT || 3000);
  console.log(`jirabot up as ${await commands.botUser()}`);
})();
