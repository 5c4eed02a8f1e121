export interface Issue {
  id: string;
  key: string;
  fields: { summary: string; status: { name: string }; assignee?: { accountId: string } | null };
}

export interface SearchResult {
  issues: Issue[];
  nextPageToken?: string;
}

export interface Page<T> {
  values: T[];
  isLast: boolean;
}

export interface Project {
  id: string;
  key: string;
  name: string;
}

export interface User {
  accountId: string;
  displayName: string;
}
