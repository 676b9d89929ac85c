package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "github.com/mattn/go-sqlite3"    // registers the "sqlite3" driver

	"swtalent/internal/pii"
)

// provincePersons is how many persons `swtalent demo --scale province` writes; a database with
// fewer is filled again.
const provincePersons = 50_000

// Credentials of the ADMIN account the harness creates on each swtalent database.
const (
	benchUser     = "peerbench"
	benchPassword = "peer-bench-password-2026"
)

// server is one running GraphQL server.
type server struct {
	name         string // swtalent-pg, postgraphile, postgraphile-rw, swtalent-sqlite
	title        string
	postgraphile bool
	url          string // the GraphQL endpoint
	token        string // swtalent's ADMIN token
	database     string // the PostgreSQL database it reads, whose backends' CPU counts as its own ("" on SQLite)
	cmd          *exec.Cmd
	log          *os.File

	mu     sync.Mutex
	maxRSS int64 // bytes, highest seen while measuring
}

// pgDatabase returns the URL of the named database on the server at serverURL.
func pgDatabase(serverURL, name string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", fmt.Errorf("-pg: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// preparePostgres makes sure the database holds the province demo, encrypted with the key in
// keyFile; it is created and filled when missing, empty, or without its key.
func preparePostgres(ctx context.Context, bin, serverURL, name, keyFile string) (string, error) {
	dbURL, err := pgDatabase(serverURL, name)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(keyFile); err == nil && countPersons(ctx, "pgx", dbURL) >= provincePersons {
		return dbURL, vacuum(ctx, dbURL)
	}
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", serverURL, err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", fmt.Errorf("drop %s: %w", name, err)
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create %s: %w", name, err)
	}
	key, err := pii.GenerateKey()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write data key: %w", err)
	}
	logf("filling PostgreSQL database %s with the province demo", name)
	if err := fill(ctx, bin, dbURL, keyFile); err != nil {
		return dbURL, err
	}
	return dbURL, vacuum(ctx, dbURL)
}

// vacuum runs VACUUM (ANALYZE) on the database before it is measured, as autovacuum would on a
// server with the default settings (some, like CI's, run with autovacuum off): the pages of a
// database filled by an older build, or written by an earlier run's mutations, become
// all-visible, so both servers' counts may be answered from an index alone. Quick when nothing
// changed.
func vacuum(ctx context.Context, dbURL string) error {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", dbURL, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM (ANALYZE)"); err != nil {
		return fmt.Errorf("vacuum %s: %w", dbURL, err)
	}
	return nil
}

// prepareSQLite makes sure the SQLite file holds the province demo (its key beside it).
func prepareSQLite(ctx context.Context, bin, path string) error {
	if _, err := os.Stat(path + ".key"); err == nil && countPersons(ctx, "sqlite3", "file:"+path+"?mode=ro") >= provincePersons {
		return nil
	}
	for _, f := range []string{path, path + "-wal", path + "-shm", path + ".key"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	logf("filling SQLite database %s with the province demo", path)
	return fill(ctx, bin, path, path+".key")
}

// fill runs `swtalent demo --scale province` on the database.
func fill(ctx context.Context, bin, db, keyFile string) error {
	cmd := exec.CommandContext(ctx, bin, "demo", "--scale", "province", "--db", db, "--data-key-file", keyFile)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("swtalent demo --db %s: %w", db, err)
	}
	return nil
}

// countPersons counts the persons of a database; 0 when it cannot be read.
func countPersons(ctx context.Context, driver, dsn string) int {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM persons").Scan(&n); err != nil {
		return 0
	}
	return n
}

// createAdmin creates the harness's ADMIN account unless it exists (the command then fails,
// which is fine: signing in tells).
func createAdmin(ctx context.Context, bin, db, keyFile string) {
	cmd := exec.CommandContext(ctx, bin, "admin", "create", "--username", benchUser, "--display-name", "peer bench", "--db", db, "--data-key-file", keyFile)
	cmd.Stdin = strings.NewReader(benchPassword + "\n")
	_ = cmd.Run()
}

