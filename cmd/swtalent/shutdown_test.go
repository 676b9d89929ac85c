package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// envServeChild names the database the serving child uses.
const envServeChild = "SWTALENT_SERVE_CHILD"

// TestServeChild is the server process of TestSIGTERMFinishesInFlightRequests, not a test of its
// own: it runs `swtalent` until SIGTERM and exits with run's result.
func TestServeChild(t *testing.T) {
	db := os.Getenv(envServeChild)
	if db == "" {
		t.Skip("run by TestSIGTERMFinishesInFlightRequests")
	}
	ctx, stop := signalContext()
	defer stop()
	err := run(ctx, []string{"--db", db, "--addr", "127.0.0.1:0", "--demo=false"}, strings.NewReader(""), os.Stdout, os.Stderr, nil)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// SIGTERM while a request is in flight: the request completes and the process exits 0.
func TestSIGTERMFinishesInFlightRequests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "swtalent.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), envServeChild+"="+db)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		for s.Scan() {
			if a, ok := strings.CutPrefix(s.Text(), "swtalent serving on http://"); ok {
				addr <- a
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var a string
	select {
	case a = <-addr:
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not start")
	}

	// A request whose body arrives in two parts, with SIGTERM in between.
	conn, err := net.Dial("tcp", a)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ regions(where: {level: TOWNSHIP}) { totalCount } }"}`
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", a, len(body), body[:half])
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := io.WriteString(conn, body[half:]); err != nil {
		t.Fatalf("the server closed the in-flight request: %v", err)
	}
	reply, err := io.ReadAll(bufio.NewReader(conn))
	if err != nil && len(reply) == 0 {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(reply), "HTTP/1.1 200") || !strings.Contains(string(reply), `"totalCount":17`) {
		t.Fatalf("in-flight request answered:\n%s", reply)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the server exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
	}
}
