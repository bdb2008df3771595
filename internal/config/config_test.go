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
			return c.Neo4jURI == "bolt://127.0.0.1:7687" && c.ListenAddr == ":8080" && c.QueryTimeout == 15*time.Second
		}},
		{"duration", "NEO4J_QUERY_TIMEOUT", "3s", "", func(c config.Config) bool { return c.QueryTimeout == 3*time.Second }},
		{"bad duration", "NEO4J_QUERY_TIMEOUT", "soon", "NEO4J_QUERY_TIMEOUT", nil},
		{"bad log format", "LOG_FORMAT", "xml", "LOG_FORMAT", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"NEO4J_URI", "LISTEN_ADDR", "NEO4J_QUERY_TIMEOUT", "LOG_FORMAT", "LOG_LEVEL"} {
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
