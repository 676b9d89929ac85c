// Command swtalent is the county social-work talent programme's GraphQL API in one binary.
//
//	swtalent [serve] [flags]    run the API (the default)
//	swtalent migrate [flags]    create or update the schema and reference data, then exit
//	swtalent backup --out FILE [flags]
//	                            write a checked, consistent copy of the SQLite database
//	swtalent demo --scale county|province|national [--persons N] [--seed S] [flags]
//	                            fill an empty database with a synthetic dataset of that shape
//	swtalent check-facts [flags]
//	                            recompute the kept facts from the registers; fail on a difference
//	swtalent admin create --username NAME [--display-name TEXT] [flags]
//	                            create an ADMIN account; the password is read from standard input
//	swtalent import KIND FILE [--dry-run] [--encoding utf-8|gb18030] [flags]
//	                            import a register from XLSX or CSV, all or nothing
//	swtalent export KIND --out FILE [--format xlsx|csv] [--as-of DATE] [--reveal --reason TEXT] [flags]
//	                            export a register or report (personal data masked unless revealed)
//	swtalent template KIND --out FILE
//	                            write a blank sheet with the headers and one example row
//
// Flags of every command (also SWTALENT_* environment variables):
//
//	--db PATH|URL          SQLite file (default swtalent.db) or postgres://… URL   (SWTALENT_DB)
//	--data-key-file PATH   data key encrypting personal data (SWTALENT_DATA_KEY_FILE; or the key
//	                       itself in SWTALENT_DATA_KEY); default for SQLite: <db>.key, created on first start
//	--cpuprofile FILE      write a CPU profile of the command, from opening the database on
//	--top-region CODE      the deployment's top region, which indicators without a region code
//	                       measure: a region code, "" for the whole country, or auto (the default:
//	                       read from the database's regions)                (SWTALENT_TOP_REGION)
//
// Serve flags:
//
//	--addr HOST:PORT       listen address (default 127.0.0.1:8080)       (SWTALENT_ADDR)
//	--demo=true|false      load the demo world into an empty database    (SWTALENT_DEMO)
//	--until YYYY-MM-DD     day the demo world is generated for (default today; its activity
//	                       reaches the end of the month before)           (SWTALENT_DEMO_UNTIL)
//	--cors-origins LIST    comma-separated browser origins allowed       (SWTALENT_CORS_ORIGINS)
//	--session-cache-size N sessions kept in memory, 0 = off (default 10000) (SWTALENT_SESSION_CACHE_SIZE)
//	--session-cache-ttl D  how long a cached session is trusted (default 5s) (SWTALENT_SESSION_CACHE_TTL)
//	--response-cache-size N   answers of queries kept per viewer, 0 = off (default 1000) (SWTALENT_RESPONSE_CACHE_SIZE)
//	--response-cache-bytes N  their total size in bytes, 0 = off (default 32 MiB)    (SWTALENT_RESPONSE_CACHE_BYTES)
//	--pprof-addr HOST:PORT serve runtime profiles there; off by default  (SWTALENT_PPROF_ADDR)
//	--trusted-proxies LIST proxies whose X-Forwarded-For names the client (SWTALENT_TRUSTED_PROXIES)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"swtalent/graph"
	"swtalent/internal/auth"
	"swtalent/internal/civil"
	"swtalent/internal/pii"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
	"swtalent/modules"
)

func main() {
	ctx, stop := signalContext()
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "swtalent:", err)
		os.Exit(1)
	}
}

