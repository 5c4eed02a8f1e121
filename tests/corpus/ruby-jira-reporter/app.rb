require 'sinatra'
require_relative 'lib/jira_reporter'

get '/reports/:page_id' do
  page = JiraReporter::Confluence.new.page(params['page_id'])
  page.dig('body', 'storage', 'value')
end

get '/issues/:key' do
  content_type :json
  JiraReporter::Client.new.issue(params['key']).to_json
end
