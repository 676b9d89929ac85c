// Package store opens the swtalent database: an embedded SQLite file by default, or PostgreSQL
// when the address starts with postgres:// or postgresql://. It applies the connection settings
// that make writes durable and migrates the schema.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "github.com/mattn/go-sqlite3"    // registers the "sqlite3" driver

	"swtalent/ent"
	_ "swtalent/ent/runtime" // attaches hooks and privacy policies to the client
	"swtalent/internal/dataversion"
	"swtalent/internal/pii"
	"swtalent/internal/throttle"
	"swtalent/internal/undo"
)

// DB is an open database: the ent client and what it runs on.
type DB struct {
	Client  *ent.Client
	Dialect string // dialect.SQLite or dialect.Postgres
	// SQL is where writes go: the one writer connection of a SQLite file database, the one pool
	// otherwise. Code that writes past ent uses it (or Driver). On SQLite a transaction holds
	// that connection until it ends: a statement sent to SQL meanwhile, from outside the
	// transaction, waits for it (for ever, if the transaction waits for the statement), so reads
	// go to Read.
	SQL *sql.DB
	// Read is the pool of read-only connections of a SQLite file database, and SQL itself
	// otherwise: ent sends its plain reads outside transactions there (see split).
	Read    *sql.DB
	Driver  dialect.Driver // what Client runs on, for other clients on the same connections
	Keyring *pii.Keyring   // encrypts personal data; nil only for tools that never touch it
	Addr    string         // what Open was given, to open the same database again
}

