package perf_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/graph"
	"swtalent/internal/auth"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/synth"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// benchEnv is the API running over a synthetic dataset, reached over HTTP as an ADMIN.
type benchEnv struct {
	srv    *httptest.Server
	db     *store.DB
	cfg    modules.Config
	count  *testdb.Counter
	token  string
	county string // the reference county, present at every scale (the top region at county scale)
	// another is a generated county ("" at county scale): plan and coverage scoped to it are a
	// real county's, where the top scope measures the deployment's top region (cfg.TopRegion:
	// the county, the province or the whole country, read from the dataset's regions).
	another string
	scale   string
}

var (
	sharedOnce sync.Once
	shared     *benchEnv
	sharedErr  error
	cleanups   []func()
)

// TestMain removes the shared benchmark database when the run ends.
func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// env returns the shared benchmark environment, built on first use.
func env(b testing.TB) *benchEnv {
	b.Helper()
	sharedOnce.Do(func() { shared, sharedErr = newBenchEnv() })
	if sharedErr != nil {
		b.Fatal(sharedErr)
	}
	return shared
}

// today is the fixed "today" of the tests.
func today() civil.Date { return civil.DateFor(2026, time.January, 15) }

func system() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

func newBenchEnv() (*benchEnv, error) {
	ctx := system()
	top, err := refdata.TopRegionCode()
	if err != nil {
		return nil, err
	}
	e := &benchEnv{county: top}
	if addr := os.Getenv("SWTALENT_BENCH_DB"); addr != "" {
		key, _, err := pii.ResolveKey(os.Getenv(pii.EnvKey), addr+".key", "", false)
		if err != nil {
			return nil, fmt.Errorf("data key of %s: %w", addr, err)
		}
		keyring, err := pii.New(key)
		if err != nil {
			return nil, err
		}
		if e.db, err = store.Open(ctx, addr, keyring); err != nil {
			return nil, err
		}
		e.scale = "db:" + filepath.Base(addr)
	} else {
		e.scale = os.Getenv("SWTALENT_BENCH_SCALE")
		if e.scale == "" {
			e.scale = "county"
		}
		shape, err := synth.ShapeFor(e.scale, top)
		if err != nil {
			return nil, err
		}
		dir, err := os.MkdirTemp("", "swtalent-bench-")
		if err != nil {
			return nil, err
		}
		cleanups = append(cleanups, func() { os.RemoveAll(dir) })
		key, err := pii.GenerateKey()
		if err != nil {
			return nil, err
		}
		keyring, err := pii.New(key)
		if err != nil {
			return nil, err
		}
		addr := filepath.Join(dir, "bench.db")
		if server := os.Getenv(testdb.EnvPostgres); server != "" {
			var drop func()
			if addr, drop, err = testdb.CreatePostgres(server); err != nil {
				return nil, err
			}
			cleanups = append(cleanups, drop)
		}
		if e.db, err = store.Open(ctx, addr, keyring); err != nil {
			return nil, err
		}
		if err := refdata.Load(ctx, e.db.Client); err != nil {
			return nil, err
		}
		if _, err := synth.Generate(ctx, e.db, synth.Options{Shape: shape, Seed: 1}); err != nil {
			return nil, err
		}
	}
	cleanups = append(cleanups, func() { e.db.Close() })
	// The deployment's top region as the binary resolves it (SWTALENT_TOP_REGION, by default read
	// from the regions): the whole country for a national dataset, the province for a province's.
	setting := refdata.TopRegionAuto
	if v, ok := os.LookupEnv("SWTALENT_TOP_REGION"); ok {
		setting = v
	}
	deployed, err := refdata.ResolveTopRegion(ctx, e.db.Client, setting)
	if err != nil {
		return nil, err
	}
	client, count := testdb.Counting(e.db)
	e.count = count
	e.cfg = modules.Config{Client: client, TopRegion: deployed, Today: today}
	if _, err := graph.Prepare(ctx, e.cfg, graph.Seed{}); err != nil {
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.srv = httptest.NewServer(graph.NewHandler(e.cfg, graph.Options{Logger: quiet, DB: e.db.SQL}))
	cleanups = append(cleanups, e.srv.Close)
	if e.token, err = e.signIn(ctx); err != nil {
		return nil, err
	}
	var d struct {
		Regions struct {
			Edges []struct{ Node struct{ Code string } }
		}
	}
	if err := e.post("", `query($c: String!) { regions(first: 1, where: {level: COUNTY, codeNEQ: $c}) { edges { node { code } } } }`,
		map[string]any{"c": top}, &d); err != nil {
		return nil, err
	}
	if len(d.Regions.Edges) > 0 {
		e.another = d.Regions.Edges[0].Node.Code
	}
	return e, nil
}

// signIn creates an ADMIN account of its own and logs in through the API.
func (e *benchEnv) signIn(ctx context.Context) (string, error) {
	const password = "correct horse battery"
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	if _, err := e.db.Client.Account.Create().SetUsername(name).SetRole(account.RoleADMIN).SetPasswordHash(hash).Save(ctx); err != nil {
		return "", fmt.Errorf("create bench account: %w", err)
	}
	var d struct{ Login struct{ Token string } }
	if err := e.post("", `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
		map[string]any{"u": name, "p": password}, &d); err != nil {
		return "", err
	}
	return d.Login.Token, nil
}

// post sends a GraphQL document with the env's token (or tok when not empty) and decodes the
// data into out (when not nil); GraphQL errors are returned as an error.
func (e *benchEnv) post(tok, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if tok == "" {
		tok = e.token
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("HTTP %d: %s", res.StatusCode, raw)
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("GraphQL errors: %v", r.Errors)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

// must posts and fails the benchmark on any error.
func (e *benchEnv) must(b testing.TB, query string, vars map[string]any, out any) {
	b.Helper()
	if err := e.post("", query, vars, out); err != nil {
		b.Fatal(err)
	}
}

// timed runs fn b.N times and reports the median and 95th percentile latency and the SQL
// statements per operation besides go test's mean.
func (e *benchEnv) timed(b *testing.B, fn func(i int)) {
	b.Helper()
	durs := make([]time.Duration, 0, b.N)
	e.count.Reset()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		fn(i)
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(durs)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(durs[len(durs)/2]), "p50-ms")
	b.ReportMetric(ms(durs[len(durs)*95/100]), "p95-ms")
	b.ReportMetric(float64(e.count.N())/float64(b.N), "stmts/op")
}
