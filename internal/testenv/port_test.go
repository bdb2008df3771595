package testenv_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/testenv"
)

// TestLocalPortSkipsABusyPort: another checkout's server on the requested
// port must not stop this checkout's from starting, and a restart keeps
// the port it chose.
func TestLocalPortSkipsABusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	free := freePort(t)
	tests := []struct {
		name      string
		requested int
		portFile  string // the last start's "requested chosen"
		want      func(got int) bool
	}{
		{"free", free, "", func(got int) bool { return got == free }},
		{"busy", busyPort, "", func(got int) bool { return got > busyPort+99 && got < busyPort+200 }},
		{"busy, chosen before", busyPort, strconv.Itoa(busyPort) + " " + strconv.Itoa(free), func(got int) bool { return got == free }},
		{"free, chosen before", free, strconv.Itoa(free) + " " + strconv.Itoa(free+1), func(got int) bool { return got == free }},
		{"busy, chosen for another request", busyPort, strconv.Itoa(busyPort+1) + " " + strconv.Itoa(free), func(got int) bool { return got != free && got != busyPort }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			if tt.portFile != "" {
				if err := os.WriteFile(filepath.Join(home, "port"), []byte(tt.portFile), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(filepath.Join(testenv.Root(t), "scripts", "neo4j-local"), "port")
			cmd.Env = append(os.Environ(), "SILKGRAPH_NEO4J_HOME="+home, "NEO4J_LOCAL_PORT="+strconv.Itoa(tt.requested))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("neo4j-local port: %v: %s", err, out)
			}
			got, err := strconv.Atoi(strings.TrimSpace(string(out)))
			if err != nil || !tt.want(got) {
				t.Fatalf("neo4j-local port with %d requested (%d busy), port file %q: %s", tt.requested, busyPort, tt.portFile, out)
			}
		})
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
