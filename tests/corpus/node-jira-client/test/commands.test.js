const { expect } = require('chai');
const sinon = require('sinon');
const jira = require('../lib/jiraClient');
const commands = require('../lib/commands');

describe('commands', () => {
  afterEach(() => sinon.restore());

  it('closes with the transition that leads to done', async () => {
    sinon.stub(jira, 'listTransitions').resolves({
      transitions: [{ id: '31', to: { statusCategory: { key: 'done' } } }],
    });
    const transition = sinon.stub(jira, 'transitionIssue').resolves();
    await commands.closeIssue('HELP-1');
    expect(transition.calledWith('HELP-1', { transition: { id: '31' } })).to.equal(true);
  });
});
