@{
    JiraBase        = 'https://acme.atlassian.net'
    ConfluenceBase  = 'https://acme.atlassian.net'
    AdminGroup      = 'jira-admins-acme'
    RestrictedLevel = '10100'
}
