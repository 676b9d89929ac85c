package synth

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"entgo.io/ent/dialect"

	"swtalent/internal/pgcopy"
)

// bulk writes rows with multi-row INSERT statements, or on PostgreSQL with COPY (package pgcopy)
// when there are copyMin rows or more, inside large transactions on one connection. It bypasses
// ent's per-row hooks (a uniqueness query per person would cost one round trip per row); the
// generator itself computes what the hooks would (encryption and keyed
// hashes through the same pii.Keyring, derived gender and birth date, registration due dates).
type bulk struct {
	conn    *sql.Conn
	dialect string
	tx      *pgcopy.Tx
	stmts   map[string]*sql.Stmt
	seqs    map[string]string // each table's id sequence (PostgreSQL)
	pending int               // rows written in the open transaction
	commit  int               // rows after which the transaction is committed
	rows    map[string]int
}

// newBulk starts the first transaction on conn.
func newBulk(ctx context.Context, conn *sql.Conn, dia string, commitEvery int) (*bulk, error) {
	b := &bulk{conn: conn, dialect: dia, commit: commitEvery, stmts: map[string]*sql.Stmt{}, seqs: map[string]string{}, rows: map[string]int{}}
	if err := b.begin(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *bulk) begin(ctx context.Context) error {
	tx, err := pgcopy.Begin(ctx, b.conn, nil)
	if err != nil {
		return err
	}
	b.tx, b.pending = tx, 0
	return nil
}

// flush commits the open transaction and starts the next one.
func (b *bulk) flush(ctx context.Context) error {
	for k, s := range b.stmts {
		s.Close()
		delete(b.stmts, k)
	}
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return b.begin(ctx)
}

// finish commits the last transaction.
func (b *bulk) finish() error {
	for _, s := range b.stmts {
		s.Close()
	}
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// abort rolls the open transaction back.
func (b *bulk) abort() {
	for _, s := range b.stmts {
		s.Close()
	}
	_ = b.tx.Rollback()
}

// table is a target table and the columns the generator fills.
type table struct {
	name string
	cols []string
}

// maxParams keeps a statement under SQLite's default limit of 32766 bound parameters.
const maxParams = 30000

// insert writes the rows (len(args) = rows × columns, row after row) and returns their new ids
// in order. Large inputs are split into statements below the parameter limit; the rest into
// statements of a power of two rows, so that a transaction prepares a few statement sizes per
// table (preparing a statement of thousands of placeholders costs about 10 ms) however the
// number of rows varies from call to call. On PostgreSQL copyMin rows or more are one COPY.
func (b *bulk) insert(ctx context.Context, t table, args []any) ([]int, error) {
	n := len(t.cols)
	if len(args)%n != 0 {
		return nil, fmt.Errorf("insert into %s: %d values for %d columns", t.name, len(args), n)
	}
	per := maxParams / n
	ids := make([]int, 0, len(args)/n)
	if b.tx.CanCopy() && len(args)/n >= copyMin {
		got, err := b.copyRows(ctx, t, len(args)/n, args)
		if err != nil {
			return nil, err
		}
		ids, args = got, nil
	}
	for len(args) > 0 {
		rows := len(args) / n
		if rows < per {
			rows = 1 << (bits.Len(uint(rows)) - 1)
		}
		rows = min(per, rows)
		got, err := b.insertRows(ctx, t, rows, args[:rows*n])
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
		args = args[rows*n:]
	}
	if b.pending >= b.commit {
		if err := b.flush(ctx); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// insertRows runs one multi-row statement. SQLite assigns consecutive ids in one statement of
// one writer (ent's own bulk create relies on the same), so the ids follow from the last one;
// PostgreSQL returns them.
func (b *bulk) insertRows(ctx context.Context, t table, rows int, args []any) ([]int, error) {
	stmt, err := b.stmt(ctx, t, rows)
	if err != nil {
		return nil, err
	}
	ids := make([]int, rows)
	if b.dialect == dialect.Postgres {
		rs, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("insert into %s: %w", t.name, err)
		}
		defer rs.Close()
		i := 0
		for rs.Next() {
			if i < rows {
				if err := rs.Scan(&ids[i]); err != nil {
					return nil, fmt.Errorf("insert into %s: %w", t.name, err)
				}
			}
			i++
		}
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("insert into %s: %w", t.name, err)
		}
		if i != rows {
			return nil, fmt.Errorf("insert into %s: %d ids returned for %d rows", t.name, i, rows)
		}
	} else {
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("insert into %s: %w", t.name, err)
		}
		last, err := res.LastInsertId()
		if err != nil {
			return nil, fmt.Errorf("insert into %s: %w", t.name, err)
		}
		for i := range ids {
			ids[i] = int(last) - rows + 1 + i
		}
	}
	b.pending += rows
	b.rows[t.name] += rows
	return ids, nil
}

// copyMin is the number of rows from which insert COPYs on PostgreSQL: a COPY costs three round
// trips (the ids, the table's column types, the rows) where a prepared INSERT costs one, so the
// regions, written a parent's children at a time, took 166 s by COPY at national scale.
const copyMin = 256

// copyRows writes rows rows into t with COPY (PostgreSQL) under ids drawn from t's id sequence,
// as the column default would draw them, and returns those ids.
func (b *bulk) copyRows(ctx context.Context, t table, rows int, args []any) ([]int, error) {
	seq, ok := b.seqs[t.name]
	if !ok {
		if err := b.tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence($1, 'id')", `"`+t.name+`"`).Scan(&seq); err != nil {
			return nil, fmt.Errorf("id sequence of %s: %w", t.name, err)
		}
		b.seqs[t.name] = seq
	}
	rs, err := b.tx.QueryContext(ctx, "SELECT nextval($1::regclass) FROM generate_series(1, $2)", seq, rows)
	if err != nil {
		return nil, fmt.Errorf("ids for %s: %w", t.name, err)
	}
	ids := make([]int, 0, rows)
	for rs.Next() {
		var id int
		if err := rs.Scan(&id); err != nil {
			rs.Close()
			return nil, fmt.Errorf("ids for %s: %w", t.name, err)
		}
		ids = append(ids, id)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("ids for %s: %w", t.name, err)
	}
	n := len(t.cols)
	vals := make([]any, 0, rows*(n+1))
	for i, id := range ids {
		vals = append(append(vals, id), args[i*n:(i+1)*n]...)
	}
	if _, err := b.tx.CopyFrom(ctx, t.name, append([]string{"id"}, t.cols...), vals); err != nil {
		return nil, err
	}
	b.pending += rows
	b.rows[t.name] += rows
	return ids, nil
}

