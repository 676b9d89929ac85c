package transfer

import (
	"context"
	"errors"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/examapplication"
	"swtalent/ent/importjob"
	"swtalent/ent/person"
	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
	"swtalent/ent/volunteer"
	"swtalent/internal/apperr"
	"swtalent/internal/facts"
	"swtalent/internal/undo"
	"swtalent/internal/viewer"
	"swtalent/internal/writeturn"
)

// errCrashed ends a test's import as if its process had died.
var errCrashed = errors.New("import stopped as by a dead process (test)")

// undoPerTx bounds the rows one transaction of a take-back restores.
const undoPerTx = 2000

// takeBack undoes the committed batches of job from its undo log, in short transactions, with a
// context that outlives the import's (a cancelled import is still taken back), and recomputes
// the kept facts of the persons the job touched, and the kept region facts of the regions it
// created or changed and of those its service points serve and its volunteers are registered in: the undo log restores the registers statement
// by statement, past the hooks that keep facts. With heartbeat, each transaction also marks the
// job record as alive, so that no other instance takes it for interrupted meanwhile.
func takeBack(ctx context.Context, client *ent.Client, dialect string, job int, heartbeat bool) error {
	ctx = system(context.WithoutCancel(ctx))
	persons, err := touchedPersons(ctx, client, dialect, job)
	if err != nil {
		return err
	}
	regions, err := touchedRegions(ctx, client, dialect, job)
	if err != nil {
		return err
	}
	_, err = undo.Undo(ctx, dialect, job, undoPerTx, func(ctx context.Context, fn func(undo.DB) error) error {
		return writeTx(ctx, client, func(c *ent.Client) error {
			if err := fn(c); err != nil || !heartbeat {
				return err
			}
			return beat(ctx, c, job)
		})
	})
	if err != nil {
		return err
	}
	if err := refreshMoved(ctx, client, persons); err != nil {
		return err
	}
	return refreshRegions(ctx, client, regions)
}

// regionRows are the tables whose rows name a region the kept region facts follow, with the
// foreign-key column naming it: the service points (the region they serve) and the volunteers
// (their community).
var regionRows = []struct{ table, column string }{
	{servicepoint.Table, servicepoint.RegionColumn},
	{volunteer.Table, volunteer.FieldCommunityID},
}

// touchedRegions returns the codes of the regions whose kept region facts job's undo log moves:
// the regions it created or changed, and those the service points and volunteers it created or
// changed name now and named before. Read before the take-back, while the created rows still
// exist.
func touchedRegions(ctx context.Context, client *ent.Client, dialect string, job int) ([]string, error) {
	made, err := undo.Rows(ctx, client, dialect, job, region.Table)
	if err != nil {
		return nil, err
	}
	var regions []int
	for _, r := range made {
		regions = append(regions, r.ID)
	}
	for _, t := range regionRows {
		rows, err := undo.Rows(ctx, client, dialect, job, t.table)
		if err != nil {
			return nil, err
		}
		var ids []int
		for _, r := range rows {
			ids = append(ids, r.ID)
			if v, ok := r.Prior[t.column].(int64); ok {
				regions = append(regions, int(v))
			}
		}
		for len(ids) > 0 {
			part := ids[:min(500, len(ids))]
			ids = ids[len(part):]
			now, err := regionsNamed(ctx, client, dialect, t.table, t.column, part)
			if err != nil {
				return nil, fmt.Errorf("regions of the %s imported: %w", t.table, err)
			}
			regions = append(regions, now...)
		}
	}
	var codes []string
	for len(regions) > 0 {
		part := regions[:min(500, len(regions))]
		regions = regions[len(part):]
		c, err := client.Region.Query().Where(region.IDIn(part...)).Select(region.FieldCode).Strings(ctx)
		if err != nil {
			return nil, fmt.Errorf("regions imported: %w", err)
		}
		codes = append(codes, c...)
	}
	return codes, nil
}

