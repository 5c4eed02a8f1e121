const nock = require('nock');
const { getIssue, setLabels } = require('../src/issues');

const issue = require('../fixtures/issue-10001.json');

describe('issues', () => {
  afterEach(() => nock.cleanAll());

  test('getIssue asks only for the fields it shows', async () => {
    nock('https://acme.atlassian.net')
      .get('/rest/api/3/issue/WEB-1')
      .query({ fields: 'summary,status,labels' })
      .reply(200, issue);
    expect((await getIssue('WEB-1')).key).toBe('WEB-1');
  });

  test('setLabels sends a PUT', async () => {
    const scope = nock('https://acme.atlassian.net').put('/rest/api/3/issue/WEB-1').reply(204);
    await setLabels('WEB-1', ['a']);
    expect(scope.isDone()).toBe(true);
  });
});
