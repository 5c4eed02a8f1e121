export class JsmApi {
  private readonly base: string;

  constructor(cloudId: string, private readonly token: string) {
    this.base = `https://api.atlassian.com/ex/jira/${cloudId}/rest/servicedeskapi`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-ExperimentalApi': 'opt-in',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status}`);
    }
    return res.json() as Promise<T>;
  }

  myRequests() {
    return this.call<{ values: unknown[] }>('GET', '/request?requestOwnership=OWNED_REQUESTS');
  }

  serviceDesks() {
    return this.call<{ values: { id: string; projectName: string }[] }>('GET', '/servicedesk');
  }

  requestTypes(serviceDeskId: string) {
    return this.call<{ values: unknown[] }>('GET', `/servicedesk/${serviceDeskId}/requesttype`);
  }

  raise(serviceDeskId: string, requestTypeId: string, summary: string) {
    return this.call<{ issueKey: string }>('POST', '/request', {
      serviceDeskId,
      requestTypeId,
      requestFieldValues: { summary },
    });
  }

  comment(issueKey: string, text: string) {
    return this.call('POST', `/request/${issueKey}/comment`, { body: text, public: true });
  }

  inviteCustomer(email: string, displayName: string) {
    return this.call('POST', '/customer', { email, displayName });
  }
}
