package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"swtalent/ent"
	"swtalent/internal/apperr"
	"swtalent/internal/audit"
	"swtalent/internal/civil"
	"swtalent/internal/dataversion"
	"swtalent/internal/facts"
	"swtalent/internal/sheet"
	"swtalent/internal/undo"
	"swtalent/internal/writeturn"
)

// Phases of an import, as Progress.Start names them.
const (
	PhaseChecking = "检查 checking" // rows are read and checked; total unknown
	PhaseWriting  = "写入 writing"  // checked rows are written, a batch per transaction
	PhaseUndoing  = "撤销 undoing"  // a refused or cancelled import takes its rows back
)

// Progress shows how far an import has come. Start begins a phase with its total (-1 when
// unknown), Add counts rows done, Finish ends the phase.
type Progress interface {
	Start(phase string, total int)
	Add(n int)
	Finish()
}

// ImportOptions tune Import.
type ImportOptions struct {
	// DryRun checks the whole file, writes included, and rolls everything back.
	DryRun bool
	// Job is the import job (ImportJob) whose undo log the import keeps, its runner keeping the
	// record alive; 0 when the import records a job of its own.
	Job int
	// Progress, when set, is told about each phase.
	Progress Progress
	// Today is the day reports are taken: the county's date unless another is asked for.
	Today civil.Date
	// OnError, when set, is told about each refused row as it is found.
	OnError func(RowError)

	// crashAfter, in tests, stops the write after that many committed batches as a dead
	// process would: nothing taken back, the job's end not recorded.
	crashAfter int
}

// Import reads a sheet of kind k and writes it through client, all or nothing: every row is
// parsed and resolved first, and only a file without errors is written, a batch per
// transaction, the batches already written taken back if a later one fails (see writeAll).
// When ctx is cancelled during the write, the rows written are taken back and ctx's error is
// returned.
// ctx carries the caller's viewer (or a system decision) and privacy applies as for the API.
// The report lists every refused row; the error is for failures that are not the file's fault.
func Import(ctx context.Context, client *ent.Client, k *Kind, r sheet.Reader, opt ImportOptions) (*Report, error) {
	if !k.Importable() {
		return nil, fmt.Errorf("kind %s cannot be imported", k.Name)
	}
	rep := &Report{Kind: k.Name, DryRun: opt.DryRun, Errors: []RowError{}, onError: opt.OnError}
	prog := opt.Progress
	if prog == nil {
		prog = noProgress{}
	}
	env := NewEnv(client, opt.Today)
	recs, err := parseAll(ctx, env, k, r, rep, prog)
	if err != nil || !rep.OK() {
		return rep, err
	}
	if k.Order != nil {
		// Parents before children: the order is known, and references resolved, only now.
		k.Order(recs)
		if err := resolveAll(ctx, env, k, recs, rep); err != nil || !rep.OK() {
			return rep, err
		}
	}
	return rep, writeAll(ctx, client, env, k, recs, rep, opt, prog)
}

// parseAll reads the header and every row, parsing each and refusing duplicate keys. For kinds
// without an Order, the records' references are resolved batch by batch as the rows are read
// (while no row has failed), so that the check makes steady progress.
func parseAll(ctx context.Context, env *Env, k *Kind, r sheet.Reader, rep *Report, prog Progress) ([]*Record, error) {
	var h *header
	for h == nil {
		cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			rep.add(RowError{Row: 1, Code: string(apperr.CodeBadUserInput), Message: (&apperr.Error{ZH: "文件没有表头行", EN: "the file has no header row"}).Error()})
			return nil, nil
		}
		if err != nil {
			return nil, badFile(rep, r.Row(), err)
		}
		if (Row{cells: cells}).empty() {
			continue
		}
		var missing []string
		var dup string
		h, missing, dup = matchHeader(k, cells)
		if dup != "" {
			rep.add(RowError{Row: r.Row(), Column: dup, Code: string(apperr.CodeBadUserInput),
				Message: (&apperr.Error{ZH: "该列出现了两次", EN: "this column appears twice"}).Error()})
			return nil, nil
		}
		for _, m := range missing {
			rep.add(RowError{Row: r.Row(), Column: m, Code: string(apperr.CodeBadUserInput),
				Message: (&apperr.Error{ZH: "缺少必填列", EN: "a required column is missing"}).Error()})
		}
		if len(missing) > 0 {
			return nil, nil
		}
		rep.IgnoredColumns = h.ignored
	}
	prog.Start(PhaseChecking, -1)
	defer prog.Finish()
	var recs []*Record
	resolved := 0 // recs before this index are resolved
	resolve := func(all bool) error {
		if k.Order != nil || !rep.OK() || len(recs)-resolved < batchSize(k) && !all {
			return nil
		}
		err := resolveAll(ctx, env, k, recs[resolved:], rep)
		resolved = len(recs)
		return err
	}
	keys := map[string]int{}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			return recs, resolve(true)
		}
		if err != nil {
			return nil, badFile(rep, r.Row()+1, err)
		}
		row := Row{Number: r.Row(), cells: cells, h: h}
		if row.empty() {
			continue
		}
		rep.Rows++
		prog.Add(1)
		if missing := requiredCells(k, row); len(missing) > 0 {
			for _, e := range missing {
				rep.add(rowError(k, row, e))
			}
			continue
		}
		rec, err := k.Parse(ctx, env, row)
		if err != nil {
			if err := report(k, rep, row, err); err != nil {
				return nil, err
			}
			continue
		}
		rec.Row, rec.cells = row.Number, row
		if first, dup := keys[rec.Key]; dup {
			rep.add(rowError(k, row, apperr.Conflict(k.KeyColumn,
				fmt.Sprintf("与第 %d 行重复", first), fmt.Sprintf("duplicates row %d", first))))
			continue
		}
		keys[rec.Key] = row.Number
		if rep.OK() {
			recs = append(recs, rec)
			if err := resolve(false); err != nil {
				return nil, err
			}
		}
	}
}

