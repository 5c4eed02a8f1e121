import api, { route } from '@forge/api';

const HOURS = { Highest: 4, High: 8, Medium: 24, Low: 72 };

export async function run(event) {
  const key = event.issue.key;
  const fields = await (await api.asApp().requestJira(route`/rest/api/3/field`)).json();
  const slaField = fields.find((f) => f.name === 'SLA due');
  const current = await api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/sla`);
  const priority = event.issue.fields.priority?.name ?? 'Medium';
  const due = new Date(Date.parse(event.issue.fields.created) + HOURS[priority] * 3600 * 1000).toISOString();
  if (current.status === 200 && (await current.json()).value.due === due) {
    return;
  }
  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/sla`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ due, field: slaField?.id }),
  });
  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/notify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject: `SLA due ${due}`, to: { assignee: true } }),
  });
}
