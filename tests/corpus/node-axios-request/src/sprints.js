const agile = require('./agileRequest');

async function activeSprint(boardId) {
  const res = await agile.get(`/board/${boardId}/sprint`, { params: { state: 'active' } });
  return res.data.values[0];
}

async function moveToSprint(sprintId, issueKeys) {
  await agile.post(`/sprint/${sprintId}/issue`, { issues: issueKeys });
}

module.exports = { activeSprint, moveToSprint };
