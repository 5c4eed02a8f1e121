#!/usr/bin/env node
const fs = require('fs');
const { program } = require('commander');
const { parse } = require('csv-parse/sync');
const { createSelectField } = require('./src/fields');
const { bulkCreate, getIssue, setLabels } = require('./src/issues');
const { activeSprint, moveToSprint } = require('./src/sprints');

program.command('field <name> <options...>').action(async (name, options) => {
  const field = await createSelectField(name, options);
  console.log(field.id);
});

program.command('import <csvFile> <projectKey>').action(async (csvFile, projectKey) => {
  const rows = parse(fs.readFileSync(csvFile), { columns: true });
  const keys = await bulkCreate(rows.map((r) => ({
    fields: { project: { key: projectKey }, summary: r.Summary, issuetype: { name: r.Type || 'Task' } },
  })));
  console.log(keys.join('\n'));
});

program.command('label <key> <labels...>').action(async (key, labels) => {
  const issue = await getIssue(key);
  await setLabels(key, [...new Set([...issue.fields.labels, ...labels])]);
});

program.command('sprint <boardId> <keys...>').action(async (boardId, keys) => {
  const sprint = await activeSprint(boardId);
  await moveToSprint(sprint.id, keys);
});

program.parseAsync(process.argv);
