package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// Under 16 concurrent queries no connection is opened only to be thrown away afterwards: the pool
// (of readers, on SQLite) keeps its idle connections (database/sql's default of 2 closed all but
// two of them each time).
func TestPoolKeepsIdleConnections(t *testing.T) {
	db := testdb.Open(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for round := 0; round < 3; round++ {
		start := make(chan struct{})
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				tx, err := db.Read.BeginTx(ctx, nil)
				if err != nil {
					t.Error(err)
					return
				}
				defer tx.Rollback()
				var n int
				if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM regions").Scan(&n); err != nil {
					t.Error(err)
				}
				time.Sleep(5 * time.Millisecond)
			}()
		}
		close(start)
		wg.Wait()
	}
	if s := db.Read.Stats(); s.MaxIdleClosed != 0 {
		t.Errorf("%d connections closed for lack of idle room over 3 rounds of 16 (opened %d)", s.MaxIdleClosed, s.OpenConnections)
	}
}

func TestPoolFromEnv(t *testing.T) {
	def := store.DefaultPool(dialect.Postgres)
	env := map[string]string{
		store.EnvMaxConns: "20", store.EnvIdleConns: "50",
		store.EnvConnLifetime: "1h", store.EnvConnIdleTime: "0",
	}
	p, err := store.PoolFromEnv(def, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxOpen != 20 || p.MaxIdle != 20 || p.MaxLifetime != time.Hour || p.MaxIdleTime != 0 {
		t.Errorf("pool %+v: want 20 open, idle capped at 20, 1h lifetime, no idle timeout", p)
	}
	if p, _ := store.PoolFromEnv(def, func(string) string { return "" }); p != def {
		t.Errorf("no variables: %+v, want the default %+v", p, def)
	}
	for name, bad := range map[string]string{
		store.EnvMaxConns: "-1", store.EnvIdleConns: "0", store.EnvConnLifetime: "ten minutes", store.EnvConnIdleTime: "-5s",
	} {
		_, err := store.PoolFromEnv(def, func(k string) string {
			if k == name {
				return bad
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: error %v, want one naming the variable", name, bad, err)
		}
	}
}
