export class HttpError extends Error {
  constructor(readonly status: number, body: string) {
    super(`Jira answered ${status}: ${body.slice(0, 200)}`);
  }
}

export interface JiraConfig {
  cloudId: string;
  token: string;
}

export class AtlassianClient {
  private readonly baseUrl: string;

  constructor(private readonly config: JiraConfig) {
    this.baseUrl = `https://api.atlassian.com/ex/jira/${config.cloudId}`;
  }

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${this.config.token}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
    if (!res.ok) {
      throw new HttpError(res.status, await res.text());
    }
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
}

export const client = new AtlassianClient({
  cloudId: process.env.JIRA_CLOUD_ID ?? '',
  token: process.env.JIRA_TOKEN ?? '',
});
