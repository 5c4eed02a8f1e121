require 'faraday'

module JiraReporter
  # Faraday for paged searches; note the relative paths (no leading slash) keep /rest/api/3.
  class Search
    def initialize
      @conn = Faraday.new(url: "#{Config::JIRA_SITE}/rest/api/3") do |f|
        f.request :authorization, :basic, Config::EMAIL, Config::TOKEN
        f.request :json
        f.response :json
        f.response :raise_error
      end
    end

    def worked_on(team, week)
      issues = []
      token = nil
      loop do
        params = { jql: %(team = "#{team}" AND worklogDate >= startOfWeek(#{week})), fields: 'summary,timespent' }
        params[:nextPageToken] = token if token
        page = @conn.get('search/jql', params).body
        issues.concat(page['issues'])
        token = page['nextPageToken']
        break unless token
      end
      issues
    end

    def label(key, labels)
      @conn.put("issue/#{key}", { fields: { labels: labels } })
    end
  end
end