// startSwtalent starts `swtalent serve` on the database (logs to a file in work), with its
// response cache unless responseCache is false.
func startSwtalent(ctx context.Context, name, title, bin, db, keyFile, addr, work string, responseCache bool) (*server, error) {
	createAdmin(ctx, bin, db, keyFile)
	s := &server{name: name, title: title, url: "http://" + addr + "/graphql", database: pgName(db)}
	args := []string{"serve", "--db", db, "--data-key-file", keyFile, "--demo=false", "--addr", addr}
	if !responseCache {
		args = append(args, "--response-cache-size", "0")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	if err := s.start(cmd, work); err != nil {
		return nil, err
	}
	var login struct {
		Login struct{ Token string } `json:"login"`
	}
	if err := s.post(ctx, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
		map[string]any{"u": benchUser, "p": benchPassword}, false, &login); err != nil {
		s.stop()
		return nil, fmt.Errorf("%s: sign in: %w", name, err)
	}
	s.token = login.Login.Token
	return s, nil
}

// startPostGraphile starts PostGraphile on the database: read-only (no default mutations) unless
// writable, with the connection-filter and aggregates plugins and dynamic JSON.
func startPostGraphile(ctx context.Context, name, title, bin, dbURL, addr, work string, writable bool) (*server, error) {
	host, port, _ := strings.Cut(addr, ":")
	args := []string{"-c", dbURL, "--schema", "public", "--host", host, "--port", port,
		"--dynamic-json", "--disable-query-log",
		"--append-plugins", "postgraphile-plugin-connection-filter,@graphile/pg-aggregates"}
	if !writable {
		args = append(args, "--disable-default-mutations")
	}
	s := &server{name: name, title: title, postgraphile: true, url: "http://" + addr + "/graphql", database: pgName(dbURL)}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = filepath.Dir(filepath.Dir(filepath.Dir(bin))) // bench/peer, where node_modules is
	return s, s.start(cmd, work)
}

// start runs cmd and waits until the server answers a GraphQL request.
func (s *server) start(cmd *exec.Cmd, work string) error {
	log, err := os.Create(filepath.Join(work, s.name+".log"))
	if err != nil {
		return err
	}
	s.log, s.cmd = log, cmd
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("start %s: %w", s.name, err)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		var out struct {
			Typename string `json:"__typename"`
		}
		if err := s.post(context.Background(), "{ __typename }", nil, false, &out); err == nil {
			return nil
		}
		if cmd.ProcessState != nil {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	s.stop()
	return fmt.Errorf("%s did not start answering; see %s", s.name, log.Name())
}

// stop ends the server's process.
func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
	}
	if s.log != nil {
		s.log.Close()
	}
}

// post sends one GraphQL request and decodes its data into out; an answer with errors fails.
func (s *server) post(ctx context.Context, doc string, vars map[string]any, admin bool, out any) error {
	_, err := s.request(ctx, doc, vars, admin, out)
	return err
}

// request is post that also returns the raw answer.
func (s *server) request(ctx context.Context, doc string, vars map[string]any, admin bool, out any) ([]byte, error) {
	b, err := body(doc, vars)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, strings.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if admin && s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer rsp.Body.Close()
	raw, err := io.ReadAll(rsp.Body)
	if err != nil {
		return nil, err
	}
	var env struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return raw, fmt.Errorf("%s answered %s: %.200s", s.name, rsp.Status, raw)
	}
	if len(env.Errors) > 0 {
		return raw, fmt.Errorf("%s: %s", s.name, env.Errors[0].Message)
	}
	if out != nil {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return raw, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return raw, nil
}