// signalContext is cancelled by SIGINT or SIGTERM: the server then stops accepting connections,
// finishes the requests in flight, checkpoints and closes the database, and exits 0.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// run executes one command line. ready, when not nil, receives the listening address once the
// server accepts connections (tests use it).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, ready func(addr string)) error {
	cmd, rest := command(args)
	var defers []func() // run when the command ends
	fs := flag.NewFlagSet("swtalent "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbAddr := fs.String("db", env("SWTALENT_DB", "swtalent.db"), "SQLite file or postgres:// URL")
	keyFile := fs.String("data-key-file", env("SWTALENT_DATA_KEY_FILE", ""), "file holding the data key that encrypts personal data")
	top := fs.String("top-region", env("SWTALENT_TOP_REGION", refdata.TopRegionAuto),
		`the deployment's top region, measured when no region code is given: a region code, "" for the whole country, or auto (read from the database's regions)`)
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the command to this file (go tool pprof FILE)")
	open := opener(func(ctx context.Context) (*store.DB, modules.Config, error) {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return nil, modules.Config{}, err
		}
		defers = append(defers, stop)
		return openDB(ctx, *dbAddr, *keyFile, *top, stdout)
	})
	defer func() {
		for _, f := range defers {
			f()
		}
	}()
	switch cmd {
	case "serve":
		return serve(ctx, fs, open, rest, stdout, ready)
	case "backup":
		return backup(ctx, fs, open, rest, stdout)
	case "admin":
		return admin(ctx, fs, open, rest, stdin, stdout)
	case "import":
		return importSheet(ctx, fs, open, rest, stdout, stderr)
	case "export":
		return exportSheet(ctx, fs, open, rest, stdout)
	case "template":
		return template(fs, rest, stdout)
	case "demo":
		return demoData(ctx, fs, open, rest, stdout)
	case "check-facts":
		return checkFacts(ctx, fs, open, rest, stdout)
	case "migrate":
		if err := parse(fs, rest); err != nil {
			return err
		}
		db, _, err := open.prepared(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Fprintln(stdout, "database is up to date")
		return nil
	default:
		return fmt.Errorf("unknown command %q (commands: serve, migrate, backup, admin, import, export, template, demo, check-facts)", cmd)
	}
}

// command splits off the command, which comes first; "serve" when the arguments start with a
// flag or are empty.
func command(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "serve", args
}

// parse reads a command's flags; nothing may follow them.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: the command comes first (swtalent migrate --db …)", fs.Arg(0))
	}
	return nil
}

