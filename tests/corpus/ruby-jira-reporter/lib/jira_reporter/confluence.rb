require 'httparty'

module JiraReporter
  class Confluence
    include HTTParty
    base_uri 'https://acme.atlassian.net/wiki/api/v2'
    format :json

    def initialize(email = Config::EMAIL, token = Config::TOKEN)
      @auth = { username: email, password: token }
    end

    def page(id)
      self.class.get("/pages/#{id}", basic_auth: @auth, query: { 'body-format' => 'storage' })
    end

    def publish(space_id, parent_id, title, html)
      self.class.post('/pages',
                      basic_auth: @auth,
                      headers: { 'Content-Type' => 'application/json' },
                      body: { spaceId: space_id, parentId: parent_id, title: title, status: 'current',
                              body: { representation: 'storage', value: html } }.to_json)
    end
  end
end
