// Package config holds the settings of every silkgraph command, read from
// the environment with documented defaults and overridable by flags.
package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Config is the process configuration.
type Config struct {
	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string
	// ConnectTimeout bounds how long startup waits for Neo4j.
	ConnectTimeout time.Duration
	// QueryTimeout bounds every Neo4j call.
	QueryTimeout time.Duration

	ListenAddr string
	LogLevel   string
	LogFormat  string // json or console

	// ReadsNeedKey makes every request need an API key (role reader or
	// above); writes always need an editor key.
	ReadsNeedKey bool
	// RateLimit is the sustained requests per second allowed per API key
	// (per client IP without one); RateBurst the burst above it. 0: no limit.
	RateLimit float64
	RateBurst int
	// CORSOrigins may call the API from a browser; none: same origin only.
	CORSOrigins []string
	// GraphiQL serves the in-browser IDE at /; Introspection answers
	// schema queries (GraphiQL needs it).
	GraphiQL      bool
	Introspection bool
	// DebugAddr, a loopback address, serves runtime metrics (goroutines,
	// memory) at /debug/vars and Go's profiles at /debug/pprof/; empty: off.
	DebugAddr string

	// envErrors are environment values that could not be read; Validate
	// reports them rather than silently using defaults.
	envErrors []error
}

// Default returns the configuration from the environment, with defaults for
// what is unset.
func Default() Config {
	var errs []error
	duration := func(key string, def time.Duration) time.Duration {
		return parsed(&errs, key, "a duration such as 30s", def, time.ParseDuration)
	}
	boolean := func(key string, def bool) bool { return parsed(&errs, key, "true or false", def, strconv.ParseBool) }
	number := func(key string, def float64) float64 {
		return parsed(&errs, key, "a number of at least 0", def, func(v string) (float64, error) {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil && f < 0 {
				err = errors.New("negative")
			}
			return f, err
		})
	}
	c := Config{
		Neo4jURI:       env("NEO4J_URI", "bolt://127.0.0.1:7687"),
		Neo4jUser:      env("NEO4J_USER", "neo4j"),
		Neo4jPassword:  env("NEO4J_PASSWORD", ""),
		Neo4jDatabase:  env("NEO4J_DATABASE", "neo4j"),
		ConnectTimeout: duration("NEO4J_CONNECT_TIMEOUT", 60*time.Second),
		QueryTimeout:   duration("NEO4J_QUERY_TIMEOUT", 15*time.Second),
		ListenAddr:     env("LISTEN_ADDR", "127.0.0.1:8080"),
		LogLevel:       env("LOG_LEVEL", "info"),
		LogFormat:      env("LOG_FORMAT", "json"),
		ReadsNeedKey:   boolean("READS_NEED_KEY", false),
		RateLimit:      number("RATE_LIMIT", 20),
		RateBurst:      int(number("RATE_BURST", 40)),
		CORSOrigins:    list(env("CORS_ORIGINS", "")),
		GraphiQL:       boolean("GRAPHIQL", true),
		Introspection:  boolean("INTROSPECTION", true),
		DebugAddr:      env("DEBUG_ADDR", ""),
	}
	c.envErrors = errs
	return c
}

// BindNeo4j registers the flags that choose the database.
func (c *Config) BindNeo4j(fs *pflag.FlagSet) {
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", c.Neo4jURI, "Neo4j URI (env NEO4J_URI): bolt:// for one server, neo4j:// for a cluster")
	fs.StringVar(&c.Neo4jUser, "neo4j-user", c.Neo4jUser, "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", c.Neo4jDatabase, "Neo4j database (env NEO4J_DATABASE)")
	fs.DurationVar(&c.ConnectTimeout, "connect-timeout", c.ConnectTimeout, "how long to wait for Neo4j at startup (env NEO4J_CONNECT_TIMEOUT)")
	fs.DurationVar(&c.QueryTimeout, "query-timeout", c.QueryTimeout, "timeout of every Neo4j call (env NEO4J_QUERY_TIMEOUT)")
	// The password has no flag on purpose: flags show up in process lists.
}

// BindLog registers the logging flags.
func (c *Config) BindLog(fs *pflag.FlagSet) {
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "trace, debug, info, warn or error (env LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json or console (env LOG_FORMAT)")
}

// BindServer registers the HTTP server flags.
func (c *Config) BindServer(fs *pflag.FlagSet) {
	fs.StringVar(&c.ListenAddr, "listen", c.ListenAddr, "HTTP listen address (env LISTEN_ADDR)")
	fs.BoolVar(&c.ReadsNeedKey, "reads-need-key", c.ReadsNeedKey, "every request needs an API key, reads included (env READS_NEED_KEY)")
	fs.Float64Var(&c.RateLimit, "rate-limit", c.RateLimit, "requests per second per API key, or per client IP without one; 0: no limit (env RATE_LIMIT)")
	fs.IntVar(&c.RateBurst, "rate-burst", c.RateBurst, "requests allowed in a burst above --rate-limit (env RATE_BURST)")
	fs.StringSliceVar(&c.CORSOrigins, "cors-origins", c.CORSOrigins, "origins allowed to call the API from a browser, comma-separated; none: same origin only (env CORS_ORIGINS)")
	fs.BoolVar(&c.GraphiQL, "graphiql", c.GraphiQL, "serve the GraphiQL IDE at / (env GRAPHIQL)")
	fs.BoolVar(&c.Introspection, "introspection", c.Introspection, "answer schema introspection queries; GraphiQL needs them (env INTROSPECTION)")
	fs.StringVar(&c.DebugAddr, "debug-addr", c.DebugAddr, "loopback address serving runtime metrics at /debug/vars and profiles at /debug/pprof/, e.g. 127.0.0.1:6060; empty: off (env DEBUG_ADDR)")
}

// Validate reports settings that cannot work.
func (c *Config) Validate() error {
	if len(c.envErrors) > 0 {
		return errors.Join(c.envErrors...)
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		return fmt.Errorf("LOG_FORMAT %q: want json or console", c.LogFormat)
	}
	if c.RateBurst < 1 && c.RateLimit > 0 {
		return fmt.Errorf("RATE_BURST %d: want at least 1 when RATE_LIMIT is set", c.RateBurst)
	}
	if c.DebugAddr != "" && !Loopback(c.DebugAddr) {
		return fmt.Errorf("DEBUG_ADDR %q: runtime metrics are served on loopback only (127.0.0.1:PORT or [::1]:PORT)", c.DebugAddr)
	}
	if c.Neo4jPassword == "" {
		return fmt.Errorf("NEO4J_PASSWORD is not set: set it to the password of user %q (for the local server, run `make run` or `eval \"$(scripts/neo4j-local env --export)\"`)", c.Neo4jUser)
	}
	return nil
}

// parsed reads a setting that must parse; a malformed value is kept in
// errs for Validate to report, and the default stands meanwhile.
func parsed[T any](errs *[]error, key, want string, def T, parse func(string) (T, error)) T {
	v, ok := os.LookupEnv(key)
	if !ok || v == "" {
		return def
	}
	x, err := parse(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: want %s", key, v, want))
		return def
	}
	return x
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// list splits a comma-separated setting, dropping empty items.
func list(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// Loopback reports whether addr is host:port with a loopback IP host.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
