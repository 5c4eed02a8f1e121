module JiraReporter
  module Config
    JIRA_SITE = ENV.fetch('JIRA_SITE', 'https://acme.atlassian.net')
    EMAIL = ENV.fetch('JIRA_EMAIL', '')
    TOKEN = ENV.fetch('JIRA_API_TOKEN', '')
  end
end
