const request = require('./request');
const logger = require('./logger');

async function createSelectField(name, options) {
  const { data: field } = await request.post('/field', {
    name,
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher',
  });
  logger.info(`created ${field.id}`);
  const { data: contexts } = await request.get(`/field/${field.id}/context`);
  const contextId = contexts.values[0].id;
  await request.post(`/field/${field.id}/context/${contextId}/option`, {
    options: options.map((value) => ({ value, disabled: false })),
  });
  return field;
}

async function listCustomFields() {
  const { data } = await request.get('/field/search', { params: { type: 'custom', maxResults: 100 } });
  return data.values;
}

module.exports = { createSelectField, listCustomFields };