// serve runs the API until ctx is cancelled.
func serve(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout io.Writer, ready func(string)) error {
	addr := fs.String("addr", env("SWTALENT_ADDR", "127.0.0.1:8080"), "listen address")
	withDemo := fs.Bool("demo", envBool("SWTALENT_DEMO", true), "load the demo world into an empty database")
	origins := fs.String("cors-origins", env("SWTALENT_CORS_ORIGINS", ""), "comma-separated browser origins allowed to call the API")
	until := fs.String("until", env("SWTALENT_DEMO_UNTIL", ""), "day the demo world is generated for, YYYY-MM-DD (default today): its activity reaches the end of the month before")
	cacheSize := fs.Int("session-cache-size", auth.DefaultCacheSize, "signed-in sessions kept in memory (0 = read every request's token from the database)")
	cacheTTL := fs.Duration("session-cache-ttl", auth.DefaultCacheTTL, "how long a cached session is trusted: how late a change made through another instance is seen")
	respEntries := fs.Int("response-cache-size", graph.DefaultResponseCacheEntries, "answers of queries kept in memory per viewer while the data is unchanged (0 = off)")
	respBytes := fs.Int64("response-cache-bytes", graph.DefaultResponseCacheBytes, "total size in bytes of the kept answers (0 = off)")
	pprofAddr := fs.String("pprof-addr", env("SWTALENT_PPROF_ADDR", ""), "listen address for runtime profiles (/debug/pprof/); off when empty")
	proxies := fs.String("trusted-proxies", env("SWTALENT_TRUSTED_PROXIES", ""), "comma-separated addresses or networks of reverse proxies whose X-Forwarded-For names the client")
	if err := envDefaults(fs, map[string]string{
		"session-cache-size": "SWTALENT_SESSION_CACHE_SIZE", "session-cache-ttl": "SWTALENT_SESSION_CACHE_TTL",
		"response-cache-size": "SWTALENT_RESPONSE_CACHE_SIZE", "response-cache-bytes": "SWTALENT_RESPONSE_CACHE_BYTES",
	}); err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cacheSize < 0 || *cacheTTL <= 0 {
		return errors.New("--session-cache-size must be 0 or more and --session-cache-ttl more than 0")
	}
	if *respEntries < 0 || *respBytes < 0 {
		return errors.New("--response-cache-size and --response-cache-bytes must be 0 (off) or more")
	}
	if *respEntries == 0 || *respBytes == 0 {
		*respEntries, *respBytes = -1, -1
	}
	trusted, err := auth.ParseTrustedProxies(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	authOpt := auth.Options{CacheSize: *cacheSize, CacheTTL: *cacheTTL, TrustedProxies: trusted}
	if *cacheSize == 0 {
		authOpt.CacheSize = -1
	}
	day, err := demoUntil(*until, civil.Today(civil.CST()))
	if err != nil {
		return err
	}
	gcDefaults(os.Getenv)
	db, cfg, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := graph.Prepare(ctx, cfg, graph.Seed{Demo: *withDemo, Until: day})
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(stdout, "loaded the Yiyang demo world (synthetic data, marked demo)")
		password, err := demoAdmin(ctx, cfg)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "demo admin account: username admin, password %s (shown once; sign in with the login mutation)\n", password)
	}
	logger := slog.New(slog.NewTextHandler(fs.Output(), nil))
	jobs := transfer.NewJobs(cfg.Client, cfg.Today, logger)
	// Imports whose process died mid-write are taken back (those still alive elsewhere are not).
	if n, err := jobs.Recover(ctx); err != nil {
		logger.ErrorContext(ctx, "taking back interrupted imports failed", "error", err)
	} else if n > 0 {
		logger.InfoContext(ctx, "interrupted imports taken back", "jobs", n)
	}
	h := graph.NewHandler(cfg, graph.Options{CORSOrigins: splitList(*origins), Logger: logger, DB: db.SQL, ReadDB: db.Read, Auth: authOpt, Jobs: jobs,
		ResponseCacheEntries: *respEntries, ResponseCacheBytes: *respBytes})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if *pprofAddr != "" {
		prof, at, err := profiling(*pprofAddr)
		if err != nil {
			ln.Close()
			return err
		}
		defer prof.Close()
		fmt.Fprintf(stdout, "profiling on http://%s/debug/pprof/ (operators only)\n", at)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      90 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "swtalent serving on %s\n  GraphQL API: %s/graphql\n  playground:  %s/\n  dashboard:   %s/dashboard (Excel: %s/dashboard/report.xlsx)\n  health:      %s/healthz, %s/readyz\n  metrics:     %s/metrics\n",
		base, base, base, base, base, base, base, base)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	// Running imports take back what they wrote: a stopped server leaves no half file.
	if err := jobs.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down import jobs: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// demoUntil reads the --until flag: a day no later than today; the zero Date (the
// configuration's today) when empty.
func demoUntil(flag string, today civil.Date) (civil.Date, error) {
	if flag == "" {
		return civil.Date{}, nil
	}
	d, err := civil.ParseDate(flag)
	if err != nil {
		return civil.Date{}, fmt.Errorf("--until: %w", err)
	}
	if d.After(today) {
		return civil.Date{}, fmt.Errorf("--until %s is after today (%s): the demo world records nothing ahead of the day", d, today)
	}
	return d, nil
}

// Collector settings of a serving process, unless the GOGC and GOMEMLIMIT variables give others.
const (
	serveGCPercent   = 400       // GOGC: the heap may grow to five times what is live before a collection
	serveMemoryLimit = 512 << 20 // GOMEMLIMIT: collect harder rather than let the heap pass 512 MiB
)

