package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// client is a GraphQL client with the writer's key.
type client struct {
	http     *http.Client
	url, key string
}

func newClient(url, key string, conns int) *client {
	tr := &http.Transport{MaxIdleConns: conns + 4, MaxIdleConnsPerHost: conns + 4, IdleConnTimeout: time.Minute}
	return &client{http: &http.Client{Transport: tr, Timeout: time.Minute}, url: url, key: key}
}

// gqlError is an error the API answered with: its extensions.code.
type gqlError struct{ code, message string }

func (e *gqlError) Error() string { return e.code + ": " + e.message }

// do runs a query and decodes its data into out. An answer with errors is
// a *gqlError; transport and HTTP failures are other errors.
func (c *client) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.key)
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	var answer struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(data, &answer); err != nil {
		return fmt.Errorf("HTTP %d: %.200s", res.StatusCode, data)
	}
	if len(answer.Errors) > 0 {
		return &gqlError{code: answer.Errors[0].Extensions.Code, message: answer.Errors[0].Message}
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", res.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer.Data, out)
}

// get fetches a JSON document (the server's runtime metrics).
func (c *client) get(ctx context.Context, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", res.StatusCode)
	}
	return json.NewDecoder(res.Body).Decode(out)
}
