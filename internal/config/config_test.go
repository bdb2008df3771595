package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/silkgraph/silkgraph/internal/config"
)

func TestDefaultReadsEnvironment(t *testing.T) {
	tests := []struct {
		name, key, value string
		wantErr          string
		check            func(config.Config) bool
	}{
		{"defaults", "", "", "", func(c config.Config) bool {
			return c.Neo4jURI == "bolt://127.0.0.1:7687" && c.ListenAddr == "127.0.0.1:8080" && c.QueryTimeout == 15*time.Second
		}},
		{"duration", "NEO4J_QUERY_TIMEOUT", "3s", "", func(c config.Config) bool { return c.QueryTimeout == 3*time.Second }},
		{"bad duration", "NEO4J_QUERY_TIMEOUT", "soon", "NEO4J_QUERY_TIMEOUT", nil},
		{"bad log format", "LOG_FORMAT", "xml", "LOG_FORMAT", nil},
		{"access defaults", "", "", "", func(c config.Config) bool {
			return !c.ReadsNeedKey && c.RateLimit > 0 && c.RateBurst >= 1 && c.CORSOrigins == nil && c.GraphiQL && c.Introspection && c.DebugAddr == ""
		}},
		{"reads need a key", "READS_NEED_KEY", "true", "", func(c config.Config) bool { return c.ReadsNeedKey }},
		{"bad boolean", "GRAPHIQL", "maybe", "GRAPHIQL", nil},
		{"CORS origins", "CORS_ORIGINS", "https://a.example, ,https://b.example", "", func(c config.Config) bool {
			return len(c.CORSOrigins) == 2 && c.CORSOrigins[1] == "https://b.example"
		}},
		{"no rate limit", "RATE_LIMIT", "0", "", func(c config.Config) bool { return c.RateLimit == 0 }},
		{"negative rate limit", "RATE_LIMIT", "-1", "RATE_LIMIT", nil},
		{"zero burst", "RATE_BURST", "0", "RATE_BURST", nil},
		{"debug on loopback", "DEBUG_ADDR", "127.0.0.1:6060", "", func(c config.Config) bool { return c.DebugAddr == "127.0.0.1:6060" }},
		{"debug off loopback", "DEBUG_ADDR", "0.0.0.0:6060", "DEBUG_ADDR", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"NEO4J_URI", "LISTEN_ADDR", "NEO4J_QUERY_TIMEOUT", "LOG_FORMAT", "LOG_LEVEL",
				"READS_NEED_KEY", "RATE_LIMIT", "RATE_BURST", "CORS_ORIGINS", "GRAPHIQL", "INTROSPECTION", "DEBUG_ADDR"} {
				t.Setenv(k, "") // empty counts as unset
			}
			t.Setenv("NEO4J_PASSWORD", "secret-for-test")
			if tt.key != "" {
				t.Setenv(tt.key, tt.value)
			}
			c := config.Default()
			err := c.Validate()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Validate() = %v, want an error about %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(c) {
				t.Fatalf("config %+v, Validate() = %v", c, err)
			}
		})
	}
}
