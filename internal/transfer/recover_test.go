package transfer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/importjob"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/sheet"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
	"swtalent/internal/undo"
)

// An import whose process dies after committing some batches (new certificates, revocations of
// stored ones) is taken back by the next Recover once its job is stale, not before: persons,
// certificates and the kept certified spans are exactly as before the import, and its undo log
// is gone.
func TestRecoverTakesBackADeadImport(t *testing.T) {
	db := openDB(t)
	ctx := system()
	const n = 600
	mustImport(t, db, transfer.Persons(), csvOf(personRows(n)))
	mustImport(t, db, transfer.Certificates(), csvOf(certificateRows(n/2)))
	if left := undoRows(t, db); left != 0 {
		t.Fatalf("%d undo steps kept after imports that ended DONE", left)
	}
	beforeSpans, beforeRows := spans(t, db), tableRows(t, db, "persons", "certificates")

	// Revoke the stored certificates and add one for every other person; change the persons.
	certs := certificateRows(n)
	certs[0] = append(certs[0], "撤销日期")
	for i := 1; i <= n; i++ {
		revoked := ""
		if i <= n/2 {
			revoked = "2025-01-01"
		}
		certs[i] = append(certs[i], revoked)
	}
	crash(t, db, transfer.Certificates(), csvOf(certs), 2)
	crash(t, db, transfer.Persons(), changedPersons(3000, n, "接受"), 1)
	if reflect.DeepEqual(tableRows(t, db, "persons", "certificates"), beforeRows) {
		t.Fatal("the dead imports committed nothing: the test proves nothing")
	}
	if undoRows(t, db) == 0 {
		t.Fatal("the dead imports kept no undo steps")
	}

	// Alive (saved just now, as by another instance): left alone.
	if got, err := transfer.Recover(ctx, db.Client); err != nil || got != 0 {
		t.Fatalf("recovered %d live jobs: %v", got, err)
	}
	if reflect.DeepEqual(tableRows(t, db, "persons", "certificates"), beforeRows) {
		t.Fatal("a job still alive was taken back")
	}

	stale := time.Now().Add(-5 * time.Minute)
	db.Client.ImportJob.Update().Where(importjob.FinishedAtIsNil()).SetUpdatedAt(stale).ExecX(ctx)
	if got, err := transfer.Recover(ctx, db.Client); err != nil || got != 2 {
		t.Fatalf("recovered %d dead jobs, want 2: %v", got, err)
	}
	for _, j := range db.Client.ImportJob.Query().Where(importjob.StateNEQ(importjob.StateDONE)).AllX(ctx) {
		if j.State != importjob.StateFAILED || j.FinishedAt == nil || j.Message == "" {
			t.Errorf("recovered job %d: %s %v %q", j.ID, j.State, j.FinishedAt, j.Message)
		}
	}
	if after := tableRows(t, db, "persons", "certificates"); !reflect.DeepEqual(beforeRows, after) {
		t.Fatalf("registers changed: %d rows before, %d after", len(beforeRows), len(after))
	}
	if after := spans(t, db); !reflect.DeepEqual(beforeSpans, after) {
		t.Fatalf("certified spans changed: %d rows before, %d after", len(beforeSpans), len(after))
	}
	check, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if check.Differing > 0 {
		t.Fatalf("%d persons differ after the recovery: %v", check.Differing, check.Differences)
	}
	if left := undoRows(t, db); left != 0 {
		t.Fatalf("%d undo steps left after the recovery", left)
	}
	if got, err := transfer.Recover(ctx, db.Client); err != nil || got != 0 {
		t.Fatalf("a second recovery took back %d jobs: %v", got, err)
	}
}

// crash imports file and stops after batches committed batches, as a dead process would.
func crash(t *testing.T, db *store.DB, k *transfer.Kind, file []byte, batches int) {
	t.Helper()
	r, err := sheet.Open(bytes.NewReader(file), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = transfer.Import(system(), db.Client, k, r, transfer.CrashAfter(transfer.ImportOptions{Today: today}, batches))
	if err == nil {
		t.Fatal("the import did not stop")
	}
}

// undoRows counts the undo steps kept.
func undoRows(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+undo.Table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A job run by the job runner that ends DONE keeps its rows and leaves no undo steps behind.
func TestJobDoneForgetsItsUndoSteps(t *testing.T) {
	db := openDB(t)
	ctx := system()
	const n = 1500
	file := filepath.Join(t.TempDir(), "persons.csv")
	if err := os.WriteFile(file, csvOf(personRows(n)), 0o600); err != nil {
		t.Fatal(err)
	}
	jobs := transfer.NewJobs(db.Client, func() civil.Date { return today }, nil)
	job, err := jobs.Create(ctx, db.Client, transfer.Persons(), false)
	if err != nil {
		t.Fatal(err)
	}
	jobs.Run(ctx, job, transfer.Persons(), file, "")
	if err := jobs.Wait(ctx, job.ID); err != nil {
		t.Fatal(err)
	}
	s, err := jobs.Status(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.State != transfer.JobDone || s.RowsWritten != n {
		t.Fatalf("job: %s, %d rows written: %+v", s.State, s.RowsWritten, s.Report)
	}
	if got := db.Client.Person.Query().CountX(ctx); got != n {
		t.Fatalf("%d persons kept, want %d", got, n)
	}
	if left := undoRows(t, db); left != 0 {
		t.Fatalf("%d undo steps left after the job ended DONE", left)
	}
}
