package graph_test

import (
	"fmt"
	"net/http"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	kept "swtalent/internal/facts"
)

// An import of the volunteers sheet keeps their region fact VOLUNTEER_ACTIVE as the hooks do,
// through the deferred refresh of the import: registrations in two communities of the demo world
// (one leaving the day it registers, one leaving later), then a re-import that moves one to the
// other community and makes another leave; check-facts finds the kept spans and deltas as the
// registers give them after each.
func TestImportVolunteersKeepsTheirFact(t *testing.T) {
	e := newEnv(t, true)
	ctx := privacy.DecisionContext(t.Context(), privacy.Allow)
	villages := e.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE)).Order(region.ByCode()).Limit(2).AllX(ctx)
	if len(villages) < 2 {
		t.Fatalf("%d villages in the demo world", len(villages))
	}
	check := func(when string) kept.FactReport {
		t.Helper()
		rep, err := kept.Check(ctx, e.db.SQL, entsql.Dialect(e.db.Dialect))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Differing != 0 {
			t.Fatalf("%s: check-facts: %d differ, first %v", when, rep.Differing, rep.Differences[0])
		}
		return rep.Of(enum.FactVolunteerActive)
	}
	before := check("before")
	header := []string{"name", "phone", "community code", "registered on", "left on"}
	rows := [][]string{header}
	for i := range 6 {
		left := ""
		switch i {
		case 1:
			left = "2024-03-01"
		case 2:
			left = "2024-06-30"
		}
		rows = append(rows, []string{fmt.Sprint("导入志愿者", i), fmt.Sprintf("139%08d", 7000+i), villages[i%2].Code, "2024-03-01", left})
	}
	if status, rep, raw := e.upload("volunteers", sheetCSV(rows), "", nil); status != http.StatusOK || rep.Created != 6 {
		t.Fatalf("import: HTTP %d %.600s", status, raw)
	}
	imported := check("after the import")
	if imported.Weight != before.Weight+5 {
		t.Errorf("VOLUNTEER_ACTIVE weight %d after importing 6 volunteers (one never active), %d before", imported.Weight, before.Weight)
	}
	rows[1][2] = villages[1].Code // moves
	rows[4][4] = "2025-01-01"     // leaves
	if status, rep, raw := e.upload("volunteers", sheetCSV(rows), "", nil); status != http.StatusOK || rep.Updated == 0 {
		t.Fatalf("re-import: HTTP %d %.600s", status, raw)
	}
	check("after the re-import")
}
