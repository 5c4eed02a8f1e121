import { client } from './client.js';
import type { Page, Project } from './types.js';

export const listProjects = () => client.request<Page<Project>>('/rest/api/3/project/search?maxResults=100');

export const projectRoles = (key: string) =>
  client.request<Record<string, string>>(`/rest/api/3/project/${key}/role`);
