// Command peer measures swtalent against PostGraphile 4.14.1 on the same PostgreSQL database
// (the province demo), and swtalent on SQLite with the same data, under wrk: one thread, 16
// connections, several rounds alternating the servers, and prints req/s, p50 and p99 per server
// and the ratios as a Markdown table, with the machine's load and the servers' resident memory.
// bench/peer/run.sh installs what it needs and runs it; see docs/PERFORMANCE.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		os.Exit(1)
	}
}

// options are the command line's.
type options struct {
	work, bin, postgraphile, pg, pgName string
	rounds, connections                 int
	duration, warmup                    time.Duration
	only                                []string
	sqlite, responseCache               bool
}

func parseOptions() (options, error) {
	var o options
	var only string
	flag.StringVar(&o.work, "work", "bench/peer/work", "directory for the databases, scripts and logs")
	flag.StringVar(&o.bin, "bin", "", "swtalent binary (default: <work>/swtalent)")
	flag.StringVar(&o.postgraphile, "postgraphile", "bench/peer/node_modules/.bin/postgraphile", "PostGraphile's command")
	flag.StringVar(&o.pg, "pg", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server (a user that may create databases)")
	flag.StringVar(&o.pgName, "pg-database", "swtalent_peer", "database the harness fills and reuses")
	flag.IntVar(&o.rounds, "rounds", 3, "rounds, each running every server once per query")
	flag.IntVar(&o.connections, "connections", 16, "wrk connections")
	flag.DurationVar(&o.duration, "duration", 8*time.Second, "length of one wrk run")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unrecorded run of each server and query before the first round")
	flag.StringVar(&only, "queries", "", "comma-separated queries to run (default all: node,nested,public,filtered,mix)")
	flag.BoolVar(&o.sqlite, "sqlite", true, "also measure swtalent on SQLite")
	flag.BoolVar(&o.responseCache, "response-cache", true, "run swtalent with its response cache (false: every request executes, --response-cache-size 0)")
	flag.Parse()
	if only != "" {
		o.only = strings.Split(only, ",")
	}
	var err error
	if o.work, err = filepath.Abs(o.work); err != nil {
		return o, err
	}
	if o.bin == "" {
		o.bin = filepath.Join(o.work, "swtalent")
	}
	if o.postgraphile, err = filepath.Abs(o.postgraphile); err != nil {
		return o, err
	}
	return o, os.MkdirAll(o.work, 0o755)
}

func run(ctx context.Context) error {
	o, err := parseOptions()
	if err != nil {
		return err
	}
	var qs []query
	for _, q := range queries() {
		if o.only == nil || slices.Contains(o.only, q.name) {
			qs = append(qs, q)
		}
	}
	pgKey := filepath.Join(o.work, "pg.key")
	dbURL, err := preparePostgres(ctx, o.bin, o.pg, o.pgName, pgKey)
	if err != nil {
		return err
	}
	sqlitePath := filepath.Join(o.work, "province.db")
	if o.sqlite {
		if err := prepareSQLite(ctx, o.bin, sqlitePath); err != nil {
			return err
		}
	}

	var all []*server
	defer func() {
		for _, s := range all {
			s.stop()
		}
	}()
	start := func(s *server, err error) (*server, error) {
		if s != nil {
			all = append(all, s)
		}
		return s, err
	}
	swPG, err := start(startSwtalent(ctx, "swtalent-pg", "swtalent on PostgreSQL", o.bin, dbURL, pgKey, "127.0.0.1:18081", o.work, o.responseCache))
	if err != nil {
		return err
	}
	pgRO, err := start(startPostGraphile(ctx, "postgraphile", "PostGraphile", o.postgraphile, dbURL, "127.0.0.1:15000", o.work, false))
	if err != nil {
		return err
	}
	var pgRW, swLite *server
	if slices.ContainsFunc(qs, func(q query) bool { return q.write != nil }) {
		if pgRW, err = start(startPostGraphile(ctx, "postgraphile-rw", "PostGraphile (default mutations on)", o.postgraphile, dbURL, "127.0.0.1:15001", o.work, true)); err != nil {
			return err
		}
	}
	if o.sqlite {
		if swLite, err = start(startSwtalent(ctx, "swtalent-sqlite", "swtalent on SQLite", o.bin, sqlitePath, sqlitePath+".key", "127.0.0.1:18082", o.work, o.responseCache)); err != nil {
			return err
		}
	}
	ids, err := findTargets(ctx, all)
	if err != nil {
		return err
	}

	// Each query's servers: swtalent on PostgreSQL, its peer, and swtalent on SQLite.
	lineup := func(q query) []*server {
		peer := pgRO
		if q.write != nil {
			peer = pgRW
		}
		out := []*server{swPG, peer}
		if swLite != nil {
			out = append(out, swLite)
		}
		return out
	}
	scripts := map[string]string{}
	for _, q := range qs {
		answers := map[string][]byte{}
		for _, s := range lineup(q) {
			p, err := script(o.work, q, s, ids)
			if err != nil {
				return err
			}
			scripts[q.name+"/"+s.name] = p
			if answers[s.name], err = check(ctx, q, s, ids); err != nil {
				return fmt.Errorf("query %s: %w", q.name, err)
			}
		}
		compareAnswers(q, lineup(q), answers)
	}

	stopRSS := make(chan struct{})
	go sampleRSS(all, stopRSS)
	loads := []string{loadAverage()}
	results := map[string][]result{}
	if o.warmup > 0 {
		logf("warming up (%s per server and query)", o.warmup)
		for _, q := range qs {
			for _, s := range lineup(q) {
				if _, _, err := runWrk(ctx, s.url, scripts[q.name+"/"+s.name], o.connections, o.warmup); err != nil {
					return err
				}
			}
		}
	}
	for round := 1; round <= o.rounds; round++ {
		logf("round %d of %d (load %s)", round, o.rounds, loadAverage())
		for _, q := range qs {
			order := lineup(q)
			if round%2 == 0 {
				slices.Reverse(order)
			}
			for _, s := range order {
				meter := meterCPU(s)
				r, out, err := runWrk(ctx, s.url, scripts[q.name+"/"+s.name], o.connections, o.duration)
				used := meter.used()
				if err != nil {
					return err
				}
				if r.requests > 0 {
					r.cpu = used / time.Duration(r.requests)
				}
				if r.errors > 0 {
					logf("%s on %s: %d errors\n%s", q.name, s.name, r.errors, out)
				}
				logf("  %-8s %-16s %8.0f req/s  p50 %-8s p99 %-8s CPU/request %-8s errors %d", q.name, s.name, r.rps, fmtDuration(r.p50), fmtDuration(r.p99), fmtCPU(r.cpu), r.errors)
				results[q.name+"/"+s.name] = append(results[q.name+"/"+s.name], r)
			}
			loads = append(loads, loadAverage())
		}
	}
	close(stopRSS)
	printTable(os.Stdout, o, qs, lineup, results, loads, all)
	return nil
}
