module github.com/acme/jiractl

go 1.22

require (
	github.com/andygrunwald/go-jira v1.16.0
	github.com/go-resty/resty/v2 v2.13.1
)
