require 'json'
require 'net/http'

module JiraReporter
  # Plain Net::HTTP, for the few calls the report needs one at a time.
  class Client
    def initialize(site: Config::JIRA_SITE, email: Config::EMAIL, token: Config::TOKEN)
      @site = site
      @email = email
      @token = token
    end

    def issue(key)
      uri = URI("#{@site}/rest/api/3/issue/#{key}")
      req = Net::HTTP::Get.new(uri)
      req.basic_auth(@email, @token)
      res = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
      raise "#{key}: #{res.code}" unless res.is_a?(Net::HTTPSuccess)

      JSON.parse(res.body)
    end

    def server_version
      JSON.parse(Net::HTTP.get(URI("#{@site}/rest/api/3/serverInfo")))['version']
    end

    def add_worklog(key, seconds, comment)
      uri = URI("#{@site}/rest/api/3/issue/#{key}/worklog")
      req = Net::HTTP::Post.new(uri, 'Content-Type' => 'application/json')
      req.basic_auth(@email, @token)
      req.body = { timeSpentSeconds: seconds, comment: comment }.to_json
      Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
    end
  end
end