// requiredCells returns an error for each empty cell of a required column.
func requiredCells(k *Kind, row Row) []*apperr.Error {
	var out []*apperr.Error
	for _, c := range k.Columns {
		if c.Required && row.Get(c.Key) == "" {
			out = append(out, apperr.Invalid(c.Key, "必填项不能为空", "this cell must not be empty"))
		}
	}
	return out
}

// badFile reports a sheet that cannot be read at all (broken CSV quoting, a damaged workbook).
func badFile(rep *Report, row int, err error) error {
	rep.add(RowError{Row: row, Code: string(apperr.CodeBadUserInput),
		Message: (&apperr.Error{ZH: "文件无法读取：" + err.Error(), EN: "the file cannot be read: " + err.Error()}).Error()})
	return nil
}

// report adds a row's user errors to the report; any other error is returned.
func report(k *Kind, rep *Report, row Row, err error) error {
	for _, e := range leaves(err) {
		ae, ok := userError(e)
		if !ok {
			return fmt.Errorf("row %d: %w", row.Number, e)
		}
		rep.add(rowError(k, row, ae))
	}
	return nil
}

// batchSize is the kind's batch size.
func batchSize(k *Kind) int {
	if k.BatchSize <= 0 {
		return DefaultBatchSize
	}
	return k.BatchSize
}

// batches splits recs into the kind's batch size.
func batches(k *Kind, recs []*Record) [][]*Record {
	size := batchSize(k)
	var out [][]*Record
	for len(recs) > 0 {
		n := min(size, len(recs))
		out = append(out, recs[:n])
		recs = recs[n:]
	}
	return out
}

// batchErrors reports the errors of a batch: those marked with At go to their record; others
// to the batch's first record.
func batchErrors(k *Kind, rep *Report, batch []*Record, err error) error {
	for _, e := range leaves(err) {
		rec := batch[0]
		var re *recordError
		if errors.As(e, &re) && re.index >= 0 && re.index < len(batch) {
			rec = batch[re.index]
		}
		if err := report(k, rep, rec.cells, e); err != nil {
			return err
		}
	}
	return nil
}

// resolveAll checks every batch against the database before anything is written.
func resolveAll(ctx context.Context, env *Env, k *Kind, recs []*Record, rep *Report) error {
	if k.Resolve == nil {
		return nil
	}
	for _, b := range batches(k, recs) {
		if err := k.Resolve(ctx, env, b); err != nil {
			if err := batchErrors(k, rep, b, err); err != nil {
				return err
			}
			if rep.full() {
				return nil
			}
		}
	}
	return nil
}

