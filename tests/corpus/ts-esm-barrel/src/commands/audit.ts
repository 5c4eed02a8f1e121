import { client } from '@jira/client';
import { listProjects, projectRoles } from '@jira/projects';

interface ServerInfo {
  baseUrl: string;
  version: string;
}

const info = await client.request<ServerInfo>('/rest/api/3/serverInfo');
console.log(`# Roles on ${info.baseUrl}`);
const { values } = await listProjects();
for (const project of values) {
  const roles = await projectRoles(project.key);
  console.log(`${project.key}: ${Object.keys(roles).join(', ')}`);
}
