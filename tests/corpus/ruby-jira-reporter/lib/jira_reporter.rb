require_relative 'jira_reporter/config'
require_relative 'jira_reporter/client'
require_relative 'jira_reporter/search'
require_relative 'jira_reporter/confluence'
