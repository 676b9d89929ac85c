// Package undo keeps the undo log of a write that commits in several transactions (an import
// job): the rows it created, and the rows it changed as they were before its first change, so
// that a job that fails or is cancelled half-way can be taken back and leave the tables as they
// were. The log lives in the context of the writes; an ent hook on every entity (ent/schema)
// fills it, so kinds and hooks need not know about it.
//
// Lifecycle: New, then With(ctx) for every write transaction; Mark before a transaction and
// Truncate to the mark when it rolls back (its rows are gone and must not be undone); Undo when
// the whole write is abandoned. A Log is safe for use by one writer and concurrent readers of Len.
package undo

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	entsql "entgo.io/ent/dialect/sql"
)

// Execer runs a statement: *sql.Tx or an ent client with FeatureExecQuery.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Querier reads: *sql.Tx or an ent client with FeatureExecQuery.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// step is one undoable change: a created row (before == nil) or a changed row and its columns'
// values before the change.
type step struct {
	table  string
	id     int
	cols   []string
	before []any
}

// Log is the undo log of one write.
type Log struct {
	mu      sync.Mutex
	steps   []step
	changed map[int]bool // rows created or whose before-image is kept (the first is the one to restore)
}

// New returns an empty log.
func New() *Log { return &Log{changed: map[int]bool{}} }

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
	l.steps = append(l.steps, step{table: table, id: id})
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
	l.steps = append(l.steps, step{table: table, id: id, cols: cols, before: vals})
	return rows.Close()
}

// Mark returns the log's position, for Truncate.
func (l *Log) Mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.steps)
}

// Truncate forgets the steps after mark: their transaction rolled back.
func (l *Log) Truncate(mark int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.steps[mark:] {
		delete(l.changed, s.id)
	}
	l.steps = l.steps[:mark]
}

// Len is the number of steps recorded.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.steps)
}

// Counts tells what an undo did, by table: rows deleted (they had been created) and rows
// restored (they had been changed).
type Counts struct {
	Deleted, Restored map[string]int
}

// Tx runs fn in one committed transaction.
type Tx func(ctx context.Context, fn func(ex Execer) error) error

// Undo takes every step back, last first, in transactions of at most perTx steps opened by tx,
// so that other writers get their turn between them. dialect is "sqlite3" or "postgres" (ent's
// names). The log is empty afterwards.
func (l *Log) Undo(ctx context.Context, dialect string, perTx int, tx Tx) (Counts, error) {
	l.mu.Lock()
	steps := l.steps
	l.mu.Unlock()
	counts := Counts{Deleted: map[string]int{}, Restored: map[string]int{}}
	if perTx <= 0 {
		perTx = 1000
	}
	for end := len(steps); end > 0; {
		start := max(0, end-perTx)
		part := steps[start:end]
		err := tx(ctx, func(ex Execer) error { return undoSteps(ctx, ex, dialect, part, counts) })
		if err != nil {
			return counts, err
		}
		l.mu.Lock()
		l.steps = l.steps[:start]
		l.mu.Unlock()
		end = start
	}
	l.mu.Lock()
	l.changed = map[int]bool{}
	l.mu.Unlock()
	return counts, nil
}

// undoSteps takes back steps, last first: runs of created rows of one table are deleted by one
// statement, changed rows are restored one by one.
func undoSteps(ctx context.Context, ex Execer, dialect string, steps []step, counts Counts) error {
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
