package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"swtalent/graph"
	"swtalent/internal/pii"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
)

// freshDB returns the address of an empty database: a SQLite file, or a new PostgreSQL database
// (with a data key in the environment) when testdb.EnvPostgres names a server.
func freshDB(t *testing.T) string {
	t.Helper()
	server := os.Getenv(testdb.EnvPostgres)
	if server == "" {
		return filepath.Join(t.TempDir(), "swtalent.db")
	}
	addr, drop, err := testdb.CreatePostgres(server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	key, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(pii.EnvKey, pii.FormatKey(key))
	return addr
}

// check-facts finds the kept facts equal to the registers on the demo world and on a small
// generated province, and fails, naming the person, once a fact is changed behind the hooks.
func TestCheckFacts(t *testing.T) {
	ctx := context.Background()
	checkFacts := func(addr string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, []string{"check-facts", "--db", addr}, strings.NewReader(""), &out, io.Discard, nil)
		return out.String(), err
	}

	demoWorld := freshDB(t)
	db, cfg, err := openDB(ctx, demoWorld, "", refdata.TopRegionAuto, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Prepare(ctx, cfg, graph.Seed{Demo: true}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if out, err := checkFacts(demoWorld); err != nil || !strings.Contains(out, " persons, 0 differ") {
		t.Fatalf("check-facts on the demo world: %v\n%s", err, out)
	}

	province := freshDB(t)
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--scale", "province", "--persons", "3000", "--db", province}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatalf("generate: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "top region: 360000000000 ") {
		t.Errorf("demo does not declare the province as the top region:\n%s", out.String())
	}
	got, err := checkFacts(province)
	if err != nil || !strings.Contains(got, " persons, 0 differ") || strings.Contains(got, ": 0 spans") {
		t.Fatalf("check-facts on a generated province: %v\n%s", err, got)
	}

	db, _, err = openDB(ctx, province, "", refdata.TopRegionAuto, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(ctx, `DELETE FROM fact_spans WHERE id = (SELECT MAX(id) FROM fact_spans WHERE fact = 'CERTIFIED')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	got, err = checkFacts(province)
	if !errors.Is(err, errFactsDiffer) || !strings.Contains(got, "CERTIFIED spans of person ") || !strings.Contains(got, " persons, 1 differ") {
		t.Fatalf("check-facts after a span was deleted: %v\n%s", err, got)
	}
}
