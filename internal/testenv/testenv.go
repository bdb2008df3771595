// Package testenv gives integration tests a real Neo4j: the one NEO4J_URI
// names, or else the project's local test server (scripts/neo4j-local with
// .neo4j-test), started on first use. Each package starts from an empty
// database, so test processes that share one take turns: the first use
// waits for an exclusive file lock, held until the process exits, and a
// plain `go test ./...` runs packages in parallel without wiping each
// other's data.
package testenv

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/synth"
)

var (
	once    sync.Once
	opts    store.Options
	initErr error
)

// Root returns the repository root.
func Root(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		tb.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// Options returns how to reach the test database, starting the local test
// server if NEO4J_URI is unset.
func Options(tb testing.TB) store.Options {
	tb.Helper()
	once.Do(func() {
		env := map[string]string{}
		for _, k := range []string{"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
			env[k] = os.Getenv(k)
		}
		target := env["NEO4J_URI"]
		if target == "" {
			// Each checkout's test server is its own: checkouts need not take turns.
			target = "local:" + localHome(Root(tb))
		}
		if initErr = takeTurn(target); initErr != nil {
			return
		}
		if env["NEO4J_URI"] == "" {
			env, initErr = startLocal(Root(tb))
			if initErr != nil {
				return
			}
		}
		opts = store.Options{URI: env["NEO4J_URI"], User: or(env["NEO4J_USER"], "neo4j"), Password: env["NEO4J_PASSWORD"],
			Database: or(env["NEO4J_DATABASE"], "neo4j"), ConnectTimeout: 60 * time.Second, QueryTimeout: 60 * time.Second}
	})
	if initErr != nil {
		tb.Fatalf("test Neo4j: %v", initErr)
	}
	return opts
}

// LocalEnv is the environment that selects the local test server, on port
// 7688 unless TEST_NEO4J_PORT says otherwise (or another process holds it:
// scripts/neo4j-local then picks a free one, and env reports it).
func LocalEnv(root string) []string {
	return append(os.Environ(), "SILKGRAPH_NEO4J_HOME="+localHome(root), "NEO4J_LOCAL_PORT="+localPort())
}

func localHome(root string) string { return filepath.Join(root, ".neo4j-test") }

func localPort() string { return or(os.Getenv("TEST_NEO4J_PORT"), "7688") }

// takeTurn blocks until no other test process uses the database target
// names. The lock is on a raw descriptor, which no finalizer closes, so it
// lasts until this process exits.
func takeTurn(target string) error {
	sum := sha256.Sum256([]byte(target))
	path := filepath.Join(os.TempDir(), "silkgraph-testdb-"+hex.EncodeToString(sum[:8])+".lock")
	fd, err := syscall.Open(path, syscall.O_CREAT|syscall.O_RDWR|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return syscall.Flock(fd, syscall.LOCK_EX)
}

// Script runs scripts/neo4j-local with the test server's environment.
func Script(root string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(root, "scripts", "neo4j-local"), args...)
	cmd.Env = LocalEnv(root)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &scriptError{err: err, stderr: stderr.String()}
	}
	return out, nil
}

type scriptError struct {
	err    error
	stderr string
}

func (e *scriptError) Error() string { return e.err.Error() + ": " + e.stderr }

func startLocal(root string) (map[string]string, error) {
	if _, err := Script(root, "start"); err != nil {
		return nil, err
	}
	out, err := Script(root, "env")
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	return env, nil
}

// Store opens a store on the test database, closed when the test ends.
func Store(tb testing.TB) *store.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, Options(tb), zerolog.Nop())
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { _ = st.Close(ctx) })
	return st
}

// Shared returns a store for a whole test package, opened once and kept open
// (tests that share seeded data use it; the process exit closes it).
func Shared(tb testing.TB, prepare func(testing.TB, *store.Store)) *store.Store {
	tb.Helper()
	sharedOnce.Do(func() {
		st, err := store.Open(context.Background(), Options(tb), zerolog.Nop())
		if err != nil {
			tb.Fatalf("open store: %v", err)
		}
		prepare(tb, st)
		shared = st
	})
	if shared == nil {
		tb.Fatal("the shared store failed to open in an earlier test")
	}
	return shared
}

var (
	sharedOnce sync.Once
	shared     *store.Store
)

// Empty opens a store on an emptied, migrated database.
func Empty(tb testing.TB) *store.Store {
	tb.Helper()
	st := Store(tb)
	Reset(tb, st)
	return st
}

// Reset empties and migrates the database.
func Reset(tb testing.TB, st *store.Store) {
	tb.Helper()
	ctx := context.Background()
	if err := st.DeleteAll(ctx); err != nil {
		tb.Fatalf("empty database: %v", err)
	}
	if err := st.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
}

// LoadSeed empties the database and loads exactly the project's seed/.
func LoadSeed(tb testing.TB, st *store.Store) {
	tb.Helper()
	Reset(tb, st)
	ds, err := seed.Read(filepath.Join(Root(tb), "seed"))
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	if _, err := loader.Load(context.Background(), st, ds, loader.Options{Dataset: "seed"}); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
}

// SyntheticBulk writes a synthetic bulk file (internal/synth) into a
// temporary directory and validates it.
func SyntheticBulk(tb testing.TB, o synth.Options) (*seed.Bulk, seed.Stats) {
	tb.Helper()
	dir := tb.TempDir()
	f, err := os.Create(filepath.Join(dir, "synthetic.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := synth.Write(f, o); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	b, stats, err := seed.ReadBulk([]string{dir}, nil)
	if err != nil {
		tb.Fatalf("read the synthetic bulk file: %v", err)
	}
	return b, stats
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// External reports whether tests run against a server NEO4J_URI names,
// which tests must not stop or restart.
func External() bool { return os.Getenv("NEO4J_URI") != "" }
