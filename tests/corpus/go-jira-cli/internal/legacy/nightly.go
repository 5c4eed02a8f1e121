// Package legacy is the old nightly job, still on go-jira (API v2).
package legacy

import (
	"fmt"
	"log"

	jira "github.com/andygrunwald/go-jira"
)

func NightlyComment(email, token, jql string) error {
	tp := jira.BasicAuthTransport{Username: email, Password: token}
	client, err := jira.NewClient(tp.Client(), "https://acme.atlassian.net")
	if err != nil {
		return err
	}
	issues, _, err := client.Issue.Search(jql, &jira.SearchOptions{MaxResults: 100})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for _, is := range issues {
		full, _, err := client.Issue.Get(is.Key, nil)
		if err != nil {
			log.Printf("%s: %v", is.Key, err)
			continue
		}
		if full.Fields.Status.Name == "Blocked" {
			_, _, err = client.Issue.AddComment(is.Key, &jira.Comment{Body: "Still blocked: please update."})
			if err != nil {
				log.Printf("%s: %v", is.Key, err)
			}
		}
	}
	return nil
}
