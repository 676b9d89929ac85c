package transfer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"swtalent/ent"
	"swtalent/ent/importjob"
	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/sheet"
	"swtalent/internal/undo"
	"swtalent/internal/viewer"
	"swtalent/internal/writeturn"
)

// JobRetention is how long a finished import job and its report are kept.
const JobRetention = 24 * time.Hour

// jobTick is how often a running job saves its progress (and notices a cancel asked for by
// another instance).
const jobTick = 500 * time.Millisecond

// staleJob is how long a job may go without saving its progress before it counts as
// interrupted (its server stopped without finishing it).
const staleJob = 2 * time.Minute

// JobState is where a job stands.
type JobState = importjob.State

// Job states.
const (
	JobValidating = importjob.StateVALIDATING
	JobWriting    = importjob.StateWRITING
	JobUndoing    = importjob.StateUNDOING
	JobDone       = importjob.StateDONE
	JobFailed     = importjob.StateFAILED
	JobCancelled  = importjob.StateCANCELLED
)

// JobStatus is what a client sees of a job: HTTP /import/jobs/{id} and GraphQL importJob.
type JobStatus struct {
	// ID is the job's id.
	ID int `json:"id"`
	// Kind is the kind of sheet imported.
	Kind string `json:"kind"`
	// State is where the job stands.
	State JobState `json:"state"`
	// DryRun is set when the file is only checked.
	DryRun bool `json:"dryRun"`
	// Owner is the username of the uploader.
	Owner string `json:"owner"`
	// RowsTotal is the number of rows to write, known once every row is checked.
	RowsTotal *int `json:"rowsTotal"`
	// RowsChecked and RowsWritten count the rows done so far.
	RowsChecked int `json:"rowsChecked"`
	RowsWritten int `json:"rowsWritten"`
	// Errors lists the refused rows so far; MoreErrors counts those beyond the list.
	Errors     []RowError `json:"errors"`
	MoreErrors int        `json:"moreErrors"`
	// Report is the import report once the job has finished.
	Report *Report `json:"report,omitempty"`
	// Message says why a job failed or was cancelled when no row is to blame.
	Message string `json:"message,omitempty"`
	// CreatedAt, UpdatedAt and FinishedAt date the job.
	CreatedAt  time.Time  `json:"createdAt"`
	UpdatedAt  time.Time  `json:"updatedAt"`
	FinishedAt *time.Time `json:"finishedAt,omitempty"`
}

// Finished reports whether the job has ended.
func (s *JobStatus) Finished() bool {
	return s.State == JobDone || s.State == JobFailed || s.State == JobCancelled
}

// Jobs runs imports in the background. A job's state lives in the ImportJob table, so every
// instance on the database and every client watching it sees the same progress; the job itself
// runs in the process that accepted the file. Build one per server; Shutdown stops its jobs.
type Jobs struct {
	client *ent.Client
	today  func() civil.Date
	log    *slog.Logger

	mu      sync.Mutex
	running map[int]*jobRun
	wg      sync.WaitGroup
}

// jobRun is a job running in this process.
type jobRun struct {
	cancel context.CancelCauseFunc
	done   chan struct{}
}

// errCancelled and errShutdown are the causes a job's context is cancelled with.
var (
	errCancelled = errors.New("cancelled")
	errShutdown  = errors.New("server shutting down")
)

// NewJobs returns the job runner of client; today is the county's date for the imports.
func NewJobs(client *ent.Client, today func() civil.Date, log *slog.Logger) *Jobs {
	if log == nil {
		log = slog.Default()
	}
	return &Jobs{client: client, today: today, log: log, running: map[int]*jobRun{}}
}

// system is ctx allowed to read and write jobs whatever its viewer: the runner's bookkeeping.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// Create records a new job of kind k owned by the viewer of ctx, through client (a mutation's
// transaction, or the root client), after pruning old jobs. Start it with Run once the record is
// committed. Through the root client, take a writer's turn first (package writeturn).
func (j *Jobs) Create(ctx context.Context, client *ent.Client, k *Kind, dryRun bool) (*ent.ImportJob, error) {
	if err := j.Prune(ctx, client); err != nil {
		j.log.WarnContext(ctx, "pruning import jobs failed", "error", err)
	}
	v := viewer.FromContext(ctx)
	job, err := client.ImportJob.Create().SetKind(k.Name).SetOwnerID(v.AccountID).SetOwner(v.Username).
		SetDryRun(dryRun).Save(system(ctx))
	if err != nil {
		return nil, fmt.Errorf("create import job: %w", err)
	}
	return job, nil
}

