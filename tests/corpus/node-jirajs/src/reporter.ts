import { Version3Client } from 'jira.js';

export class Reporter {
  constructor(private readonly client: Version3Client) {}

  async header(): Promise<string> {
    const me = await this.client.myself.getCurrentUser();
    return `Weekly report by ${me.displayName}`;
  }

  async projects(): Promise<string[]> {
    const page = await this.client.projects.searchProjects({ maxResults: 50 });
    return (page.values ?? []).map((p) => p.key);
  }
}

export function sandboxReporter(email: string, apiToken: string): Reporter {
  const client = new Version3Client({
    host: 'https://acme-sandbox.atlassian.net',
    authentication: { basic: { email, apiToken } },
  });
  return new Reporter(client);
}
