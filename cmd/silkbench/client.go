package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
)

type gqlClient struct {
	http *http.Client
	url  string
}

// do sends a request and fails on any GraphQL error; it returns the size
// of the answer, so that both servers can be seen to answer alike.
func (g gqlClient) do(ctx context.Context, r request) (int, error) {
	data, err := g.answer(ctx, r)
	return len(data), err
}

// answer sends a request and returns the answer, failing on any GraphQL
// error.
func (g gqlClient) answer(ctx context.Context, r request) ([]byte, error) {
	body, err := json.Marshal(map[string]any{"query": r.query, "variables": r.vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, data)
	}
	if err := answerError(data); err != nil {
		return nil, err
	}
	return data, nil
}

// answerError returns the first GraphQL error of an answer. Answers that
// do not name an errors member are not decoded: decoding a 100 KB
// neighborhood took the client half a millisecond, which it timed as the
// server's and took from the two cores both servers share.
func answerError(data []byte) error {
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return fmt.Errorf("not a JSON object: %.200s", data)
	}
	if !bytes.Contains(data, []byte(`"errors"`)) {
		return nil
	}
	var out struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("graphql: %s", out.Errors[0].Message)
	}
	return nil
}

// loopback refuses any URL whose host is not a loopback address.
func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address; silkbench only measures a local server", raw)
}
