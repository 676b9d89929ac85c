// Command import is the load script of issue #22: a large persons import (then the matching
// certificates) over HTTP, alone and while clerks save records, against a real `swtalent serve`.
//
//	go build -o /tmp/swtalent ./cmd/swtalent
//	go run ./bench/import --bin /tmp/swtalent --rows 100000            # SQLite, a fresh temp file
//	SWTALENT_DATA_KEY=… go run ./bench/import --bin /tmp/swtalent --db postgres://…/fresh_db
//
// It starts the server on a fresh database with the demo county, signs in as the demo admin
// and, for each round, imports a persons sheet and a certificates sheet of --rows rows each,
// once alone and once while --clients clients each call createPerson every --interval,
// alternating which goes first from round to round. It prints, per import: the time from the
// upload to DONE, the time until progress was first visible and the longest gap between two
// visible changes of progress; and for the clients: saves attempted, failed, and latency
// percentiles. Targets (#22): 0 failed saves, p99 ≤ 1 s, loaded ≤ 2× alone, progress within
// 1 s and at least every 2 s.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"swtalent/internal/validate"
)

func main() {
	bin := flag.String("bin", "", "swtalent binary (go build -o /tmp/swtalent ./cmd/swtalent)")
	db := flag.String("db", "", "database (default: a fresh SQLite file in a temp dir)")
	rows := flag.Int("rows", 100000, "rows per imported sheet")
	clients := flag.Int("clients", 8, "concurrent clerks saving records")
	interval := flag.Duration("interval", 100*time.Millisecond, "pause between one clerk's saves")
	rounds := flag.Int("rounds", 1, "rounds of (alone, loaded), alternating the order")
	flag.Parse()
	if err := run(*bin, *db, *rows, *clients, *interval, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "bench/import:", err)
		os.Exit(1)
	}
}

func run(bin, db string, rows, clients int, interval time.Duration, rounds int) error {
	if bin == "" {
		return errors.New("--bin is required")
	}
	if db == "" {
		dir, err := os.MkdirTemp("", "swtalent-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "bench.db")
	}
	srv, err := start(bin, db)
	if err != nil {
		return err
	}
	defer srv.stop()
	token, err := srv.login()
	if err != nil {
		return err
	}
	fmt.Printf("server %s, database %s, %d rows per sheet, %d clients every %s\n", srv.base, db, rows, clients, interval)
	next := 0 // first person number of the next sheet
	for r := 0; r < rounds; r++ {
		order := []bool{false, true}
		if r%2 == 1 {
			order = []bool{true, false}
		}
		for _, loaded := range order {
			label := "alone "
			if loaded {
				label = "loaded"
			}
			var load *clerks
			if loaded {
				load = startClerks(srv.base, token, clients, interval, 5000000+r*100000)
			}
			for _, kind := range []string{"persons", "certificates"} {
				file := sheet(kind, next, rows)
				res, err := importJob(srv.base, token, kind, file)
				if err != nil {
					if load != nil {
						load.stop()
					}
					return fmt.Errorf("%s %s: %w", label, kind, err)
				}
				fmt.Printf("round %d %s %-12s %6d rows: %6.1f s  first progress %4.2f s  longest gap %4.2f s  (%s)\n",
					r+1, label, kind, rows, res.took.Seconds(), res.firstProgress.Seconds(), res.longestGap.Seconds(), res.state)
			}
			next += rows
			if load != nil {
				load.stop()
				fmt.Printf("round %d clerks: %d saves, %d failed, latency p50 %s p99 %s max %s\n", r+1, load.n(), load.failed.Load(),
					load.pct(0.50), load.pct(0.99), load.pct(1))
				for _, e := range load.firstErrors() {
					fmt.Println("  failed save:", e)
				}
			}
		}
	}
	return nil
}

// server is a running `swtalent serve`.
type server struct {
	cmd      *exec.Cmd
	base     string
	password string
}

// start runs the binary on db with the demo world and waits for its address.
func start(bin, db string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--demo=true")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if _, after, ok := strings.Cut(line, "password "); ok && strings.Contains(line, "demo admin") {
			s.password, _, _ = strings.Cut(after, " ")
		}
		if _, after, ok := strings.Cut(line, "swtalent serving on "); ok {
			s.base = strings.TrimSpace(after)
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if s.base == "" || s.password == "" {
		s.stop()
		return nil, errors.New("the server did not start on a fresh database (no address or demo admin password)")
	}
	return s, nil
}

// stop ends the server.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	_ = s.cmd.Wait()
}

// login signs in as the demo admin.
func (s *server) login() (string, error) {
	var d struct{ Login struct{ Token string } }
	if err := gql(s.base, "", `mutation($p: String!) { login(username: "admin", password: $p) { token } }`, map[string]any{"p": s.password}, &d); err != nil {
		return "", err
	}
	return d.Login.Token, nil
}