// Prune deletes, through client, jobs finished more than JobRetention ago. Jobs whose process
// died are taken back by Recover.
func (j *Jobs) Prune(ctx context.Context, client *ent.Client) error {
	ctx = system(ctx)
	if _, err := client.ImportJob.Delete().Where(importjob.FinishedAtLT(time.Now().Add(-JobRetention))).Exec(ctx); err != nil {
		return fmt.Errorf("prune import jobs: %w", err)
	}
	return nil
}

// mine lists the jobs running in this process.
func (j *Jobs) mine() []int {
	j.mu.Lock()
	defer j.mu.Unlock()
	ids := make([]int, 0, len(j.running))
	for id := range j.running {
		ids = append(ids, id)
	}
	return ids
}

// Run starts job in the background: it imports the sheet in file (a temporary file Run deletes
// when done; encoding as for sheet.Options) as the viewer of ctx would, keeping ctx's values
// (viewer, request id) but not its deadline or cancellation.
func (j *Jobs) Run(ctx context.Context, job *ent.ImportJob, k *Kind, file, encoding string) {
	jctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	r := &jobRun{cancel: cancel, done: make(chan struct{})}
	j.mu.Lock()
	j.running[job.ID] = r
	j.mu.Unlock()
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		defer close(r.done)
		defer func() {
			j.mu.Lock()
			delete(j.running, job.ID)
			j.mu.Unlock()
		}()
		defer os.Remove(file)
		defer cancel(nil)
		j.run(jctx, job, k, file, encoding)
	}()
}

// run imports the file and keeps the job's record up to date, after taking back the jobs of
// dead processes (Recover).
func (j *Jobs) run(ctx context.Context, job *ent.ImportJob, k *Kind, file, encoding string) {
	if _, err := j.Recover(ctx); err != nil {
		j.log.ErrorContext(ctx, "taking back interrupted imports failed", "error", err)
	}
	t := &tracker{state: JobValidating}
	stop := make(chan struct{})
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		tick := time.NewTicker(jobTick)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if cancel := j.save(ctx, job.ID, t); cancel {
					j.cancel(job.ID, errCancelled)
				}
			}
		}
	}()
	rep, err := j.importFile(ctx, job, k, file, encoding, t)
	close(stop)
	<-saved
	j.finish(ctx, job.ID, t, rep, err)
}

// importFile opens the file and imports it, reporting to t.
func (j *Jobs) importFile(ctx context.Context, job *ent.ImportJob, k *Kind, file, encoding string, t *tracker) (*Report, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	rd, err := sheet.Open(f, sheet.Options{Encoding: encoding})
	if err != nil {
		rep := &Report{Kind: k.Name, DryRun: job.DryRun, Errors: []RowError{}}
		badFile(rep, 1, err)
		return rep, nil
	}
	defer rd.Close()
	return Import(ctx, j.client, k, rd, ImportOptions{DryRun: job.DryRun, Job: job.ID, Today: j.today(), Progress: t, OnError: t.addError})
}

// save writes the job's progress when it changed and reports whether a cancel was asked for
// (by another instance: this one cancels directly).
func (j *Jobs) save(ctx context.Context, id int, t *tracker) (cancel bool) {
	// A cancelled job still saves its progress while it takes its rows back.
	ctx = system(context.WithoutCancel(ctx))
	if u, changed := t.update(j.client.ImportJob.UpdateOneID(id)); changed {
		if err := writeturn.For(j.client).Run(ctx, func() error { return u.Exec(ctx) }); err != nil {
			j.log.WarnContext(ctx, "saving import progress failed", "job", id, "error", err)
		}
	}
	job, err := j.client.ImportJob.Query().Where(importjob.ID(id)).Select(importjob.FieldCancelRequested).Only(ctx)
	return err == nil && job.CancelRequested
}

