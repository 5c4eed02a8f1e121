package agile

import (
	"fmt"

	"github.com/go-resty/resty/v2"
)

type Sprint struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	State string `json:"state"`
}

type Client struct{ r *resty.Client }

func New(baseURL, email, token string) *Client {
	return &Client{r: resty.New().SetBaseURL(baseURL).SetBasicAuth(email, token).SetHeader("Accept", "application/json")}
}

func (c *Client) ActiveSprint(boardID int) (*Sprint, error) {
	var page struct {
		Values []Sprint `json:"values"`
	}
	resp, err := c.r.R().
		SetPathParams(map[string]string{"boardId": fmt.Sprint(boardID)}).
		SetQueryParam("state", "active").
		SetResult(&page).
		Get("/rest/agile/1.0/board/{boardId}/sprint")
	if err != nil {
		return nil, err
	}
	if resp.IsError() || len(page.Values) == 0 {
		return nil, fmt.Errorf("board %d: no active sprint (%s)", boardID, resp.Status())
	}
	return &page.Values[0], nil
}

func (c *Client) AddToSprint(sprintID int, keys []string) error {
	resp, err := c.r.R().
		SetBody(map[string][]string{"issues": keys}).
		Post(fmt.Sprintf("/rest/agile/1.0/sprint/%d/issue", sprintID))
	if err != nil {
		return err
	}
	if resp.IsError() {
		return fmt.Errorf("add to sprint %d: %s", sprintID, resp.Status())
	}
	return nil
}
