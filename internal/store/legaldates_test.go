package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"swtalent/ent"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/privacy"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// Dates a build before the Civil Code rules stored are recomputed once when the database is
// opened: registration due dates computed with Go's month overflow, and validity ends not
// derived from the registration date (missing, or counted from the previous end).
func TestLegalDatesUpgrade(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	db := testdb.Open(t)
	c := db.Client
	holder, err := c.Person.Create().SetName("王五").SetIDNumber(idNumber).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cert := func(number, passed string) *ent.Certificate {
		x, err := c.Certificate.Create().SetNumber(number).SetLevel(enum.LevelAssistant).
			SetPassedOn(day(t, passed)).SetHolder(holder).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	leap := cert("202400000000000001", "2024-02-29")       // no counting registration
	registered := cert("202100000000000002", "2021-02-28") // first 2021-06-01, renewed 2024-04-10
	pending := cert("202300000000000003", "2023-05-31")    // a pending first registration only
	reg := func(x *ent.Certificate, kind certificateregistration.Kind, status certificateregistration.Status, on string) int {
		r := c.CertificateRegistration.Create().SetCertificate(x).SetKind(kind).SetStatus(status)
		if on != "" {
			r.SetRegisteredOn(day(t, on))
		}
		saved, err := r.Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return saved.ID
	}
	first := reg(registered, certificateregistration.KindFIRST, certificateregistration.StatusISSUED, "2021-06-01")
	renewal := reg(registered, certificateregistration.KindRENEWAL, certificateregistration.StatusISSUED, "2024-04-10")
	reg(pending, certificateregistration.KindFIRST, certificateregistration.StatusPENDING, "")

	// What an older build left behind, written past the hooks.
	exec := func(q string, args ...any) {
		t.Helper()
		if db.Dialect == "postgres" {
			q = pgPlaceholders(q)
		}
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`UPDATE certificates SET registration_due_on = ? WHERE id = ?`, "2025-03-01", leap.ID)
	exec(`UPDATE certificate_registrations SET valid_until = NULL WHERE id = ?`, first)
	exec(`UPDATE certificate_registrations SET valid_until = ? WHERE id = ?`, "2027-05-31", renewal)
	exec(`UPDATE certificates SET registration_due_on = ? WHERE id = ?`, "2027-05-31", registered.ID)
	exec(`UPDATE certificates SET registration_due_on = NULL WHERE id = ?`, pending.ID)
	exec(`DELETE FROM data_upgrades`)

	again, err := store.Open(ctx, db.Addr, db.Keyring)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	due := func(x *ent.Certificate) string {
		got, err := again.Client.Certificate.Get(ctx, x.ID)
		if err != nil || got.RegistrationDueOn == nil {
			t.Fatalf("certificate %s: %v %v", x.Number, got, err)
		}
		return got.RegistrationDueOn.String()
	}
	valid := func(id int) string {
		got, err := again.Client.CertificateRegistration.Get(ctx, id)
		if err != nil || got.ValidUntil == nil {
			t.Fatalf("registration %d: %v %v", id, got, err)
		}
		return got.ValidUntil.String()
	}
	for _, tt := range []struct{ what, got, want string }{
		{"due date of a pass on 29 February", due(leap), "2025-02-28"},
		{"missing validity end", valid(first), "2024-05-31"},
		{"renewal's validity end from its registration date", valid(renewal), "2027-04-09"},
		{"due date of a registered certificate", due(registered), "2027-04-09"},
		{"missing due date of a pending certificate", due(pending), "2024-05-31"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %s, want %s", tt.what, tt.got, tt.want)
		}
	}
	if names, err := again.Upgrades(ctx); err != nil || !slices.Equal(names, []string{"demonstration-spans", "drop-point-tier-index", "fact-deltas-province", "fact-rows", "fact-spans-5", "legal-dates", "region-spans", "volunteer-index", "volunteer-spans"}) {
		t.Fatalf("upgrades recorded: %v %v", names, err)
	}
}

// day parses a test date.
func day(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pgPlaceholders numbers the ? placeholders of q for PostgreSQL.
func pgPlaceholders(q string) string {
	out, n := make([]byte, 0, len(q)+8), 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$')
			out = append(out, strconv.Itoa(n)...)
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
