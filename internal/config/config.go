// Package config holds the settings of every silkgraph command, read from
// the environment with documented defaults and overridable by flags.
package config

import (
	"errors"
	"fmt"
	"os"
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

	// envErrors are environment values that could not be read; Validate
	// reports them rather than silently using defaults.
	envErrors []error
}

// Default returns the configuration from the environment, with defaults for
// what is unset.
func Default() Config {
	var errs []error
	envDuration := func(key string, def time.Duration) time.Duration {
		v, ok := os.LookupEnv(key)
		if !ok || v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want a duration such as 30s", key, v))
			return def
		}
		return d
	}
	c := Config{
		Neo4jURI:       env("NEO4J_URI", "bolt://127.0.0.1:7687"),
		Neo4jUser:      env("NEO4J_USER", "neo4j"),
		Neo4jPassword:  env("NEO4J_PASSWORD", ""),
		Neo4jDatabase:  env("NEO4J_DATABASE", "neo4j"),
		ConnectTimeout: envDuration("NEO4J_CONNECT_TIMEOUT", 60*time.Second),
		QueryTimeout:   envDuration("NEO4J_QUERY_TIMEOUT", 15*time.Second),
		ListenAddr:     env("LISTEN_ADDR", ":8080"),
		LogLevel:       env("LOG_LEVEL", "info"),
		LogFormat:      env("LOG_FORMAT", "json"),
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
}

// Validate reports settings that cannot work.
func (c *Config) Validate() error {
	if len(c.envErrors) > 0 {
		return errors.Join(c.envErrors...)
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		return fmt.Errorf("LOG_FORMAT %q: want json or console", c.LogFormat)
	}
	if c.Neo4jPassword == "" {
		return fmt.Errorf("NEO4J_PASSWORD is not set: set it to the password of user %q (for the local server, run `make run` or `eval $(scripts/neo4j-local env)`)", c.Neo4jUser)
	}
	return nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