// regionsNamed returns the regions the rows ids of table name in their column col (NULL: none).
func regionsNamed(ctx context.Context, client *ent.Client, dialect, table, col string, ids []int) ([]int, error) {
	q, args := entsql.Dialect(dialect).Select(col).From(entsql.Table(table)).
		Where(entsql.And(entsql.InInts("id", ids...), entsql.NotNull(col))).Query()
	rows, err := client.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// refreshRegions recomputes the kept region facts of the regions of codes, in transactions of
// refreshPerTx regions, each in its turn.
func refreshRegions(ctx context.Context, client *ent.Client, codes []string) error {
	for len(codes) > 0 {
		part := codes[:min(refreshPerTx, len(codes))]
		codes = codes[len(part):]
		if err := writeTx(ctx, client, func(c *ent.Client) error { return facts.RefreshRegionCodes(ctx, c, part...) }); err != nil {
			return err
		}
	}
	return nil
}

// touchedPersons returns the persons whose kept facts job's undo log moves: the persons it
// created or changed, the holders, now and before, of the certificates it created or changed,
// and the applicants of the exam applications it created or changed. Read before the take-back,
// while the created rows still name their person.
func touchedPersons(ctx context.Context, client *ent.Client, dialect string, job int) ([]int, error) {
	persons, err := undo.Rows(ctx, client, dialect, job, person.Table)
	if err != nil {
		return nil, err
	}
	certs, err := undo.Rows(ctx, client, dialect, job, certificate.Table)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	var ids []int
	add := func(id int) {
		if id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range persons {
		add(p.ID)
	}
	certIDs := make([]int, 0, len(certs))
	for _, c := range certs {
		certIDs = append(certIDs, c.ID)
		if h, ok := c.Prior[certificate.FieldHolderID].(int64); ok {
			add(int(h))
		}
	}
	for len(certIDs) > 0 {
		part := certIDs[:min(500, len(certIDs))]
		certIDs = certIDs[len(part):]
		holders, err := client.Certificate.Query().Where(certificate.IDIn(part...)).Select(certificate.FieldHolderID).Ints(ctx)
		if err != nil {
			return nil, fmt.Errorf("holders of the certificates imported: %w", err)
		}
		for _, h := range holders {
			add(h)
		}
	}
	// The applicants of the exam applications (EXAM_SAT, EXAM_PASSED; the applicant is immutable).
	apps, err := undo.Rows(ctx, client, dialect, job, examapplication.Table)
	if err != nil {
		return nil, err
	}
	appIDs := make([]int, 0, len(apps))
	for _, a := range apps {
		appIDs = append(appIDs, a.ID)
	}
	for len(appIDs) > 0 {
		part := appIDs[:min(500, len(appIDs))]
		appIDs = appIDs[len(part):]
		applicants, err := client.ExamApplication.Query().Where(examapplication.IDIn(part...)).Select(examapplication.PersonColumn).Ints(ctx)
		if err != nil {
			return nil, fmt.Errorf("applicants of the exam applications imported: %w", err)
		}
		for _, p := range applicants {
			add(p)
		}
	}
	return ids, nil
}

// beat marks job's record as alive, through the writing transaction's client.
func beat(ctx context.Context, client *ent.Client, job int) error {
	if err := client.ImportJob.UpdateOneID(job).SetUpdatedAt(time.Now()).Exec(system(ctx)); err != nil {
		return fmt.Errorf("mark import job %d alive: %w", job, err)
	}
	return nil
}

// ownJob records the job of an import run outside the job runner, WRITING.
func ownJob(ctx context.Context, client *ent.Client, k *Kind) (int, error) {
	v := viewer.FromContext(ctx)
	var job *ent.ImportJob
	err := writeturn.For(client).Run(ctx, func() error {
		var err error
		job, err = client.ImportJob.Create().SetKind(k.Name).SetOwnerID(v.AccountID).SetOwner(v.Username).
			SetState(JobWriting).Save(system(ctx))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("import %s: record the job: %w", k.Name, err)
	}
	return job.ID, nil
}

// endOwnJob records the end of an import's own job, and forgets the undo log of a kept one.
func endOwnJob(ctx context.Context, client *ent.Client, dialect string, job int, state JobState) error {
	ctx = system(context.WithoutCancel(ctx))
	err := writeturn.For(client).Run(ctx, func() error {
		return client.ImportJob.UpdateOneID(job).SetState(state).SetFinishedAt(time.Now()).Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("record the end of import job %d: %w", job, err)
	}
	if state == JobDone {
		return forget(ctx, client, dialect, job)
	}
	return nil
}

// forget deletes the undo log of a job that ended, in its turn among the writers.
func forget(ctx context.Context, client *ent.Client, dialect string, job int) error {
	return writeturn.For(client).Run(ctx, func() error { return undo.Forget(ctx, client, dialect, job) })
}

// msgInterrupted is the end of a job whose process died and whose rows were taken back.
var msgInterrupted = (&apperr.Error{ZH: "导入被中断，已写入的行已撤销", EN: "interrupted; rows taken back"}).Error()

// Recover takes back the imports whose process died mid-write (power cut, kill -9): every job
// not finished whose record no process has kept alive for staleJob is claimed, its committed
// batches taken back from its undo log, and marked FAILED. A job still alive (running in
// another instance on the database, or just begun) is left to its process. It also deletes
// the undo log left by jobs that ended. It returns how many jobs it took back. The server runs
// it on start and before every job, the command line before an import.
func Recover(ctx context.Context, client *ent.Client) (int, error) {
	return recoverJobs(ctx, client, nil)
}

// Recover is transfer.Recover, sparing the jobs running in this process.
func (j *Jobs) Recover(ctx context.Context) (int, error) {
	return recoverJobs(ctx, j.client, j.mine())
}

// recoverJobs is Recover, sparing the jobs mine.
func recoverJobs(ctx context.Context, client *ent.Client, mine []int) (int, error) {
	ctx = system(ctx)
	dialect := undo.Dialect(ctx, client)
	logged, err := undo.Jobs(ctx, client)
	if err != nil {
		return 0, err
	}
	for _, id := range logged {
		job, err := client.ImportJob.Get(ctx, id)
		if err != nil && !ent.IsNotFound(err) {
			return 0, fmt.Errorf("recover imports: read job %d: %w", id, err)
		}
		if job == nil || job.FinishedAt != nil {
			if err := forget(ctx, client, dialect, id); err != nil {
				return 0, err
			}
		}
	}
	cutoff := time.Now().Add(-staleJob)
	stale, err := client.ImportJob.Query().
		Where(importjob.FinishedAtIsNil(), importjob.UpdatedAtLT(cutoff), importjob.IDNotIn(mine...)).IDs(ctx)
	if err != nil {
		return 0, fmt.Errorf("recover imports: %w", err)
	}
	n := 0
	for _, id := range stale {
		// Claimed by one instance only: the update finds the job stale once.
		claimed := 0
		err := writeturn.For(client).Run(ctx, func() error {
			var err error
			claimed, err = client.ImportJob.Update().
				Where(importjob.ID(id), importjob.FinishedAtIsNil(), importjob.UpdatedAtLT(cutoff)).
				SetState(JobUndoing).SetUpdatedAt(time.Now()).Save(ctx)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("recover import job %d: %w", id, err)
		}
		if claimed == 0 {
			continue
		}
		if err := takeBack(ctx, client, dialect, id, true); err != nil {
			return n, fmt.Errorf("recover import job %d: take back the rows written: %w", id, err)
		}
		err = writeturn.For(client).Run(ctx, func() error {
			return client.ImportJob.UpdateOneID(id).SetState(JobFailed).SetMessage(msgInterrupted).
				SetRowsWritten(0).SetFinishedAt(time.Now()).Exec(ctx)
		})
		if err != nil {
			return n, fmt.Errorf("recover import job %d: %w", id, err)
		}
		n++
	}
	return n, nil
}