// stmt prepares (once per transaction) the statement inserting rows rows into t.
func (b *bulk) stmt(ctx context.Context, t table, rows int) (*sql.Stmt, error) {
	key := t.name + "/" + strconv.Itoa(rows)
	if s := b.stmts[key]; s != nil {
		return s, nil
	}
	s, err := b.tx.PrepareContext(ctx, b.query(t, rows))
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", t.name, err)
	}
	b.stmts[key] = s
	return s, nil
}

// query builds the INSERT statement in the dialect's quoting and placeholders.
func (b *bulk) query(t table, rows int) string {
	q := func(s string) string { return "`" + s + "`" }
	if b.dialect == dialect.Postgres {
		q = func(s string) string { return `"` + s + `"` }
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + q(t.name) + " (")
	for i, c := range t.cols {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(q(c))
	}
	sb.WriteString(") VALUES ")
	p := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for c := range t.cols {
			if c > 0 {
				sb.WriteByte(',')
			}
			p++
			if b.dialect == dialect.Postgres {
				sb.WriteString("$" + strconv.Itoa(p))
			} else {
				sb.WriteByte('?')
			}
		}
		sb.WriteByte(')')
	}
	if b.dialect == dialect.Postgres {
		sb.WriteString(` RETURNING "id"`)
	}
	return sb.String()
}

// setInts sets the integer column col of the rows ids of t to vals, a thousand rows a statement
// (UPDATE … SET col = CASE id WHEN … END WHERE id IN (…)).
func (b *bulk) setInts(ctx context.Context, t string, col string, ids, vals []int) error {
	q := func(s string) string { return "`" + s + "`" }
	if b.dialect == dialect.Postgres {
		q = func(s string) string { return `"` + s + `"` }
	}
	for len(ids) > 0 {
		n := min(1000, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 3*n)
		p := 0
		ph := func() string {
			p++
			if b.dialect == dialect.Postgres {
				return "$" + strconv.Itoa(p)
			}
			return "?"
		}
		sb.WriteString("UPDATE " + q(t) + " SET " + q(col) + " = CASE " + q("id"))
		for i := range n {
			sb.WriteString(" WHEN " + ph() + " THEN CAST(" + ph() + " AS INTEGER)")
			args = append(args, ids[i], vals[i])
		}
		sb.WriteString(" END WHERE " + q("id") + " IN (")
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(ph())
			args = append(args, ids[i])
		}
		sb.WriteByte(')')
		if _, err := b.tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("update %s.%s: %w", t, col, err)
		}
		ids, vals = ids[n:], vals[n:]
	}
	return nil
}
