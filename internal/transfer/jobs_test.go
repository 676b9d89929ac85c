package transfer_test

import (
	"testing"
	"time"

	"swtalent/ent/importjob"
	"swtalent/internal/civil"
	"swtalent/internal/transfer"
)

// Finished jobs go after a day; a job no server has saved for minutes counts as interrupted and
// is taken back; a running job and a recent one stay.
func TestJobsArePrunedAndInterruptedOnesFail(t *testing.T) {
	db := openDB(t)
	ctx := system()
	now := time.Now()
	create := func(state importjob.State, finished *time.Time, saved time.Time) int {
		return db.Client.ImportJob.Create().SetKind("persons").SetState(state).SetNillableFinishedAt(finished).
			SetUpdatedAt(saved).SaveX(ctx).ID
	}
	dayAgo, hourAgo := now.Add(-transfer.JobRetention-time.Minute), now.Add(-time.Hour)
	old := create(importjob.StateDONE, &dayAgo, dayAgo)
	recent := create(importjob.StateDONE, &hourAgo, hourAgo)
	stale := create(importjob.StateWRITING, nil, now.Add(-5*time.Minute))
	live := create(importjob.StateWRITING, nil, now)
	jobs := transfer.NewJobs(db.Client, func() civil.Date { return today }, nil)
	if err := jobs.Prune(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	if n, err := jobs.Recover(ctx); err != nil || n != 1 {
		t.Fatalf("recovered %d jobs, want 1: %v", n, err)
	}
	if n := db.Client.ImportJob.Query().Where(importjob.ID(old)).CountX(ctx); n != 0 {
		t.Error("a job finished a day ago is kept")
	}
	if j := db.Client.ImportJob.GetX(ctx, recent); j.State != importjob.StateDONE {
		t.Errorf("recent job: %s", j.State)
	}
	if j := db.Client.ImportJob.GetX(ctx, stale); j.State != importjob.StateFAILED || j.FinishedAt == nil || j.Message == "" {
		t.Errorf("interrupted job: %s %v %q", j.State, j.FinishedAt, j.Message)
	}
	if j := db.Client.ImportJob.GetX(ctx, live); j.State != importjob.StateWRITING {
		t.Errorf("running job: %s", j.State)
	}
}
