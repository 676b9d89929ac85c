package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/migrate"
	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/internal/demo"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// dateColumns lists the ent schema's date columns as table.column.
func dateColumns() []string {
	var cols []string
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			if c.SchemaType[dialect.Postgres] == "date" {
				cols = append(cols, t.Name+"."+c.Name)
			}
		}
	}
	return cols
}

// columnTypes maps table.column to its PostgreSQL data type.
func columnTypes(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	rows, err := db.SQL.Query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types := map[string]string{}
	for rows.Next() {
		var table, column, typ string
		if err := rows.Scan(&table, &column, &typ); err != nil {
			t.Fatal(err)
		}
		types[table+"."+column] = typ
	}
	return types
}

// On PostgreSQL every date is a date column, and a database an earlier build made with text dates
// is converted on open, keeping every value; opening again changes nothing.
func TestPostgresDateColumns(t *testing.T) {
	server := os.Getenv(testdb.EnvPostgres)
	if server == "" {
		t.Skip(testdb.EnvPostgres + " not set")
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	addr, drop, err := testdb.CreatePostgres(server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	k := keyring(t)
	db, err := store.Open(ctx, addr, k)
	if err != nil {
		t.Fatal(err)
	}
	cols := dateColumns()
	if len(cols) < 30 {
		t.Fatalf("only %d date columns in the schema", len(cols))
	}
	types := columnTypes(t, db)
	for _, c := range cols {
		if types[c] != "date" {
			t.Errorf("%s is %q, want date", c, types[c])
		}
	}
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, db.Client, demo.PlanEnd()); err != nil {
		t.Fatal(err)
	}
	// What the dates read as, through ent, before the round trip.
	before := snapshot(t, ctx, db)

	// Turn the database into what an earlier build left: every date column text.
	for _, c := range cols {
		table, column, _ := strings.Cut(c, ".")
		if _, err := db.SQL.Exec(fmt.Sprintf(`ALTER TABLE %q ALTER COLUMN %q TYPE character varying USING %q::text`, table, column, column)); err != nil {
			t.Fatal(err)
		}
	}
	if got := columnTypes(t, db)[cols[0]]; got != "character varying" {
		t.Fatalf("fixture: %s is %q", cols[0], got)
	}
	db.Close()

	for round := 1; round <= 2; round++ {
		db, err = store.Open(ctx, addr, k)
		if err != nil {
			t.Fatalf("open %d: %v", round, err)
		}
		types := columnTypes(t, db)
		for _, c := range cols {
			if types[c] != "date" {
				t.Errorf("open %d: %s is %q, want date", round, c, types[c])
			}
		}
		if after := snapshot(t, ctx, db); after != before {
			t.Errorf("open %d: dates changed:\nbefore %s\nafter  %s", round, before, after)
		}
		db.Close()
	}
}

// snapshot renders the dates of the certificate, registration and person registers as ent reads
// them, row by row in ID order.
func snapshot(t *testing.T, ctx context.Context, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	certs, err := db.Client.Certificate.Query().Order(ent.Asc(certificate.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range certs {
		fmt.Fprintf(&b, "c%d %v %v %v;", c.ID, c.PassedOn, c.RevokedOn, c.RegistrationDueOn)
	}
	regs, err := db.Client.CertificateRegistration.Query().Order(ent.Asc(certificateregistration.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regs {
		fmt.Fprintf(&b, "r%d %v %v;", r.ID, r.RegisteredOn, r.ValidUntil)
	}
	persons, err := db.Client.Person.Query().Order(ent.Asc(person.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range persons {
		fmt.Fprintf(&b, "p%d %v %v %v;", p.ID, p.BirthDate, p.JoinedOn, p.LeftOn)
	}
	if len(certs) == 0 || len(regs) == 0 || len(persons) == 0 {
		t.Fatalf("fixture: %d certificates, %d registrations, %d persons", len(certs), len(regs), len(persons))
	}
	return b.String()
}
