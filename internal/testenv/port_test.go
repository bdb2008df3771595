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
			out := localScript(t, home, tt.requested, "port")
			got, err := strconv.Atoi(out)
			if err != nil || !tt.want(got) {
				t.Fatalf("neo4j-local port with %d requested (%d busy), port file %q: %s", tt.requested, busyPort, tt.portFile, out)
			}
			if env := localScript(t, home, tt.requested, "env"); !strings.Contains(env, "NEO4J_URI=bolt://127.0.0.1:"+out+"\n") {
				t.Fatalf("neo4j-local env does not name port %s, which a start would take: %s", out, env)
			}
		})
	}
}

// A running server is reached where it listens, whatever port is asked
// for now: the port its launcher was started with.
func TestLocalPortOfARunningServer(t *testing.T) {
	home := t.TempDir()
	// A stand-in for the launcher, with its arguments: data dir and port.
	launcher := exec.Command("bash", "-c", "sleep 60; :", "Launcher", filepath.Join(home, "data"), "23456")
	if err := launcher.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = launcher.Process.Kill(); _ = launcher.Wait() }()
	if err := os.WriteFile(filepath.Join(home, "neo4j.pid"), []byte(strconv.Itoa(launcher.Process.Pid)), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := localScript(t, home, freePort(t), "port"); got != "23456" {
		t.Fatalf("neo4j-local port = %s, want the running server's 23456", got)
	}
	if env := localScript(t, home, freePort(t), "env"); !strings.Contains(env, "NEO4J_URI=bolt://127.0.0.1:23456\n") {
		t.Fatalf("neo4j-local env does not name the running server's port: %s", env)
	}
}

// localScript runs scripts/neo4j-local for the home and requested port.
func localScript(t *testing.T, home string, port int, command string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(testenv.Root(t), "scripts", "neo4j-local"), command)
	cmd.Env = append(os.Environ(), "SILKGRAPH_NEO4J_HOME="+home, "NEO4J_LOCAL_PORT="+strconv.Itoa(port))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("neo4j-local %s: %v: %s", command, err, out)
	}
	return strings.TrimSpace(string(out))
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
