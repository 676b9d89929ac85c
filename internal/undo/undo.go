// Package undo keeps the undo log of a write that commits in several transactions (an import
// job): the rows it created, and the rows it changed as they were before its first change, so
// that a job that fails, is cancelled or whose process dies half-way can be taken back and
// leave the tables as they were. The log is kept in the database (Table), each transaction's
// steps written by that transaction (Flush), so that a committed write always has its undo
// steps committed with it and a process that dies mid-write is taken back by the next one.
// An ent hook on every register (ent/schema) records the steps of writes whose context carries
// a Log, so kinds and hooks need not know about it.
//
// Lifecycle: New, then With(ctx) for every write transaction; Mark before a transaction,
// Flush before it commits and Truncate to the mark when it rolls back (its rows are gone and
// must not be undone); Undo when the whole write is abandoned, Forget when it is kept. A Log is
// safe for use by one writer and concurrent readers of Len.
package undo

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	entsql "entgo.io/ent/dialect/sql"
)

// Table holds the steps of every write not yet ended: job, seq (the order of the steps),
// tbl and row_id (the row), prior (the row's columns before the job changed it, see encode;
// NULL for a row the job created).
const Table = "import_undo"

// Execer runs a statement: *sql.Tx or an ent client with FeatureExecQuery.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Querier reads: *sql.Tx or an ent client with FeatureExecQuery.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// DB reads and writes: a transaction's ent client.
type DB interface {
	Execer
	Querier
}

// Create makes the table when missing (both dialects).
func Create(ctx context.Context, ex Execer) error {
	_, err := ex.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+Table+
		" (job BIGINT NOT NULL, seq BIGINT NOT NULL, tbl VARCHAR(64) NOT NULL, row_id BIGINT NOT NULL, prior TEXT, PRIMARY KEY (job, seq))")
	if err != nil {
		return fmt.Errorf("create %s: %w", Table, err)
	}
	return nil
}

// step is one undoable change: a created row (before == nil) or a changed row and its columns'
// values before the change.
type step struct {
	table  string
	id     int
	cols   []string
	before []any
}

// Log is the undo log of one write, job.
type Log struct {
	job     int
	dialect string

	mu      sync.Mutex
	seq     int          // steps committed in earlier transactions
	pending []step       // steps of the current transaction
	flushed int          // pending steps already written to Table
	changed map[int]bool // rows created or whose before-image is kept (the first is the one to restore)
}

// New returns the empty log of job, kept in a database of dialect ("sqlite3" or "postgres",
// ent's names).
func New(dialect string, job int) *Log {
	return &Log{job: job, dialect: dialect, changed: map[int]bool{}}
}

type key struct{}

// With returns ctx whose writes are recorded in l.
func With(ctx context.Context, l *Log) context.Context { return context.WithValue(ctx, key{}, l) }

// FromContext returns the log of ctx, or nil when its writes are not recorded.
func FromContext(ctx context.Context) *Log {
	l, _ := ctx.Value(key{}).(*Log)
	return l
}

// Created records a row created in table.
func (l *Log) Created(table string, id int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.changed[id] = true // a later change within the write is undone by the delete
	l.pending = append(l.pending, step{table: table, id: id})
}