// Close closes the database. A SQLite database first closes its readers and folds its
// write-ahead log back into the main file, so the file alone is complete when the process has
// stopped.
func (db *DB) Close() error {
	if db.Dialect == dialect.SQLite {
		if db.Read != db.SQL {
			_ = db.Read.Close()
		}
		_, _ = db.SQL.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return db.Client.Close()
}

// Open connects to the database named by addr — a file path (SQLite), ":memory:" (a private
// in-memory SQLite database), or a postgres:// URL — migrates its schema (adding tables, columns
// and indexes; never dropping any), records the schema version, creates the data version, the login failures (package throttle) and the undo log of imports (package undo),
// encrypts any personal data a build before encryption left in clear, and applies the one-off
// data upgrades it has not had (see upgrades). On PostgreSQL, text date columns of an earlier
// build become date columns first (convertDateColumns). keyring encrypts personal data.
func Open(ctx context.Context, addr string, keyring *pii.Keyring) (*DB, error) {
	return OpenReporting(ctx, addr, keyring, nil)
}

// OpenReporting is Open, reporting the data upgrades it applies, and the progress of long ones
// (a backfill of a large database), to progress.
func OpenReporting(ctx context.Context, addr string, keyring *pii.Keyring, progress io.Writer) (*DB, error) {
	db, err := Connect(addr, keyring)
	if err != nil {
		return nil, err
	}
	if err := convertDateColumns(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Client.Schema.Create(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate schema: %w", err)
	}
	if err := recordSchema(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := dataversion.Create(ctx, db.SQL); err != nil {
		db.Close()
		return nil, err
	}
	if err := throttle.Create(ctx, db.SQL); err != nil {
		db.Close()
		return nil, err
	}
	if err := undo.Create(ctx, db.SQL); err != nil {
		db.Close()
		return nil, err
	}
	if err := encryptPlaintext(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := applyUpgrades(ctx, db, progress); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect connects to the database without migrating it, with the dialect's DefaultPool. A
// SQLite file database gets two pools (see split): one writer connection, opened first so that
// it sets the journal mode, and DefaultPool's read-only connections.
func Connect(addr string, keyring *pii.Keyring) (*DB, error) {
	dia := dialect.Postgres
	if !isPostgres(addr) {
		dia = dialect.SQLite
	}
	if dia == dialect.SQLite && !inMemory(addr) {
		w, err := connectPool("sqlite3", sqliteDSN(addr, false), dia, writerPool())
		if err != nil {
			return nil, err
		}
		r, err := connectPool("sqlite3", sqliteDSN(addr, true), dia, DefaultPool(dia))
		if err != nil {
			w.Close()
			return nil, err
		}
		drv := split{Driver: entsql.OpenDB(dia, w), read: entsql.OpenDB(dia, r)}
		return &DB{Client: NewClient(drv, keyring), Dialect: dia, SQL: w, Read: r, Driver: drv, Keyring: keyring, Addr: addr}, nil
	}
	drvName, dsn := "pgx", addr
	if dia == dialect.Postgres {
		var err error
		if dsn, err = postgresDSN(addr); err != nil {
			return nil, err
		}
	}
	if dia == dialect.SQLite {
		drvName, dsn = "sqlite3", sqliteDSN(addr, false)
	}
	// The default pool keeps idle connections without an idle timeout on SQLite, which an
	// in-memory database needs: it lives as long as one connection to it stays open.
	sqlDB, err := connectPool(drvName, dsn, dia, DefaultPool(dia))
	if err != nil {
		return nil, err
	}
	drv := entsql.OpenDB(dia, sqlDB)
	return &DB{Client: NewClient(drv, keyring), Dialect: dia, SQL: sqlDB, Read: sqlDB, Driver: drv, Keyring: keyring, Addr: addr}, nil
}

// connectPool opens a pool with the settings p and checks that it connects.
func connectPool(drvName, dsn, dia string, p Pool) (*sql.DB, error) {
	sqlDB, err := sql.Open(drvName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dia, err)
	}
	p.apply(sqlDB)
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dia, err)
	}
	return sqlDB, nil
}

// NewClient returns an ent client on drv whose every mutation bumps the data version in its
// own transaction (see package dataversion); keyring encrypts personal data.
func NewClient(drv dialect.Driver, keyring *pii.Keyring) *ent.Client {
	return dataversion.Install(ent.NewClient(ent.Driver(drv), ent.Keyring(keyring)))
}

// isPostgres reports whether an address names a PostgreSQL database.
func isPostgres(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// postgresDSN returns the PostgreSQL address with the session settings swtalent relies on, sent
// as startup parameters of every connection: jit=off, unless the address sets jit itself.
// PostgreSQL compiles with LLVM every statement its planner estimates above jit_above_cost,
// and swtalent's aggregate counts are such statements although they read a few index ranges:
// the compilation added 100–210 ms to single counts at national scale, more than the statements
// took (docs/PERFORMANCE.md). An address with ?jit=on keeps the server's JIT.
func postgresDSN(addr string) (string, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return "", fmt.Errorf("database address: %w", redactURLError(err))
	}
	q := u.Query()
	if !q.Has("jit") {
		q.Set("jit", "off")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// redactURLError drops the address from a parse error, which may carry a password.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// inMemory reports whether a SQLite address names an in-memory database, which lives in one
// shared cache and gets one pool.
func inMemory(addr string) bool {
	return addr == ":memory:" || addr == "" || strings.Contains(addr, "mode=memory")
}

// sqliteDSN turns a file path into a go-sqlite3 DSN with the settings swtalent relies on: foreign
// keys on (ent refuses to migrate without), WAL, synchronous=FULL so an acknowledged write survives
// a power cut, a busy timeout instead of immediate "database is locked", and immediate write
// transactions so two writers never deadlock on lock upgrade. For speed, each connection keeps its
// 64 most recent prepared statements (ent sends the same statements over and over) and a page
// cache of up to 64 MiB, so that a large write transaction (an import of 100,000 persons) does not
// spill index pages to the log: together these took the import benchmark from 14.4 to 11.3 CPU
// seconds. A reader's connection (reader true) refuses to write (query_only), starts its
// transactions deferred, as readers do, and keeps a page cache of up to 4 MiB: a server holds a
// reader per concurrent query, each caching what it read, while the operating system's cache of
// the file, which they share, serves the rest (with 64 MiB each, a server on the province demo
// passed 300 MB resident under 16 clients; a mapping of the file, shared too, counts once per
// connection in the resident set).
func sqliteDSN(path string, reader bool) string {
	params := url.Values{}
	params.Set("_fk", "1")
	params.Set("_busy_timeout", "10000")
	params.Set("_txlock", "immediate")
	params.Set("_synchronous", "FULL")
	params.Set("_stmt_cache_size", "64")
	params.Set("_cache_size", "-65536")
	if reader {
		params.Set("_txlock", "deferred")
		params.Set("_query_only", "1")
		params.Set("_cache_size", "-4096")
	}
	if path == ":memory:" || path == "" {
		// A shared cache under a fresh name: one database for all the pool's connections, and
		// a different one for every Open.
		params.Set("mode", "memory")
		params.Set("cache", "shared")
		return "file:swtalent-" + rand.Text() + "?" + params.Encode()
	}
	if !strings.HasPrefix(path, "file:") {
		if !reader {
			params.Set("_journal_mode", "WAL")
		}
		return "file:" + path + "?" + params.Encode()
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + params.Encode()
}
