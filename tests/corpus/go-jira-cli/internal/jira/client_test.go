package jira

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGetIssue(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/rest/api/3/issue/OPS-1", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"key":"OPS-1","self":"https://acme.atlassian.net/rest/api/3/issue/10001","fields":{"summary":"x"}}`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c, _ := New(srv.URL, "e", "t")
	issue, err := c.GetIssue(context.Background(), "OPS-1")
	if err != nil || issue.Key != "OPS-1" {
		t.Fatalf("got %v, %v", issue, err)
	}
}