// Changing records a row about to be changed: its current columns, read through q (the writing
// transaction), unless the log already holds its earlier state or created it.
func (l *Log) Changing(ctx context.Context, q Querier, table string, id int) error {
	l.mu.Lock()
	seen := l.changed[id]
	l.mu.Unlock()
	if seen {
		return nil
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf("SELECT * FROM %s WHERE id = %d", quote(table), id))
	if err != nil {
		return fmt.Errorf("undo log: read %s %d: %w", table, id, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("undo log: read %s %d: %w", table, id, err)
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return fmt.Errorf("undo log: read %s %d: %w", table, id, err)
		}
		return nil // nothing to change: the update will fail on its own
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return fmt.Errorf("undo log: read %s %d: %w", table, id, err)
	}
	for i, v := range vals {
		if b, ok := v.([]byte); ok {
			// Drivers reuse their buffers; text and JSON go back as text, which both dialects
			// cast to the column's type.
			vals[i] = string(b)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.changed[id] = true
	l.pending = append(l.pending, step{table: table, id: id, cols: cols, before: vals})
	return rows.Close()
}

// Mark begins a transaction: the steps before it are committed. It returns the log's
// position, for Truncate.
func (l *Log) Mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending, l.flushed = l.pending[:0], 0
	return l.seq
}

// Truncate forgets the steps of the transaction begun at mark: it rolled back, and the steps
// it had flushed with it.
func (l *Log) Truncate(mark int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.pending {
		delete(l.changed, s.id)
	}
	l.pending, l.flushed, l.seq = l.pending[:0], 0, mark
}

// flushRows bounds the rows of one insert into Table (five parameters each).
const flushRows = 500

// Flush writes the current transaction's steps to Table through ex, the transaction itself,
// one insert per flushRows steps.
func (l *Log) Flush(ctx context.Context, ex Execer) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.flushed < len(l.pending) {
		part := l.pending[l.flushed:min(len(l.pending), l.flushed+flushRows)]
		ins := entsql.Dialect(l.dialect).Insert(Table).Columns("job", "seq", "tbl", "row_id", "prior")
		for i, s := range part {
			var prior any
			if s.before != nil {
				p, err := encode(s.cols, s.before)
				if err != nil {
					return fmt.Errorf("undo log: %s %d: %w", s.table, s.id, err)
				}
				prior = p
			}
			ins.Values(l.job, l.seq+i, s.table, s.id, prior)
		}
		query, args := ins.Query()
		if _, err := ex.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("undo log: write steps: %w", err)
		}
		l.seq += len(part)
		l.flushed += len(part)
	}
	return nil
}

// Len is the number of steps recorded.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seq + len(l.pending) - l.flushed
}

// Counts tells what an undo did, by table: rows deleted (they had been created) and rows
// restored (they had been changed).
type Counts struct {
	Deleted, Restored map[string]int
}

// Tx runs fn in one committed transaction.
type Tx func(ctx context.Context, fn func(db DB) error) error

// Undo takes back every step of job kept in Table, last first, in transactions of at most
// perTx steps opened by tx, each deleting the steps it took back, so that other writers get
// their turn between them and an undo that stops half-way can be resumed. dialect is "sqlite3"
// or "postgres" (ent's names).
func Undo(ctx context.Context, dialect string, job, perTx int, tx Tx) (Counts, error) {
	counts := Counts{Deleted: map[string]int{}, Restored: map[string]int{}}
	if perTx <= 0 {
		perTx = 1000
	}
	for done := false; !done; {
		err := tx(ctx, func(db DB) error {
			steps, err := readSteps(ctx, db, dialect, job, perTx)
			if err != nil {
				return err
			}
			done = len(steps) < perTx
			if len(steps) == 0 {
				return nil
			}
			if err := undoSteps(ctx, db, dialect, steps, counts); err != nil {
				return err
			}
			query, args := entsql.Dialect(dialect).Delete(Table).
				Where(entsql.And(entsql.EQ("job", job), entsql.GTE("seq", steps[0].seq))).Query()
			if _, err := db.ExecContext(ctx, query, args...); err != nil {
				return fmt.Errorf("undo: forget the steps taken back: %w", err)
			}
			return nil
		})
		if err != nil {
			return counts, err
		}
	}
	return counts, nil
}

// storedStep is a step read back from Table.
type storedStep struct {
	step
	seq int
}

