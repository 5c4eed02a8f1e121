require 'webmock/rspec'
require_relative '../lib/jira_reporter'

RSpec.describe JiraReporter::Client do
  it 'reads an issue' do
    stub_request(:get, 'https://acme.atlassian.net/rest/api/3/issue/OPS-1')
      .to_return(status: 200, body: { key: 'OPS-1', fields: { summary: 'x' } }.to_json)
    expect(described_class.new.issue('OPS-1')['key']).to eq('OPS-1')
  end
end