// gcDefaults makes the Go collector run less often while serving: a GraphQL answer allocates
// many small short-lived objects (gqlgen makes a context per field and a goroutine per list
// element), and at Go's default GOGC=100 collection took about a fifth of the CPU of a page of
// 50 persons with their certificates and registrations (docs/PERFORMANCE.md). A served heap is a
// few tens of MB, so five times that is cheap; the soft limit bounds it when an import holds much
// live data.
func gcDefaults(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}

// opener opens the database the command line names.
type opener func(ctx context.Context) (*store.DB, modules.Config, error)

// prepared opens the database and brings its schema and reference data up to date (no demo
// world), as every command but serve and backup needs it.
func (open opener) prepared(ctx context.Context) (*store.DB, modules.Config, error) {
	db, cfg, err := open(ctx)
	if err != nil {
		return nil, modules.Config{}, err
	}
	if _, err := graph.Prepare(ctx, cfg, graph.Seed{}); err != nil {
		db.Close()
		return nil, modules.Config{}, err
	}
	return db, cfg, nil
}

// openDB finds the data key, opens and migrates the database and builds the module
// configuration. The key comes from SWTALENT_DATA_KEY, else --data-key-file; a SQLite file
// database without either gets a key file beside it (mode 0600) on first start; PostgreSQL
// refuses to start without a key, so instances sharing a database cannot diverge. top is the
// --top-region setting (refdata.ResolveTopRegion).
func openDB(ctx context.Context, dbAddr, keyFile, top string, stdout io.Writer) (*store.DB, modules.Config, error) {
	postgres := strings.HasPrefix(dbAddr, "postgres://") || strings.HasPrefix(dbAddr, "postgresql://")
	defaultFile := ""
	if !postgres && dbAddr != ":memory:" && !strings.HasPrefix(dbAddr, "file:") {
		defaultFile = dbAddr + ".key"
	}
	key, source, err := pii.ResolveKey(os.Getenv(pii.EnvKey), keyFile, defaultFile, !postgres)
	if errors.Is(err, pii.ErrNoKey) && dbAddr == ":memory:" {
		key, err = pii.GenerateKey()
		source = "a throw-away key for the in-memory database"
	}
	if err != nil {
		return nil, modules.Config{}, fmt.Errorf("data key: %w", err)
	}
	keyring, err := pii.New(key)
	if err != nil {
		return nil, modules.Config{}, fmt.Errorf("data key: %w", err)
	}
	fmt.Fprintf(stdout, "data key: %s\n", source)
	db, err := store.OpenReporting(ctx, dbAddr, keyring, stdout)
	if err != nil {
		return nil, modules.Config{}, err
	}
	pool, err := store.PoolFromEnv(store.DefaultPool(db.Dialect), os.Getenv)
	if err != nil {
		db.Close()
		return nil, modules.Config{}, fmt.Errorf("database pool: %w", err)
	}
	db.SetPool(pool)
	topRegion, err := refdata.ResolveTopRegion(ctx, db.Client, top)
	if err != nil {
		db.Close()
		return nil, modules.Config{}, fmt.Errorf("--top-region: %w", err)
	}
	return db, modules.Config{
		Client:    db.Client,
		TopRegion: topRegion,
		Today:     func() civil.Date { return civil.Today(civil.CST()) },
		Setting:   func(name string) string { return os.Getenv("SWTALENT_" + name) },
	}, nil
}

// env reads a SWTALENT_* variable with a default.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// envBool reads a boolean SWTALENT_* variable with a default; an unreadable value keeps the default.
func envBool(name string, def bool) bool {
	if b, err := strconv.ParseBool(env(name, strconv.FormatBool(def))); err == nil {
		return b
	}
	return def
}

// envDefaults sets flags from their SWTALENT_* variables where set (flags on the command line
// still win); a value the flag cannot read is an error naming the variable.
func envDefaults(fs *flag.FlagSet, vars map[string]string) error {
	for name, v := range vars {
		if val, ok := os.LookupEnv(v); ok {
			if err := fs.Set(name, val); err != nil {
				return fmt.Errorf("%s=%q: %w", v, val, err)
			}
		}
	}
	return nil
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
