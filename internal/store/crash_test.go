package store_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"swtalent/ent/privacy"
	"swtalent/ent/university"
	"swtalent/internal/pii"
	"swtalent/internal/store"
)

// envCrashChild names the database the crash child writes to.
const envCrashChild = "SWTALENT_CRASH_CHILD"

// TestCrashChild is the writing child of TestCrashLosesNoAcknowledgedWrite, not a test of its
// own: it writes records one transaction at a time and prints "ack <name>" after each commit,
// until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(envCrashChild)
	if path == "" {
		t.Skip("run by TestCrashLosesNoAcknowledgedWrite")
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	key, _ := pii.ParseKey(os.Getenv(pii.EnvKey))
	k, _ := pii.New(key)
	db, err := store.Open(ctx, path, k)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	prefix := os.Getenv(envCrashChild + "_PREFIX")
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s-%d", prefix, i)
		if _, err := db.Client.University.Create().SetName(name).Save(ctx); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("ack", name)
	}
}

// A writer killed with SIGKILL at random moments never loses a write it acknowledged, and leaves
// a database that passes the integrity and foreign-key checks.
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 child processes")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	key, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	var acked []string
	for round := range 20 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), envCrashChild+"="+path, envCrashChild+"_PREFIX="+fmt.Sprint("r", round), pii.EnvKey+"="+pii.FormatKey(key))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			s := bufio.NewScanner(out)
			for s.Scan() {
				lines <- s.Text()
			}
			close(lines)
		}()
		// Let it write for a random while (after its first acknowledged write), then kill it.
		deadline := time.After(time.Duration(20+rng.IntN(200)) * time.Millisecond)
		started := false
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if name, found := strings.CutPrefix(l, "ack "); found {
					acked = append(acked, name)
					started = true
				} else if strings.HasPrefix(l, "error") {
					t.Fatalf("round %d: child: %s", round, l)
				}
			case <-deadline:
				if started {
					_ = cmd.Process.Kill()
					deadline = nil
				} else {
					deadline = time.After(10 * time.Millisecond)
				}
			}
		}
		_ = cmd.Wait()

		k, _ := pii.New(key)
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		db, err := store.Open(ctx, path, k)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		var check string
		if err := db.SQL.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check: %s %v", round, check, err)
		}
		rows, err := db.SQL.Query("PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		if rows.Next() {
			t.Fatalf("round %d: foreign-key violations", round)
		}
		rows.Close()
		n, err := db.Client.University.Query().Where(university.NameIn(acked...)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(acked) {
			t.Fatalf("round %d: %d of %d acknowledged writes survive", round, n, len(acked))
		}
		db.Close()
	}
	if len(acked) < 20 {
		t.Fatalf("only %d writes acknowledged in 20 rounds", len(acked))
	}
}
