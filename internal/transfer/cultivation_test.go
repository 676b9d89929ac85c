package transfer_test

import (
	"strings"
	"testing"

	"swtalent/ent/agency"
	"swtalent/internal/transfer"
)

// The agencies sheet carries the cultivating department and year (二（二）1): stored, updated by a
// later file, and refused with a row error naming the column when half given, in the future or
// naming no department.
func TestAgencyCultivationColumns(t *testing.T) {
	db := openDB(t)
	head := []string{"机构名称", "统一社会信用代码", "培育部门", "培育年度"}
	mustImport(t, db, transfer.Agencies(), csvOf([][]string{head, {"弋阳县阳光社会工作服务中心", creditCode(1), "县民政局", "2025"}}))
	a, err := db.Client.Agency.Query().Where(agency.CreditCode(creditCode(1))).WithCultivatedBy().Only(system())
	if err != nil {
		t.Fatal(err)
	}
	if a.Edges.CultivatedBy == nil || a.Edges.CultivatedBy.ShortName != "县民政局" || a.CultivatedYear == nil || *a.CultivatedYear != 2025 {
		t.Fatalf("stored cultivation %+v by %+v", a.CultivatedYear, a.Edges.CultivatedBy)
	}
	rep := mustImport(t, db, transfer.Agencies(), csvOf([][]string{head, {"弋阳县阳光社会工作服务中心", creditCode(1), "团县委", "2026"}}))
	if rep.Updated != 1 {
		t.Fatalf("changed cultivation: %+v", rep)
	}
	for _, c := range []struct {
		name, dept, year, column, message string
	}{
		{"year without department", "", "2025", "培育部门", "须填写培育部门"},
		{"department without year", "县民政局", "", "培育年度", "须填写培育年度"},
		{"next year", "县民政局", "2027", "培育年度", "1949年至今年"},
		{"unknown department", "县宇宙局", "2025", "培育部门", "部门不存在"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := importFile(t, db, transfer.Agencies(), csvOf([][]string{head, {"弋阳县阳光社会工作服务中心", creditCode(1), c.dept, c.year}}), false)
			if rep.OK() || rep.Committed || len(rep.Errors) != 1 {
				t.Fatalf("report %+v:\n%s", rep, errorsOf(rep))
			}
			if e := rep.Errors[0]; e.Row != 2 || e.Column != c.column || !strings.Contains(e.Message, c.message) {
				t.Errorf("error %+v", e)
			}
			got, err := db.Client.Agency.Query().Where(agency.CreditCode(creditCode(1))).Only(system())
			if err != nil || got.CultivatedYear == nil || *got.CultivatedYear != 2026 {
				t.Errorf("refused file changed the agency: %+v %v", got, err)
			}
		})
	}
}
