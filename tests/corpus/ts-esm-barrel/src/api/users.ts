import { client } from './client.js';
import type { User } from './types.js';

const users = {
  find: (query: string) => client.request<User[]>(`/rest/api/3/user/search?query=${encodeURIComponent(query)}`),
  groups: (accountId: string) =>
    client.request<{ name: string }[]>(`/rest/api/3/user/groups?accountId=${accountId}`),
};

export default users;