// writeAll writes the records. An import commits each batch in its own short transaction,
// taking its turn among the process's writers (package writeturn) so that clerks' saves get in
// between, and keeps an undo log of what it wrote, in the database and committed with each
// batch (package undo): when a batch is refused, the import is cancelled or the database fails,
// the batches already committed are taken back, so the file is all or nothing once the import
// has ended; when its process dies, the next one takes them back (Recover). A dry run rolls
// each batch back instead; for a kind with an Order (later rows refer to earlier ones) it
// writes every batch in one transaction and rolls that back.
func writeAll(ctx context.Context, client *ent.Client, env *Env, k *Kind, recs []*Record, rep *Report, opt ImportOptions, prog Progress) error {
	prog.Start(PhaseWriting, len(recs))
	defer prog.Finish()
	if opt.DryRun && k.Order != nil {
		return writeOnce(ctx, client, env, k, recs, rep, prog)
	}
	dialect := undo.Dialect(ctx, client)
	job, own, heartbeat := opt.Job, false, 0
	if job == 0 && !opt.DryRun {
		// An import outside the job runner (the command line) records a job of its own, which
		// its batches keep alive, so that its undo log is taken back if its process dies.
		var err error
		if job, err = ownJob(ctx, client, k); err != nil {
			return err
		}
		own, heartbeat = true, job
	}
	log := undo.New(dialect, job)
	// The kept facts of the persons a batch touches are refreshed once, before it commits.
	ctx, flushFacts := facts.Defer(ctx)
	var total Counts
	size := min(100, batchSize(k)) // grows to chunkTime's worth once a transaction is timed
	batchesWritten := 0
	for rest := recs; len(rest) > 0; {
		b := rest[:min(size, len(rest))]
		began := time.Now()
		c, refused, err := writeChunk(ctx, client, env, k, b, rep, log, heartbeat, flushFacts, !opt.DryRun)
		if err == nil && !refused {
			batchesWritten++
			if opt.crashAfter > 0 && batchesWritten == opt.crashAfter {
				return errCrashed // the test's dead process: no take-back, no end recorded
			}
			if err = ctx.Err(); err == nil {
				total.Add(c)
				prog.Add(len(b))
				rest = rest[len(b):]
				size = nextChunk(size, len(b), time.Since(began), batchSize(k))
				continue
			}
		}
		rep.Created, rep.Updated, rep.Unchanged = 0, 0, 0
		var uerr error
		if log.Len() > 0 {
			prog.Start(PhaseUndoing, log.Len())
			uerr = takeBack(ctx, client, dialect, job, own)
		}
		if uerr != nil {
			uerr = fmt.Errorf("import %s: take back the rows written: %w", k.Name, uerr)
			if err != nil {
				return fmt.Errorf("%w (and %w)", uerr, err)
			}
			return uerr
		}
		if own {
			if ferr := endOwnJob(ctx, client, dialect, job, JobFailed); ferr != nil {
				return ferr
			}
		}
		return err
	}
	if own {
		if err := endOwnJob(ctx, client, dialect, job, JobDone); err != nil {
			return err
		}
	}
	rep.Created, rep.Updated, rep.Unchanged = total.Created, total.Updated, total.Unchanged
	rep.Committed = !opt.DryRun
	return nil
}

// chunkTime is what one write transaction of an import should take: short enough that clerks'
// saves waiting for their turn hardly notice, and that progress moves several times a second.
const chunkTime = 250 * time.Millisecond

// nextChunk sizes the next write transaction from how long the last one, of n rows, took: about
// chunkTime's worth of rows, between 10 and the kind's batch size (which bounds a bulk insert's
// parameters).
func nextChunk(size, n int, took time.Duration, limit int) int {
	if took <= 0 {
		return limit
	}
	want := int(float64(n) * float64(chunkTime) / float64(took))
	// Move at most by half or double, so one slow transaction does not swing it.
	want = max(size/2, min(want, size*2))
	return max(10, min(want, limit))
}

// refreshPerTx bounds the persons whose kept facts one transaction of refreshMoved recomputes.
const refreshPerTx = 5000

// refreshMoved recomputes the kept facts of the persons ids, in transactions of refreshPerTx
// persons, each in its turn.
func refreshMoved(ctx context.Context, client *ent.Client, ids []int) error {
	for len(ids) > 0 {
		part := ids[:min(refreshPerTx, len(ids))]
		ids = ids[len(part):]
		err := writeTx(ctx, client, func(c *ent.Client) error { return facts.RefreshPersons(ctx, c, part...) })
		if err != nil {
			return err
		}
	}
	return nil
}

