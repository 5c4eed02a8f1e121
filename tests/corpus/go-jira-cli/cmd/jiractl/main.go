package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/acme/jiractl/internal/agile"
	"github.com/acme/jiractl/internal/jira"
)

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	base := envOr("JIRA_URL", "https://acme.atlassian.net")
	email, token := os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN")
	if len(os.Args) < 2 {
		log.Fatal("usage: jiractl issue|label|sprint-add|ping|serve ...")
	}
	ctx := context.Background()
	client, err := jira.New(base, email, token)
	if err != nil {
		log.Fatal(err)
	}
	switch os.Args[1] {
	case "issue":
		issue, err := client.GetIssue(ctx, os.Args[2])
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s\n", issue.Key, issue.Fields.Summary)
	case "label":
		if err := client.AddLabel(ctx, os.Args[2], os.Args[3]); err != nil {
			log.Fatal(err)
		}
	case "sprint-add":
		board, _ := strconv.Atoi(os.Args[2])
		ag := agile.New(base, email, token)
		sprint, err := ag.ActiveSprint(board)
		if err != nil {
			log.Fatal(err)
		}
		if err := ag.AddToSprint(sprint.ID, os.Args[3:]); err != nil {
			log.Fatal(err)
		}
	case "ping":
		resp, err := http.Get(base + "/rest/api/3/serverInfo")
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		var info struct{ Version string }
		_ = json.NewDecoder(resp.Body).Decode(&info)
		fmt.Println(info.Version)
	case "serve":
		http.HandleFunc("/webhook/jira", func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			if strings.Contains(string(body), `"webhookEvent":"jira:issue_created"`) {
				log.Printf("issue created: %d bytes", len(body))
			}
			w.WriteHeader(http.StatusNoContent)
		})
		log.Fatal(http.ListenAndServe(os.Args[2], nil))
	}
}
