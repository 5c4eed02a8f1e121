package jira

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"time"
)

// Client talks to Jira Cloud REST v3 with an API token.
type Client struct {
	base  *url.URL
	http  *http.Client
	email string
	token string
}

type Issue struct {
	Key    string `json:"key"`
	Fields struct {
		Summary string   `json:"summary"`
		Labels  []string `json:"labels"`
	} `json:"fields"`
}

func New(baseURL, email, token string) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("bad base URL %q: %w", baseURL, err)
	}
	return &Client{base: u, http: &http.Client{Timeout: 20 * time.Second}, email: email, token: token}, nil
}

func (c *Client) do(req *http.Request, out any) error {
	req.SetBasicAuth(c.email, c.token)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s", req.Method, req.URL, resp.Status)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *Client) GetIssue(ctx context.Context, key string) (*Issue, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/rest/api/3/issue/%s", c.base, key), nil)
	if err != nil {
		return nil, err
	}
	var issue Issue
	return &issue, c.do(req, &issue)
}

func (c *Client) AddLabel(ctx context.Context, key, label string) error {
	endpoint := url.URL{Scheme: c.base.Scheme, Host: c.base.Host, Path: path.Join(c.base.Path, "rest/api/3/issue", key)}
	body, _ := json.Marshal(map[string]any{"update": map[string]any{"labels": []any{map[string]string{"add": label}}}})
	req, err := http.NewRequestWithContext(ctx, "PUT", endpoint.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, nil)
}

func (c *Client) Watchers(ctx context.Context, key string) ([]string, error) {
	u := *c.base
	u.Path = path.Join(u.Path, "rest/api/3/issue", key, "watchers")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	var out struct {
		Watchers []struct {
			AccountID string `json:"accountId"`
		} `json:"watchers"`
	}
	if err := c.do(req, &out); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(out.Watchers))
	for _, w := range out.Watchers {
		ids = append(ids, w.AccountID)
	}
	return ids, nil
}