// findTargets looks up, on each server, the records the requests name: the first 100 persons
// and a university to rename (created on swtalent when the database has none).
func findTargets(ctx context.Context, servers []*server) (targets, error) {
	t := targets{persons: map[string][]string{}, university: map[string]any{}}
	for _, s := range servers {
		if s.postgraphile {
			var out struct {
				AllPeople       struct{ Nodes []struct{ NodeID string } } `json:"allPeople"`
				AllUniversities struct{ Nodes []struct{ ID string } }     `json:"allUniversities"`
			}
			if err := s.post(ctx, `{ allPeople(first: 100, orderBy: PRIMARY_KEY_ASC) { nodes { nodeId } }
  allUniversities(first: 1, orderBy: PRIMARY_KEY_ASC) { nodes { id } } }`, nil, false, &out); err != nil {
				return t, err
			}
			for _, n := range out.AllPeople.Nodes {
				t.persons[s.name] = append(t.persons[s.name], n.NodeID)
			}
			if len(out.AllUniversities.Nodes) > 0 {
				t.university[s.name] = out.AllUniversities.Nodes[0].ID
			}
			continue
		}
		var out struct {
			Persons struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Universities struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := s.post(ctx, `{ persons(first: 100) { edges { node { id } } } universities(first: 1) { edges { node { id } } } }`, nil, true, &out); err != nil {
			return t, err
		}
		for _, e := range out.Persons.Edges {
			t.persons[s.name] = append(t.persons[s.name], e.Node.ID)
		}
		if len(out.Universities.Edges) > 0 {
			t.university[s.name] = out.Universities.Edges[0].Node.ID
			continue
		}
		var created struct{ CreateUniversity struct{ ID string } }
		if err := s.post(ctx, `mutation { createUniversity(input: {name: "Peer University"}) { id } }`, nil, true, &created); err != nil {
			return t, err
		}
		t.university[s.name] = created.CreateUniversity.ID
	}
	return t, nil
}

// sampleRSS records the highest resident set of each swtalent server until stop is closed.
func sampleRSS(servers []*server, stop <-chan struct{}) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		for _, s := range servers {
			if rss := residentBytes(s.cmd.Process.Pid); rss > 0 {
				s.mu.Lock()
				s.maxRSS = max(s.maxRSS, rss)
				s.mu.Unlock()
			}
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// residentBytes reads a process's resident set (VmRSS); 0 when it cannot.
func residentBytes(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// pgName is the database name of a postgres:// URL, "" for anything else.
func pgName(db string) string {
	u, err := url.Parse(db)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

// clockTicks is the unit of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux).
const clockTicks = 100

// cpuTicks are the CPU times (in clock ticks) of the server's processes by process id: its own,
// and on PostgreSQL that of every backend connected to its database (PostgreSQL names the
// database in each backend's process title), so that a server that leaves the work to
// PostgreSQL is not flattered. Only one server runs at a time, so the other's idle backends add
// nothing.
func (s *server) cpuTicks() map[int]int64 {
	out := map[int]int64{s.cmd.Process.Pid: processTicks(s.cmd.Process.Pid)}
	if s.database == "" {
		return out
	}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && strings.HasPrefix(string(cmdline), "postgres: ") && strings.Contains(string(cmdline), " "+s.database+" ") {
			out[pid] = processTicks(pid)
		}
	}
	return out
}

// cpuMeter follows a server's CPU time during a run, sampling often enough that a backend
// that exits during the run (a pool closing a connection) still counts nearly all it used.
type cpuMeter struct {
	s            *server
	before, last map[int]int64
	stop, done   chan struct{}
}

// meterCPU starts measuring s's CPU time.
func meterCPU(s *server) *cpuMeter {
	m := &cpuMeter{s: s, before: s.cpuTicks(), last: map[int]int64{}, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			for pid, t := range s.cpuTicks() {
				m.last[pid] = max(m.last[pid], t)
			}
			select {
			case <-m.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return m
}

// used stops the meter and returns the CPU time used since it started.
func (m *cpuMeter) used() time.Duration {
	close(m.stop)
	<-m.done
	for pid, t := range m.s.cpuTicks() {
		m.last[pid] = max(m.last[pid], t)
	}
	var ticks int64
	for pid, t := range m.last {
		ticks += max(t-m.before[pid], 0)
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// processTicks reads a process's user and system CPU time in clock ticks; 0 when it cannot.
func processTicks(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count fields after it.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}

// loadAverage reads the 1-, 5- and 15-minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// logf prints progress to standard error.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}
