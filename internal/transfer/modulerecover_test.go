package transfer_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/importjob"
	"swtalent/ent/region"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
	"swtalent/modules"
	"swtalent/modules/doubling"
	"swtalent/modules/linkage"
)

// The modules' sheets are taken back like the core registers' when their import dies midway:
// the volunteers (whose writes keep the region fact VOLUNTEER_ACTIVE and its deltas) and the exam
// results (which keep the exam facts of persons and the kept columns of their applications). Each
// re-import registers new rows and changes stored ones, dies after its first committed batch, and
// after the recovery the register, the kept spans and the deltas are as before it, with
// check-facts clean.
func TestRecoverTakesBackDeadModuleImports(t *testing.T) {
	db := openDB(t)
	ctx := system()
	cfg := modules.Config{Client: db.Client, Today: func() civil.Date { return today }}
	volunteers := linkage.New(cfg).SheetKinds()[0]
	exams := doubling.New(cfg).SheetKinds()[0]
	town := db.Client.Region.Query().Where(region.Code("361126001000")).OnlyX(ctx)
	var villages []*ent.Region
	for i := range 3 {
		villages = append(villages, db.Client.Region.Create().SetCode(fmt.Sprintf("3611260012%02d", i)).SetName(fmt.Sprint("村", i)).
			SetKind(region.KindVILLAGE).SetParent(town).SaveX(ctx))
	}
	const n = 1500 // two batches
	mustImport(t, db, transfer.Persons(), csvOf(personRows(n)))

	volunteerRows := func(registered string, left func(i int) string, village func(i int) int) [][]string {
		rows := [][]string{{"姓名", "手机号", "所在村（社区）代码", "注册日期", "注销日期"}}
		for i := range n {
			rows = append(rows, []string{fmt.Sprint("志愿者", i), fmt.Sprintf("137%08d", i), villages[village(i)].Code, registered, left(i)})
		}
		return rows
	}
	examRows := func(year int, comprehensive func(i int) string) [][]string {
		rows := [][]string{{"身份证号", "姓名", "考试年度", "报考级别", "社会工作实务", "社会工作综合能力"}}
		for i := range n {
			rows = append(rows, []string{idNumber(i), fmt.Sprint("人员", i), fmt.Sprint(year), "助理社会工作师", "合格", comprehensive(i)})
		}
		return rows
	}
	mustImport(t, db, volunteers, csvOf(volunteerRows("2023-04-01", func(int) string { return "" }, func(i int) int { return i % 2 })))
	mustImport(t, db, exams, csvOf(examRows(2024, func(i int) string { return []string{"合格", "不合格", "缺考"}[i%3] })))
	if rep, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect)); err != nil || rep.Differing != 0 {
		t.Fatalf("check-facts before: %v %+v", err, rep.Differences)
	}
	before := keptState(t, db)

	// Every volunteer leaves or moves to the third village; then new results for every application
	// of 2024 (the comprehensive paper passed by all) and applications of 2025.
	crash(t, db, volunteers, csvOf(volunteerRows("2023-04-01", func(i int) string {
		if i%2 == 0 {
			return "2025-06-30"
		}
		return ""
	}, func(int) int { return 2 })), 1)
	retake := examRows(2024, func(int) string { return "合格" })
	retake = append(retake, examRows(2025, func(int) string { return "合格" })[1:]...)
	crash(t, db, exams, csvOf(retake), 1)
	if reflect.DeepEqual(keptState(t, db), before) {
		t.Fatal("the dead imports committed nothing: the test proves nothing")
	}

	stale := time.Now().Add(-5 * time.Minute)
	db.Client.ImportJob.Update().Where(importjob.FinishedAtIsNil()).SetUpdatedAt(stale).ExecX(ctx)
	if got, err := transfer.Recover(ctx, db.Client); err != nil || got != 2 {
		t.Fatalf("recovered %d dead jobs, want 2: %v", got, err)
	}
	after := keptState(t, db)
	for i, what := range []string{"registers", "kept spans", "deltas"} {
		if !reflect.DeepEqual(before[i], after[i]) {
			t.Errorf("%s changed by the recovered imports: %d rows before, %d after", what, len(before[i]), len(after[i]))
		}
	}
	rep, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 0 {
		t.Fatalf("check-facts after the recovery: %d differ, first %v", rep.Differing, rep.Differences[0])
	}
	if left := undoRows(t, db); left != 0 {
		t.Fatalf("%d undo steps left after the recovery", left)
	}
}

// keptState reads the volunteers, exam applications and persons (every column), the kept person
// and region spans (without row ids) and the nonzero deltas.
func keptState(t *testing.T, db *store.DB) [3][]string {
	t.Helper()
	return [3][]string{
		tableRows(t, db, "persons", "volunteers", "exam_applications"),
		append(spans(t, db), queryRows(t, db, "SELECT fact, region_code, from_on, until_on, weight FROM region_spans ORDER BY fact, region_code, from_on, until_on, weight")...),
		queryRows(t, db, "SELECT fact, county_code, level, year, delta FROM fact_deltas WHERE delta <> 0 ORDER BY fact, county_code, level, year"),
	}
}
