// Command swtalent is the county social-work talent programme's GraphQL API in one binary.
//
//	swtalent [serve] [flags]    run the API (the default)
//	swtalent migrate [flags]    create or update the schema and reference data, then exit
//	swtalent backup --out FILE [flags]
//	                            write a checked, consistent copy of the SQLite database
//	swtalent demo --scale county|province|national [--persons N] [--seed S] [flags]
//	                            fill an empty database with a synthetic dataset of that shape
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
//
// Serve flags:
//
//	--addr HOST:PORT       listen address (default 127.0.0.1:8080)       (SWTALENT_ADDR)
//	--demo=true|false      load the demo world into an empty database    (SWTALENT_DEMO)
//	--cors-origins LIST    comma-separated browser origins allowed       (SWTALENT_CORS_ORIGINS)
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
	"strconv"
	"strings"
	"syscall"
	"time"

	"swtalent/graph"
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
	fs := flag.NewFlagSet("swtalent "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbAddr := fs.String("db", env("SWTALENT_DB", "swtalent.db"), "SQLite file or postgres:// URL")
	keyFile := fs.String("data-key-file", env("SWTALENT_DATA_KEY_FILE", ""), "file holding the data key that encrypts personal data")
	open := opener(func(ctx context.Context) (*store.DB, modules.Config, error) {
		return openDB(ctx, *dbAddr, *keyFile, stdout)
	})
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
		return fmt.Errorf("unknown command %q (commands: serve, migrate, backup, admin, import, export, template, demo)", cmd)
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
	if err := parse(fs, args); err != nil {
		return err
	}
	db, cfg, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := graph.Prepare(ctx, cfg, *withDemo)
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
	h := graph.NewHandler(cfg, graph.Options{CORSOrigins: splitList(*origins), Logger: logger, DB: db.SQL, Jobs: jobs})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
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

// opener opens the database the command line names.
type opener func(ctx context.Context) (*store.DB, modules.Config, error)

// prepared opens the database and brings its schema and reference data up to date (no demo
// world), as every command but serve and backup needs it.
func (open opener) prepared(ctx context.Context) (*store.DB, modules.Config, error) {
	db, cfg, err := open(ctx)
	if err != nil {
		return nil, modules.Config{}, err
	}
	if _, err := graph.Prepare(ctx, cfg, false); err != nil {
		db.Close()
		return nil, modules.Config{}, err
	}
	return db, cfg, nil
}

// openDB finds the data key, opens and migrates the database and builds the module
// configuration. The key comes from SWTALENT_DATA_KEY, else --data-key-file; a SQLite file
// database without either gets a key file beside it (mode 0600) on first start; PostgreSQL
// refuses to start without a key, so instances sharing a database cannot diverge.
func openDB(ctx context.Context, dbAddr, keyFile string, stdout io.Writer) (*store.DB, modules.Config, error) {
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
	db, err := store.Open(ctx, dbAddr, keyring)
	if err != nil {
		return nil, modules.Config{}, err
	}
	pool, err := store.PoolFromEnv(store.DefaultPool(db.Dialect), os.Getenv)
	if err != nil {
		db.Close()
		return nil, modules.Config{}, fmt.Errorf("database pool: %w", err)
	}
	db.SetPool(pool)
	top, err := refdata.TopRegionCode()
	if err != nil {
		db.Close()
		return nil, modules.Config{}, err
	}
	return db, modules.Config{
		Client:    db.Client,
		TopRegion: top,
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