// readSteps reads job's last n steps, in order.
func readSteps(ctx context.Context, q Querier, dialect string, job, n int) ([]storedStep, error) {
	query, args := entsql.Dialect(dialect).Select("seq", "tbl", "row_id", "prior").From(entsql.Table(Table)).
		Where(entsql.EQ("job", job)).OrderBy(entsql.Desc("seq")).Limit(n).Query()
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("undo: read steps: %w", err)
	}
	defer rows.Close()
	var out []storedStep
	for rows.Next() {
		var (
			s     storedStep
			prior sql.NullString
		)
		if err := rows.Scan(&s.seq, &s.table, &s.id, &prior); err != nil {
			return nil, fmt.Errorf("undo: read steps: %w", err)
		}
		if prior.Valid {
			if s.cols, s.before, err = decode(prior.String); err != nil {
				return nil, fmt.Errorf("undo: %s %d: %w", s.table, s.id, err)
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("undo: read steps: %w", err)
	}
	// First first, as undoSteps takes them back from the end.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// undoSteps takes back steps, last first: runs of created rows of one table are deleted by one
// statement, changed rows are restored one by one.
func undoSteps(ctx context.Context, ex Execer, dialect string, steps []storedStep, counts Counts) error {
	for i := len(steps) - 1; i >= 0; {
		s := steps[i]
		if s.before != nil {
			q := entsql.Dialect(dialect).Update(s.table)
			for j, c := range s.cols {
				if c != "id" {
					q.Set(c, s.before[j])
				}
			}
			query, args := q.Where(entsql.EQ("id", s.id)).Query()
			if _, err := ex.ExecContext(ctx, query, args...); err != nil {
				return fmt.Errorf("undo: restore %s %d: %w", s.table, s.id, err)
			}
			counts.Restored[s.table]++
			i--
			continue
		}
		var ids []int
		for ; i >= 0 && steps[i].before == nil && steps[i].table == s.table && len(ids) < 500; i-- {
			ids = append(ids, steps[i].id)
		}
		query, args := entsql.Dialect(dialect).Delete(s.table).Where(entsql.InInts("id", ids...)).Query()
		if _, err := ex.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("undo: delete from %s: %w", s.table, err)
		}
		counts.Deleted[s.table] += len(ids)
	}
	return nil
}

// Row is a row of a table that a job created or changed, as its steps tell.
type Row struct {
	// ID is the row's id.
	ID int
	// Prior holds the row's columns before the job changed it; nil when the job created it.
	Prior map[string]any
}

// Rows returns the rows of table that job's kept steps created or changed, read through q.
func Rows(ctx context.Context, q Querier, dialect string, job int, table string) ([]Row, error) {
	query, args := entsql.Dialect(dialect).Select("row_id", "prior").From(entsql.Table(Table)).
		Where(entsql.And(entsql.EQ("job", job), entsql.EQ("tbl", table))).Query()
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("undo: read the rows of %s: %w", table, err)
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var (
			r     Row
			prior sql.NullString
		)
		if err := rows.Scan(&r.ID, &prior); err != nil {
			return nil, fmt.Errorf("undo: read the rows of %s: %w", table, err)
		}
		if prior.Valid {
			cols, vals, err := decode(prior.String)
			if err != nil {
				return nil, fmt.Errorf("undo: %s %d: %w", table, r.ID, err)
			}
			r.Prior = make(map[string]any, len(cols))
			for i, c := range cols {
				r.Prior[c] = vals[i]
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("undo: read the rows of %s: %w", table, err)
	}
	return out, nil
}

// Pending reports whether job has steps in Table, read through q.
func Pending(ctx context.Context, q Querier, dialect string, job int) (bool, error) {
	query, args := entsql.Dialect(dialect).Select("seq").From(entsql.Table(Table)).Where(entsql.EQ("job", job)).Limit(1).Query()
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("undo: read the steps of job %d: %w", job, err)
	}
	defer rows.Close()
	return rows.Next(), rows.Err()
}

// Jobs lists the jobs with steps in Table.
func Jobs(ctx context.Context, q Querier) ([]int, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT job FROM "+Table)
	if err != nil {
		return nil, fmt.Errorf("undo: list jobs: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("undo: list jobs: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// forgetRows bounds the steps one statement of Forget deletes.
const forgetRows = 5000

// Forget deletes the steps of job, a write that is kept, a bounded range of them per
// statement so that no statement holds the write lock long.
func Forget(ctx context.Context, db DB, dialect string, job int) error {
	query, args := entsql.Dialect(dialect).Select("MAX(seq)").From(entsql.Table(Table)).Where(entsql.EQ("job", job)).Query()
	var last sql.NullInt64
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("undo: forget the steps of job %d: %w", job, err)
	}
	if rows.Next() {
		err = rows.Scan(&last)
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("undo: forget the steps of job %d: %w", job, err)
	}
	for lo := int64(0); last.Valid && lo <= last.Int64; lo += forgetRows {
		query, args := entsql.Dialect(dialect).Delete(Table).
			Where(entsql.And(entsql.EQ("job", job), entsql.GTE("seq", lo), entsql.LT("seq", lo+forgetRows))).Query()
		if _, err := db.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("undo: forget the steps of job %d: %w", job, err)
		}
	}
	return nil
}

// quote quotes an identifier for both dialects.
func quote(name string) string { return `"` + name + `"` }

// Dialect tells the database q reads: "sqlite3" or "postgres" (ent's dialect names).
func Dialect(ctx context.Context, q Querier) string {
	rows, err := q.QueryContext(ctx, "SELECT sqlite_version()")
	if err != nil {
		return "postgres"
	}
	_ = rows.Close()
	return "sqlite3"
}