// gql runs one GraphQL operation.
func gql(base, token, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return fmt.Errorf("HTTP %d: %w", res.StatusCode, err)
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("%v %s", r.Errors[0].Extensions["code"], r.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

// idNumber is a valid ID number of person n, outside the demo world's region prefix.
func idNumber(n int) string {
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n/900)
	first17 := fmt.Sprintf("360102%s%03d", birth.Format("20060102"), n%900+100)
	return first17 + string(validate.IDCheckChar(first17))
}

// sheet is a CSV of rows persons from number first, or their certificates.
func sheet(kind string, first, rows int) []byte {
	var b bytes.Buffer
	if kind == "persons" {
		b.WriteString("姓名,身份证号,手机号,最高学历,身份,工作地区划代码,入职日期\n")
		for i := first; i < first+rows; i++ {
			fmt.Fprintf(&b, "压测%d,%s,139%08d,本科,社区工作者,361126001000,2023-03-01\n", i, idNumber(i), i%100000000)
		}
		return b.Bytes()
	}
	b.WriteString("证书编号,身份证号,姓名,证书等级,取得日期\n")
	for i := first; i < first+rows; i++ {
		fmt.Fprintf(&b, "2024%014d,%s,压测%d,助理社会工作师,2024-06-15\n", 50000000000000+i, idNumber(i), i)
	}
	return b.Bytes()
}

// result is what one import took.
type result struct {
	took, firstProgress, longestGap time.Duration
	state                           string
}

// jobStatus is the part of GET /import/jobs/{id} the script reads.
type jobStatus struct {
	ID          int
	State       string
	RowsChecked int
	RowsWritten int
	Errors      []struct {
		Row     int
		Column  string
		Message string
	}
	Message string
}

// importJob uploads a sheet and follows its job every 100 ms until it ends.
func importJob(base, token, kind string, file []byte) (result, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", kind+".csv")
	_, _ = part.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/import/"+kind, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	began := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return result{}, err
	}
	var job jobStatus
	err = json.NewDecoder(res.Body).Decode(&job)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusAccepted {
		return result{}, fmt.Errorf("upload: HTTP %d %v", res.StatusCode, err)
	}
	accepted := time.Now()
	var r result
	last, lastChange := "", accepted
	for {
		time.Sleep(100 * time.Millisecond)
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/import/jobs/%d", base, job.ID), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return r, err
		}
		var s jobStatus
		err = json.NewDecoder(res.Body).Decode(&s)
		res.Body.Close()
		if err != nil {
			return r, err
		}
		now := time.Now()
		seen := fmt.Sprint(s.State, s.RowsChecked, s.RowsWritten)
		if seen != last {
			if r.firstProgress == 0 && (s.RowsChecked > 0 || s.RowsWritten > 0 || s.State != "VALIDATING") {
				r.firstProgress = now.Sub(accepted)
			}
			if gap := now.Sub(lastChange); last != "" && gap > r.longestGap {
				r.longestGap = gap
			}
			last, lastChange = seen, now
		}
		switch s.State {
		case "DONE", "FAILED", "CANCELLED":
			r.took, r.state = now.Sub(began), s.State
			if s.State != "DONE" {
				return r, fmt.Errorf("job ended %s: %s %+v", s.State, s.Message, s.Errors)
			}
			return r, nil
		}
	}
}

// clerks save records concurrently and time each save.
type clerks struct {
	wg        sync.WaitGroup
	done      atomic.Bool
	failed    atomic.Int64
	mu        sync.Mutex
	latencies []time.Duration
	errs      []string
}

// startClerks starts n clerks, each calling createPerson every interval with people numbered
// from first.
func startClerks(base, token string, n int, interval time.Duration, first int) *clerks {
	c := &clerks{}
	var seq atomic.Int64
	seq.Store(int64(first))
	for w := 0; w < n; w++ {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			for !c.done.Load() {
				i := int(seq.Add(1))
				began := time.Now()
				err := gql(base, token, `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id } }`,
					map[string]any{"in": map[string]any{"name": fmt.Sprintf("办事员%d", i), "idNumber": idNumber(i)}}, nil)
				took := time.Since(began)
				c.mu.Lock()
				c.latencies = append(c.latencies, took)
				if err != nil {
					c.failed.Add(1)
					if len(c.errs) < 5 {
						c.errs = append(c.errs, err.Error())
					}
				}
				c.mu.Unlock()
				time.Sleep(interval)
			}
		}()
	}
	return c
}

// stop ends the clerks' saving.
func (c *clerks) stop() {
	c.done.Store(true)
	c.wg.Wait()
}

// n is the number of saves attempted.
func (c *clerks) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.latencies)
}

// pct is a latency percentile (1 = the slowest).
func (c *clerks) pct(p float64) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.latencies) == 0 {
		return 0
	}
	l := append([]time.Duration(nil), c.latencies...)
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	i := int(p*float64(len(l))+0.5) - 1
	return l[max(0, min(i, len(l)-1))].Round(time.Millisecond)
}

// firstErrors lists the first failed saves.
func (c *clerks) firstErrors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.errs
}