// finish records the job's outcome.
func (j *Jobs) finish(ctx context.Context, id int, t *tracker, rep *Report, err error) {
	state, msg := JobDone, ""
	switch {
	case errors.Is(context.Cause(ctx), errCancelled):
		state, msg = JobCancelled, (&apperr.Error{ZH: "导入已取消，已写入的行已撤销", EN: "the import was cancelled; the rows written were taken back"}).Error()
	case errors.Is(context.Cause(ctx), errShutdown):
		state, msg = JobFailed, (&apperr.Error{ZH: "服务器停止，导入已撤销", EN: "the server stopped; the import was taken back"}).Error()
	case err != nil:
		j.log.ErrorContext(ctx, "import job failed", "job", id, "error", err)
		state, msg = JobFailed, apperr.Internal(nil).Error()
	case rep == nil || !rep.OK():
		state = JobFailed
	}
	t.mu.Lock()
	t.state = state
	if state != JobDone {
		t.written.Store(0) // taken back
	}
	t.mu.Unlock()
	u, _ := t.update(j.client.ImportJob.UpdateOneID(id))
	u.SetMessage(msg).SetFinishedAt(time.Now())
	if rep != nil {
		raw, jerr := json.Marshal(rep)
		if jerr == nil {
			u.SetReport(string(raw))
		}
		errs, _ := json.Marshal(rep.Errors)
		u.SetErrors(string(errs)).SetMoreErrors(rep.MoreErrors)
	}
	fctx := system(context.WithoutCancel(ctx))
	dialect := undo.Dialect(fctx, j.client)
	if state != JobDone {
		// A take-back that failed leaves steps: the job stays unfinished, and Recover takes it
		// back once it is stale.
		left, lerr := undo.Pending(fctx, j.client, dialect, id)
		if lerr != nil || left {
			j.log.ErrorContext(ctx, "an import job was not taken back; it will be once stale", "job", id, "error", lerr)
			return
		}
	}
	if err := writeturn.For(j.client).Run(fctx, func() error { return u.Exec(fctx) }); err != nil {
		j.log.ErrorContext(ctx, "recording the end of an import job failed", "job", id, "error", err)
		return
	}
	if state == JobDone {
		if err := forget(fctx, j.client, dialect, id); err != nil {
			j.log.ErrorContext(ctx, "deleting the undo log of an import job failed", "job", id, "error", err)
		}
	}
}

// Status returns job id as the viewer of ctx may see it: its owner and ADMINs. Any other
// viewer, or a job that does not exist (any more), gets NOT_FOUND.
func (j *Jobs) Status(ctx context.Context, id int) (*JobStatus, error) {
	job, err := j.client.ImportJob.Get(ctx, id)
	if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
		return nil, errNoJob()
	}
	if err != nil {
		return nil, fmt.Errorf("read import job: %w", err)
	}
	return statusOf(job)
}

// errNoJob is the answer for a job the viewer may not see or that is gone.
func errNoJob() error {
	return apperr.NotFound("没有该导入任务（任务保留24小时）", "no such import job (jobs are kept for 24 hours)")
}

// Cancel asks job id to stop, for its owner or an ADMIN, through client (a mutation's
// transaction or the root client): the job takes back what it wrote and ends CANCELLED. A
// finished job is left as it is. The job stops at once when it runs in this process, else at
// its next progress save.
func (j *Jobs) Cancel(ctx context.Context, client *ent.Client, id int) (*JobStatus, error) {
	s, err := j.Status(ctx, id)
	if err != nil || s.Finished() {
		return s, err
	}
	if err := client.ImportJob.UpdateOneID(id).SetCancelRequested(true).Exec(system(ctx)); err != nil {
		return nil, fmt.Errorf("cancel import job: %w", err)
	}
	j.cancel(id, errCancelled)
	return s, nil
}

// cancel stops a job running in this process.
func (j *Jobs) cancel(id int, cause error) {
	j.mu.Lock()
	r := j.running[id]
	j.mu.Unlock()
	if r != nil {
		r.cancel(cause)
	}
}

