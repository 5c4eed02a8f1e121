const request = require('./request');

async function getIssue(id) {
  const { data } = await request.get(`/issue/${id}`, { params: { fields: 'summary,status,labels' } });
  return data;
}

async function setLabels(id, labels) {
  await request.put(`/issue/${id}`, { fields: { labels } });
}

async function removeIssue(id) {
  return request.delete(`/issue/${id}`, { params: { deleteSubtasks: true } });
}

async function bulkCreate(issueUpdates) {
  const { data } = await request({ method: 'post', url: '/issue/bulk', data: { issueUpdates } });
  return data.issues.map((i) => i.key);
}

module.exports = { getIssue, setLabels, removeIssue, bulkCreate };