// writeTx runs fn in a transaction of its own, in its turn among the process's writers, and
// bumps the data version with it: a step of a take-back, which writes past the hooks.
func writeTx(ctx context.Context, client *ent.Client, fn func(*ent.Client) error) error {
	return writeturn.For(client).Run(ctx, func() error {
		tx, err := client.Tx(ctx)
		if err != nil {
			return err
		}
		if err := fn(tx.Client()); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := dataversion.Bump(ctx, tx.Client()); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}

// writeChunk writes one batch in its own transaction, with its audit events and its undo steps
// in a few statements (and the time on job record heartbeat, when not 0), and
// commits it (rolls it back unless keep). refused is set when the batch's rows
// were refused (the report lists them) and nothing of the batch was kept.
func writeChunk(ctx context.Context, client *ent.Client, env *Env, k *Kind, b []*Record, rep *Report, log *undo.Log, heartbeat int, flushFacts func(context.Context, *ent.Client) error, keep bool) (c Counts, refused bool, err error) {
	if err := ctx.Err(); err != nil {
		return c, false, err
	}
	turn := writeturn.For(client)
	if err := turn.Take(ctx); err != nil {
		return c, false, err
	}
	defer turn.Done()
	tx, err := client.Tx(ctx)
	if err != nil {
		return c, false, fmt.Errorf("import %s: begin transaction: %w", k.Name, err)
	}
	mark := log.Mark()
	committed := false
	defer func() {
		if !committed {
			log.Truncate(mark)
			if rerr := tx.Rollback(); rerr != nil && err == nil {
				err = fmt.Errorf("import %s: roll back: %w", k.Name, rerr)
			}
		}
	}()
	txc := tx.Client()
	actx, events := audit.Collect(undo.With(dataversion.Deferred(ctx), log))
	tctx := ent.NewContext(ent.NewTxContext(actx, tx), txc)
	env.Client = txc
	werr := savepoint(tctx, txc, func() error {
		var err error
		c, err = k.Write(tctx, env, b)
		return err
	})
	if werr != nil {
		before := len(rep.Errors) + rep.MoreErrors
		if err := writeFailed(tctx, txc, env, k, rep, b, werr); err != nil {
			return c, false, err
		}
		if len(rep.Errors)+rep.MoreErrors == before {
			// Refused, yet no row to blame: never carry on as if the batch were written.
			return c, false, fmt.Errorf("import %s: %w", k.Name, werr)
		}
		return c, true, nil
	}
	if !keep {
		return c, false, nil // rolled back by the deferred function
	}
	if err := flushFacts(tctx, txc); err != nil {
		return c, false, fmt.Errorf("import %s: %w", k.Name, err)
	}
	if err := events.Flush(tctx, txc); err != nil {
		return c, false, fmt.Errorf("import %s: %w", k.Name, err)
	}
	if err := log.Flush(tctx, txc); err != nil {
		return c, false, fmt.Errorf("import %s: %w", k.Name, err)
	}
	if heartbeat != 0 {
		if err := beat(tctx, txc, heartbeat); err != nil {
			return c, false, fmt.Errorf("import %s: %w", k.Name, err)
		}
	}
	if err := dataversion.Bump(tctx, txc); err != nil {
		return c, false, fmt.Errorf("import %s: %w", k.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return c, false, fmt.Errorf("import %s: commit: %w", k.Name, err)
	}
	committed = true
	return c, false, nil
}

// writeOnce writes every batch in one transaction and rolls it back: a dry run, which sees each
// batch's effect on the next (parents before children) and keeps nothing.
func writeOnce(ctx context.Context, client *ent.Client, env *Env, k *Kind, recs []*Record, rep *Report, prog Progress) error {
	turn := writeturn.For(client)
	if err := turn.Take(ctx); err != nil {
		return err
	}
	defer turn.Done()
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("import %s: begin transaction: %w", k.Name, err)
	}
	defer func() { _ = tx.Rollback() }()
	txc := tx.Client()
	// A dry run keeps nothing: the hooks only note the persons whose facts would move.
	fctx, _ := facts.Defer(ctx)
	actx, _ := audit.Collect(fctx)
	tctx := ent.NewContext(ent.NewTxContext(actx, tx), txc)
	env.Client = txc
	var total Counts
	for _, b := range batches(k, recs) {
		if err := ctx.Err(); err != nil {
			return err
		}
		var c Counts
		werr := savepoint(tctx, txc, func() error {
			var err error
			c, err = k.Write(tctx, env, b)
			return err
		})
		if werr != nil {
			return writeFailed(tctx, txc, env, k, rep, b, werr)
		}
		total.Add(c)
		prog.Add(len(b))
	}
	rep.Created, rep.Updated, rep.Unchanged = total.Created, total.Updated, total.Unchanged
	return nil
}

// writeFailed reports the records a refused batch holds. The batch was rolled back to its
// savepoint, so a user error without a record index is pinned down by writing the batch's
// records one at a time, each in its own savepoint, reporting every refused one (the
// transaction rolls back anyway). Some checks run after the row is written (a scoped account's
// row must lie in its scope), which is why each attempt is undone before the next. Other
// failures end the import.
func writeFailed(ctx context.Context, client *ent.Client, env *Env, k *Kind, rep *Report, batch []*Record, err error) error {
	var re *recordError
	if _, ok := userError(err); ok && len(batch) > 1 && !errors.As(err, &re) {
		refused := false
		for i := range batch {
			e := savepoint(ctx, client, func() error {
				_, e := k.Write(ctx, env, batch[i:i+1])
				return e
			})
			if e == nil {
				continue
			}
			if _, ok := userError(e); !ok {
				return fmt.Errorf("import %s: %w", k.Name, e)
			}
			refused = true
			if err := batchErrors(k, rep, batch[i:i+1], e); err != nil {
				return fmt.Errorf("import %s: %w", k.Name, err)
			}
		}
		if refused {
			return nil
		}
	}
	if err := batchErrors(k, rep, batch, err); err != nil {
		return fmt.Errorf("import %s: %w", k.Name, err)
	}
	return nil
}

// savepoint runs write inside a savepoint of the import's transaction and undoes it when write
// fails, so that the transaction stays usable (PostgreSQL refuses every later statement of a
// transaction with a failed one) and holds nothing of the failed write.
func savepoint(ctx context.Context, client *ent.Client, write func() error) error {
	if _, err := client.ExecContext(ctx, "SAVEPOINT swtalent_import"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := write(); err != nil {
		if _, rerr := client.ExecContext(ctx, "ROLLBACK TO SAVEPOINT swtalent_import"); rerr != nil {
			return fmt.Errorf("roll back to savepoint: %w (after %w)", rerr, err)
		}
		return err
	}
	if _, err := client.ExecContext(ctx, "RELEASE SAVEPOINT swtalent_import"); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// ExportOptions tune Export.
type ExportOptions struct {
	// Reveal shows personal data in full; the caller must be an ADMIN. The reveal is audited.
	Reveal bool
	// Reason says why the data is revealed (at least 4 characters).
	Reason string
	// Today is the day reports are taken: the county's date unless another is asked for.
	Today civil.Date
}

// Export writes the kind's rows to w under its Chinese headers and returns how many it wrote.
// Personal data is masked unless opt.Reveal, which is recorded in the audit trail with the
// viewer of ctx (the system on the command line) and the reason.
func Export(ctx context.Context, client *ent.Client, k *Kind, w sheet.Writer, opt ExportOptions) (int, error) {
	if !k.Exportable() {
		return 0, apperr.Invalid("kind", "该类型不能导出", "this kind cannot be exported")
	}
	env := NewEnv(client, opt.Today)
	if opt.Reveal {
		var fields []string
		for _, c := range k.Columns {
			if c.Mask != nil {
				fields = append(fields, c.Key)
			}
		}
		if len(fields) > 0 {
			reason := strings.TrimSpace(opt.Reason)
			if len([]rune(reason)) < 4 {
				return 0, apperr.Invalid("reason", "请说明查看完整个人信息的原因", "state why the personal data is needed")
			}
			if err := audit.Record(ctx, client, audit.Event{Operation: audit.Reveal, Entity: "Export:" + k.Name, Fields: fields, Reason: reason}); err != nil {
				return 0, err
			}
			env.Reveal = true
		}
	}
	if err := w.Write(k.Headers()); err != nil {
		return 0, fmt.Errorf("export %s: %w", k.Name, err)
	}
	n := 0
	cells := make([]string, len(k.Columns))
	err := k.Export(ctx, env, func(values map[string]string) error {
		for i, c := range k.Columns {
			cells[i] = values[c.Key]
		}
		n++
		return w.Write(cells)
	})
	if err != nil {
		return n, fmt.Errorf("export %s: %w", k.Name, err)
	}
	return n, w.Close()
}

// Template writes a blank sheet of the kind: the headers and one example row.
func Template(k *Kind, w sheet.Writer) error {
	if err := w.Write(k.Headers()); err != nil {
		return err
	}
	ex := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		ex[i] = c.Example
	}
	if err := w.Write(ex); err != nil {
		return err
	}
	return w.Close()
}

// noProgress shows nothing.
type noProgress struct{}

// Start does nothing.
func (noProgress) Start(string, int) {}

// Add does nothing.
func (noProgress) Add(int) {}

// Finish does nothing.
func (noProgress) Finish() {}

// Describe lists the kind's columns for a clerk, one line each: the header, whether it is
// required, and the note on what to write.
func Describe(k *Kind) []string {
	out := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		line := c.ZH
		if c.Required {
			line += "（必填 required）"
		}
		if c.Note != "" {
			line += "：" + c.Note
		}
		out[i] = line
	}
	return out
}