// Wait blocks until job id, running in this process, has finished, or ctx ends.
func (j *Jobs) Wait(ctx context.Context, id int) error {
	j.mu.Lock()
	r := j.running[id]
	j.mu.Unlock()
	if r == nil {
		return nil
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Shutdown stops the jobs running in this process: each takes back what it wrote and ends
// FAILED. It returns when they have, or when ctx ends.
func (j *Jobs) Shutdown(ctx context.Context) error {
	j.mu.Lock()
	for _, r := range j.running {
		r.cancel(errShutdown)
	}
	j.mu.Unlock()
	done := make(chan struct{})
	go func() { j.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// statusOf decodes a job's record.
func statusOf(job *ent.ImportJob) (*JobStatus, error) {
	s := &JobStatus{ID: job.ID, Kind: job.Kind, State: job.State, DryRun: job.DryRun, Owner: job.Owner,
		RowsTotal: job.RowsTotal, RowsChecked: job.RowsChecked, RowsWritten: job.RowsWritten, MoreErrors: job.MoreErrors,
		Message: job.Message, CreatedAt: job.CreatedAt, UpdatedAt: job.UpdatedAt, FinishedAt: job.FinishedAt}
	if err := json.Unmarshal([]byte(job.Errors), &s.Errors); err != nil {
		return nil, fmt.Errorf("read import job %d: errors: %w", job.ID, err)
	}
	if s.Errors == nil {
		s.Errors = []RowError{}
	}
	if job.Report != "" {
		s.Report = &Report{}
		if err := json.Unmarshal([]byte(job.Report), s.Report); err != nil {
			return nil, fmt.Errorf("read import job %d: report: %w", job.ID, err)
		}
	}
	return s, nil
}

// tracker follows a running import (Progress) for its job record.
type tracker struct {
	mu              sync.Mutex
	state           JobState
	total           *int
	checked         atomic.Int64
	written         atomic.Int64
	writing         bool
	errors          []RowError
	moreErrors      int
	savedState      JobState
	savedChecked    int64
	savedWritten    int64
	savedErrors     int
	savedTotalKnown bool
	savedAt         time.Time
}

// heartbeat is how often a job saves even when nothing changed, so that it never looks
// interrupted (staleJob) while it runs.
const heartbeat = 30 * time.Second

// Start follows a new phase.
func (t *tracker) Start(phase string, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch phase {
	case PhaseWriting:
		t.state, t.writing = JobWriting, true
		t.total = &total
	case PhaseUndoing:
		t.state, t.writing = JobUndoing, false
	}
}

// Add counts rows checked or written.
func (t *tracker) Add(n int) {
	t.mu.Lock()
	writing, validating := t.writing, t.state == JobValidating
	t.mu.Unlock()
	if writing {
		t.written.Add(int64(n))
	} else if validating {
		t.checked.Add(int64(n))
	}
}

// Finish ends a phase.
func (t *tracker) Finish() {}

// addError keeps a refused row.
func (t *tracker) addError(e RowError) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.errors) >= MaxReportedErrors {
		t.moreErrors++
		return
	}
	t.errors = append(t.errors, e)
}

// update sets on u what changed since the last save and reports whether anything did.
func (t *tracker) update(u *ent.ImportJobUpdateOne) (*ent.ImportJobUpdateOne, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	changed := false
	if t.state != t.savedState {
		u.SetState(t.state)
		t.savedState, changed = t.state, true
	}
	if c := t.checked.Load(); c != t.savedChecked {
		u.SetRowsChecked(int(c))
		t.savedChecked, changed = c, true
	}
	if w := t.written.Load(); w != t.savedWritten {
		u.SetRowsWritten(int(w))
		t.savedWritten, changed = w, true
	}
	if t.total != nil && !t.savedTotalKnown {
		u.SetRowsTotal(*t.total)
		t.savedTotalKnown, changed = true, true
	}
	if n := len(t.errors) + t.moreErrors; n != t.savedErrors {
		raw, _ := json.Marshal(t.errors)
		u.SetErrors(string(raw)).SetMoreErrors(t.moreErrors)
		t.savedErrors, changed = n, true
	}
	if time.Since(t.savedAt) > heartbeat {
		changed = true // updated_at moves with any update
	}
	if changed {
		t.savedAt = time.Now()
	}
	return u, changed
}
