package store

import (
	"database/sql"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"entgo.io/ent/dialect"
)

// Pool is how many database connections the process keeps and for how long. database/sql's
// defaults keep only 2 idle connections, so under more concurrent requests than that every
// request beyond the second opens a connection and throws it away: on PostgreSQL a new backend
// process each time, on SQLite a new connection that has lost its page cache and prepared
// statements.
type Pool struct {
	MaxOpen     int           // connections open at once, beyond which requests wait (0: no limit)
	MaxIdle     int           // connections kept open while idle
	MaxLifetime time.Duration // a connection is replaced after this long (0: never)
	MaxIdleTime time.Duration // an idle connection is closed after this long (0: never)
}

// DefaultPool is the pool for a dialect: 8 idle connections per CPU (at least 32) kept for
// the next requests, and no limit on open ones (as before, so a request that holds a transaction
// while another query waits for a connection can never starve the pool); on PostgreSQL
// connections are replaced every 30 minutes, so a server-side setting change or a failover
// reaches every connection.
func DefaultPool(dia string) Pool {
	p := Pool{MaxIdle: max(32, 8*runtime.GOMAXPROCS(0))}
	if dia == dialect.Postgres {
		p.MaxLifetime = 30 * time.Minute
		p.MaxIdleTime = 10 * time.Minute
	}
	return p
}

// Pool environment variables, read by [PoolFromEnv].
const (
	EnvMaxConns     = "SWTALENT_DB_MAX_CONNS"      // Pool.MaxOpen, a whole number; 0 = no limit
	EnvIdleConns    = "SWTALENT_DB_IDLE_CONNS"     // Pool.MaxIdle, a positive whole number
	EnvConnLifetime = "SWTALENT_DB_CONN_LIFETIME"  // Pool.MaxLifetime, a Go duration such as 30m; 0 = never
	EnvConnIdleTime = "SWTALENT_DB_CONN_IDLE_TIME" // Pool.MaxIdleTime, a Go duration; 0 = never
)

// PoolFromEnv is def with the settings getenv gives (unset variables keep def's). A value that
// cannot be read is an error naming the variable.
func PoolFromEnv(def Pool, getenv func(string) string) (Pool, error) {
	p := def
	for _, n := range []struct {
		name string
		to   *int
		min  int
	}{{EnvMaxConns, &p.MaxOpen, 0}, {EnvIdleConns, &p.MaxIdle, 1}} {
		if v := getenv(n.name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < n.min {
				return def, fmt.Errorf("%s=%q: 应为不小于 %d 的整数 / must be a whole number of at least %d", n.name, v, n.min, n.min)
			}
			*n.to = i
		}
	}
	if p.MaxOpen > 0 && p.MaxIdle > p.MaxOpen {
		p.MaxIdle = p.MaxOpen
	}
	for _, d := range []struct {
		name string
		to   *time.Duration
	}{{EnvConnLifetime, &p.MaxLifetime}, {EnvConnIdleTime, &p.MaxIdleTime}} {
		if v := getenv(d.name); v != "" {
			t, err := time.ParseDuration(v)
			if err != nil || t < 0 {
				return def, fmt.Errorf("%s=%q: 应为时长，如 30m / must be a duration such as 30m", d.name, v)
			}
			*d.to = t
		}
	}
	return p, nil
}

// writerPool is the writer connection of a SQLite file database (see split): one, kept open.
func writerPool() Pool { return Pool{MaxOpen: 1, MaxIdle: 1} }

// apply sets the pool on db.
func (p Pool) apply(db *sql.DB) {
	db.SetMaxOpenConns(p.MaxOpen)
	db.SetMaxIdleConns(p.MaxIdle)
	db.SetConnMaxLifetime(p.MaxLifetime)
	db.SetConnMaxIdleTime(p.MaxIdleTime)
}

// SetPool changes the database's connection pool: on a SQLite file database the pool of readers
// (its writer stays one connection).
func (db *DB) SetPool(p Pool) { p.apply(db.Read) }
