package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"gopkg.in/yaml.v3"

	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// setEnv points the commands at the test database.
func setEnv(t *testing.T) {
	o := testenv.Options(t)
	t.Setenv("NEO4J_URI", o.URI)
	t.Setenv("NEO4J_USER", o.User)
	t.Setenv("NEO4J_PASSWORD", o.Password)
	t.Setenv("NEO4J_DATABASE", o.Database)
	t.Setenv("LOG_LEVEL", "warn")
}

func run(ctx context.Context, args ...string) (string, error) {
	var out bytes.Buffer
	root := newRoot()
	root.SetOut(&out)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return out.String(), err
}

func TestLoadRejectsBrokenSeedsWithLines(t *testing.T) {
	_, err := run(context.Background(), "load", "--dry-run", "../../internal/seed/testdata/base", "../../internal/seed/testdata/broken/bad-date.yaml")
	var errs seed.Errors
	if !errors.As(err, &errs) || !strings.Contains(errs.Error(), "bad-date.yaml:5: date:") {
		t.Fatalf("want a file:line error, got %v", err)
	}
}

func TestVersion(t *testing.T) {
	out, err := run(context.Background(), "version")
	if err != nil || !strings.HasPrefix(out, "silkgraph ") {
		t.Fatalf("version = %q, %v", out, err)
	}
}

// A server on a database without the current indexes refuses to start and
// says what to run, rather than failing searches later.
func TestServeNeedsMigratedIndexes(t *testing.T) {
	setEnv(t)
	ctx := context.Background()
	st := testenv.Empty(t)
	t.Cleanup(func() { _ = st.Migrate(ctx) })
	o := testenv.Options(t)
	d, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.User, o.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, d, "DROP INDEX "+store.SearchIndex, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(o.Database)); err != nil {
		t.Fatal(err)
	}
	_, err = run(ctx, "serve", "--listen", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), store.SearchIndex) || !strings.Contains(err.Error(), "silkgraph migrate") {
		t.Fatalf("want an error naming the missing index and the fix, got %v", err)
	}
}

func TestWrongPasswordFailsClearly(t *testing.T) {
	setEnv(t)
	t.Setenv("NEO4J_PASSWORD", "definitely-wrong")
	_, err := run(context.Background(), "migrate", "--connect-timeout", "5s")
	if err == nil || !strings.Contains(err.Error(), "check NEO4J_USER and NEO4J_PASSWORD") {
		t.Fatalf("want a clear credentials error, got %v", err)
	}
	time.Sleep(6 * time.Second) // Neo4j locks the user for 5 s after failed logins
}

func TestUnreachableNeo4jFailsClearly(t *testing.T) {
	setEnv(t)
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1")
	start := time.Now()
	_, err := run(context.Background(), "migrate", "--connect-timeout", "2s")
	if err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("want an unreachable error, got %v", err)
	}
	if time.Since(start) > 20*time.Second {
		t.Fatalf("gave up after %s, want about 2s", time.Since(start))
	}
}

// The server answers while Neo4j runs, reports UNAVAILABLE quickly while it
// is down, and recovers by itself when it is back.
func TestServeSurvivesNeo4jRestart(t *testing.T) {
	if testenv.External() {
		t.Skip("NEO4J_URI points at an external server this test cannot stop")
	}
	setEnv(t)
	base := serve(t, "--migrate", "--load", "../../seed", "--query-timeout", "5s")
	if code := queryCode(t, base); code != "" {
		t.Fatalf("query failed with %s before the restart", code)
	}

	root := testenv.Root(t)
	if _, err := testenv.Script(root, "kill"); err != nil {
		t.Fatalf("kill neo4j: %v", err)
	}
	t.Cleanup(func() { _, _ = testenv.Script(root, "start") })
	waitFor(t, 30*time.Second, func() bool { return get(base+"/readyz") == 503 })
	start := time.Now()
	if code := queryCode(t, base); code != "UNAVAILABLE" {
		t.Fatalf("query while Neo4j is down: code %q, want UNAVAILABLE", code)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("UNAVAILABLE took %s", d)
	}

	if _, err := testenv.Script(root, "start"); err != nil {
		t.Fatalf("restart neo4j: %v", err)
	}
	waitFor(t, 60*time.Second, func() bool { return get(base+"/readyz") == 200 })
	waitFor(t, 30*time.Second, func() bool { return queryCode(t, base) == "" })
}

// serve runs `silkgraph serve` with args on a free loopback port until the
// test ends, and returns its base URL once it is ready.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := run(ctx, append([]string{"serve", "--listen", addr}, args...)...)
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + addr
	waitFor(t, 120*time.Second, func() bool { return get(base+"/readyz") == 200 })
	return base
}

func get(url string) int {
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(url)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// queryCode runs a query and returns its first error code, or "".
func queryCode(t *testing.T, base string) string {
	t.Helper()
	c := http.Client{Timeout: 30 * time.Second}
	res, err := c.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ entity(id: \"huawei\") { name } }"}`))
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 500 {
		t.Fatalf("HTTP %d", res.StatusCode)
	}
	b, _ := io.ReadAll(res.Body)
	var r struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	if len(r.Errors) == 0 {
		return ""
	}
	code, _ := r.Errors[0].Extensions["code"].(string)
	return code
}

func waitFor(t *testing.T, limit time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// docker-compose.yml runs the Neo4j version the local script runs, with the
// settings of its launcher.
func TestComposeMatchesLocalNeo4j(t *testing.T) {
	root := testenv.Root(t)
	local := func(file string, re *regexp.Regexp) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		m := re.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no %s", file, re)
		}
		return string(m[1])
	}
	version := local(filepath.Join("scripts", "neo4j-local"), regexp.MustCompile(`NEO4J_LOCAL_VERSION:-([0-9.]+)`))
	threshold := local(filepath.Join("tools", "neo4j", "Launcher.java"), regexp.MustCompile(`"NEO4J_GROUPING_THRESHOLD", "([0-9]+)"`))
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	b, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	neo4j := compose.Services["neo4j"]
	for _, c := range []struct{ what, got, want string }{
		{"compose image", neo4j.Image, "neo4j:" + version + "-community"},
		{"compose grouping threshold", neo4j.Environment["NEO4J_db_relationship__grouping__threshold"], threshold},
		{"launcher's grouping threshold", threshold, strconv.Itoa(store.GroupingThreshold)},
	} {
		if c.got != c.want {
			t.Errorf("%s %q, want %q", c.what, c.got, c.want)
		}
	}
}
