package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// check sends a query's first request once and fails when the answer carries errors.
func check(ctx context.Context, q query, s *server, ids targets) ([]byte, error) {
	var vars map[string]any
	if q.vars != nil {
		if vs := q.vars(ids, s); len(vs) > 0 {
			vars = vs[0]
		}
	}
	raw, err := s.request(ctx, q.document(s), vars, q.admin, nil)
	if err == nil && q.write != nil {
		w := q.writeVars(ids, s)
		w["name"] = strings.ReplaceAll(w["name"].(string), "%d", "0")
		_, err = s.request(ctx, q.write.document(s), w, q.admin, nil)
	}
	return raw, err
}

// compareAnswers warns when the servers' answers to a query's first request do not hold the
// same values (in any order): the servers would not be doing the same work.
func compareAnswers(q query, servers []*server, answers map[string][]byte) {
	first := servers[0]
	want := leaves(answers[first.name])
	for _, s := range servers[1:] {
		if got := leaves(answers[s.name]); !slices.Equal(got, want) {
			logf("warning: %s answers %s with %d values, %s with %d different ones", first.name, q.name, len(want), s.name, len(got))
		} else {
			logf("%s: %s and %s answer the same %d values", q.name, first.name, s.name, len(want))
		}
	}
}

// leaves are the scalar values of a JSON answer, sorted.
func leaves(raw []byte) []string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		default:
			out = append(out, fmt.Sprint(v))
		}
	}
	walk(v)
	slices.Sort(out)
	return out
}

// printTable writes the results as Markdown.
func printTable(w io.Writer, o options, qs []query, lineup func(query) []*server, results map[string][]result, loads []string, all []*server) {
	cache := "swtalent with its response cache"
	if !o.responseCache {
		cache = "swtalent without its response cache (every request executes)"
	}
	fmt.Fprintf(w, "\nwrk 4.1, 1 thread, %d connections, %s per run, %d rounds alternating the servers, %s (%s)\n\n",
		o.connections, o.duration, o.rounds, cache, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	head := "| query | swtalent on PostgreSQL: req/s · p50 / p99 | PostGraphile: req/s · p50 / p99 | ratio |"
	rule := "|---|---|---|---|"
	if o.sqlite {
		head += " swtalent on SQLite: req/s · p50 / p99 | ratio to PostGraphile |"
		rule += "---|---|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, q := range qs {
		ss := lineup(q)
		peer := results[q.name+"/"+ss[1].name]
		row := fmt.Sprintf("| %s | %s | %s | %s |", q.title, cell(results[q.name+"/"+ss[0].name]), cell(peer), ratios(results[q.name+"/"+ss[0].name], peer))
		if o.sqlite {
			lite := results[q.name+"/"+ss[2].name]
			row += fmt.Sprintf(" %s | %s |", cell(lite), ratios(lite, peer))
		}
		fmt.Fprintln(w, row)
	}
	fmt.Fprintf(w, "\nCPU time per request (the server's process and, on PostgreSQL, the backends of its database; median of the rounds), and PostGraphile's over swtalent's: above 1, swtalent does the same work with less CPU, whatever share of the machine it got.\n\n")
	head = "| query | swtalent on PostgreSQL | PostGraphile | PostGraphile ÷ swtalent |"
	rule = "|---|---|---|---|"
	if o.sqlite {
		head += " swtalent on SQLite | PostGraphile ÷ swtalent on SQLite |"
		rule += "---|---|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, q := range qs {
		ss := lineup(q)
		sw, peer := medianCPU(results[q.name+"/"+ss[0].name]), medianCPU(results[q.name+"/"+ss[1].name])
		row := fmt.Sprintf("| %s | %s | %s | %s |", q.name, fmtCPU(sw), fmtCPU(peer), cpuRatio(peer, sw))
		if o.sqlite {
			lite := medianCPU(results[q.name+"/"+ss[2].name])
			row += fmt.Sprintf(" %s | %s |", fmtCPU(lite), cpuRatio(peer, lite))
		}
		fmt.Fprintln(w, row)
	}
	var ones []float64
	for _, l := range loads {
		if f, err := strconv.ParseFloat(strings.Fields(l)[0], 64); err == nil {
			ones = append(ones, f)
		}
	}
	if len(ones) > 0 {
		fmt.Fprintf(w, "\nMachine load (1-minute average, /proc/loadavg) at the start and after each query of each round: %.2f to %.2f; at the end %s (1, 5, 15 min).\n",
			slices.Min(ones), slices.Max(ones), loads[len(loads)-1])
	}
	fmt.Fprintln(w, "\nHighest resident set while measuring (VmRSS, sampled every 200 ms):")
	for _, s := range all {
		fmt.Fprintf(w, "- %s: %.0f MB\n", s.title, float64(s.maxRSS)/(1<<20))
	}
	errs := 0
	for _, rs := range results {
		for _, r := range rs {
			errs += r.errors
		}
	}
	fmt.Fprintf(w, "\nAnswers that were not 200 or carried GraphQL errors, and socket errors, over all runs: %d.\n", errs)
}

// cell formats one server's runs: the range of req/s, then of p50 and p99.
func cell(rs []result) string {
	if len(rs) == 0 {
		return "–"
	}
	var rps []float64
	var p50, p99 []time.Duration
	for _, r := range rs {
		rps = append(rps, r.rps)
		p50 = append(p50, r.p50)
		p99 = append(p99, r.p99)
	}
	return fmt.Sprintf("%s · %s / %s", span(rps, thousands), durSpan(p50), durSpan(p99))
}

// ratios formats the per-round ratios of a's req/s to b's: the range and the median.
func ratios(a, b []result) string {
	var rs []float64
	for i := range min(len(a), len(b)) {
		if b[i].rps > 0 {
			rs = append(rs, a[i].rps/b[i].rps)
		}
	}
	if len(rs) == 0 {
		return "–"
	}
	sorted := slices.Clone(rs)
	slices.Sort(sorted)
	return fmt.Sprintf("**%.2f** (%s)", sorted[len(sorted)/2], span(rs, func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }))
}

// span formats the range of values.
func span(vs []float64, f func(float64) string) string {
	lo, hi := slices.Min(vs), slices.Max(vs)
	if f(lo) == f(hi) {
		return f(lo)
	}
	return f(lo) + "–" + f(hi)
}

// durSpan formats the range of durations.
func durSpan(ds []time.Duration) string {
	lo, hi := fmtDuration(slices.Min(ds)), fmtDuration(slices.Max(ds))
	if lo == hi {
		return lo
	}
	if n, u, ok := strings.Cut(lo, " "); ok && strings.HasSuffix(hi, " "+u) {
		lo = n
	}
	return lo + "–" + hi
}

// fmtDuration formats a latency with two or three significant digits.
func fmtDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
	case d >= 10*time.Millisecond:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 0, 64) + " ms"
	default:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
	}
}

// thousands formats req/s as a whole number with thousands separators.
func thousands(f float64) string {
	s := strconv.FormatInt(int64(f+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// medianCPU is the median CPU time per request of the runs.
func medianCPU(rs []result) time.Duration {
	if len(rs) == 0 {
		return 0
	}
	cs := make([]time.Duration, 0, len(rs))
	for _, r := range rs {
		cs = append(cs, r.cpu)
	}
	slices.Sort(cs)
	return cs[len(cs)/2]
}

// cpuRatio formats a ÷ b.
func cpuRatio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("**%.2f**", float64(a)/float64(b))
}

// fmtCPU formats a CPU time per request in milliseconds.
func fmtCPU(d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}
