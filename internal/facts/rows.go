package facts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	entdialect "entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/allowancepayment"
	"swtalent/ent/examapplication"
	"swtalent/ent/recognition"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/validate"
)

// Kept columns. A register whose rows name a person also keeps, on each row, what the indicators
// filter those rows by, so that a count in a region subtree is a range of one index instead of a
// probe of the person (or of their spans) per row:
//
//   - workplace_code: the person's workplace region code, the code their spans are filed under
//     (Kept.Region; empty when none, or when the row names no person);
//   - due (allowance payments): the payee was due the allowance for the payment's month, a
//     certified community worker on its last day: the fact CERTIFIED_COMMUNITY holds then ([Due]).
//
// They are computed from the same Kept as the spans, by the same paths: the hooks' refresh for
// every person it refreshes (whether or not their spans moved, so a move of workplace moves
// their rows), the data upgrade (BackfillRows) and Check. A hook that creates such a row, or
// points it at another person, touches the person (ent/schema/facts_hooks.go).

// linked is a register whose rows name a person and keep columns of the person's facts.
type linked struct {
	table, id, person string // the table, its id column and its column naming the person
	month             string // the month column, for a register that keeps due ("" for none)
}

// linkedTables are the registers with kept columns.
var linkedTables = []linked{
	{table: examapplication.Table, id: examapplication.FieldID, person: examapplication.PersonColumn},
	{table: allowancepayment.Table, id: allowancepayment.FieldID, person: allowancepayment.FieldPersonID, month: allowancepayment.FieldMonth},
	{table: recognition.Table, id: recognition.FieldID, person: recognition.PersonColumn},
}

// The kept columns' names, the same in every linked table.
const (
	workplaceColumn = examapplication.FieldWorkplaceCode
	dueColumn       = allowancepayment.FieldDue
)

// Due reports whether a person with kept facts k was due the professional allowance for month m:
// a certified community worker on its last day (workforce.CertifiedCommunityWorkerAt is the
// reference of the fact).
func Due(k Kept, m civil.Month) bool {
	last := m.Last()
	return slices.ContainsFunc(k.Spans[enum.FactCertifiedCommunity], func(s factdata.Span) bool { return s.Covers(last) })
}

// RowValues returns the values of the kept columns of a row of table naming a person with kept
// facts k (and, for a register that keeps due, of month m), in the order of the table's kept
// columns ([RowColumns]): for the generator, which writes rows itself.
func RowValues(table string, k Kept, m civil.Month) []any {
	var code any
	if k.Region != "" {
		code = k.Region
	}
	for _, l := range linkedTables {
		if l.table == table && l.month != "" {
			return []any{code, Due(k, m)}
		}
	}
	return []any{code}
}

// RowColumns returns the kept columns of table (none for a table without), in RowValues' order.
func RowColumns(table string) []string {
	for _, l := range linkedTables {
		if l.table == table {
			if l.month != "" {
				return []string{workplaceColumn, dueColumn}
			}
			return []string{workplaceColumn}
		}
	}
	return nil
}

// RowDifference is a row whose kept columns differ from those its person's facts give.
type RowDifference struct {
	Table              string
	ID, PersonID       int // PersonID 0: the row names no person
	KeptCode, WantCode string
	KeptDue, WantDue   bool
}

// String describes the difference for the console.
func (d RowDifference) String() string {
	show := func(code string, due bool, hasDue bool) string {
		if code == "" {
			code = "no region"
		}
		if hasDue {
			return fmt.Sprintf("%s, due %t", code, due)
		}
		return code
	}
	hasDue := d.KeptDue || d.WantDue
	return fmt.Sprintf("kept columns of %s %d (person %d): kept %s, facts give %s", d.Table, d.ID, d.PersonID,
		show(d.KeptCode, d.KeptDue, hasDue), show(d.WantCode, d.WantDue, hasDue))
}

// rowValue is what a row keeps: the workplace code ("" for none) and due.
type rowValue struct {
	code string
	due  bool
}

// keepRows compares the kept columns of the linked rows whose person column satisfies personIn
// with those the persons' kept facts want give (a person absent from want: no region, never
// due), calls differ (when not nil) for each row that differs and, when fix, writes the wanted
// values. It returns the number of rows read.
func keepRows(ctx context.Context, db DB, b *entsql.DialectBuilder, want map[int]Kept, personIn func(col string) *entsql.Predicate,
	fix bool, differ func(RowDifference)) (int, error) {
	read := 0
	for _, l := range linkedTables {
		cols := []string{l.id, l.person, workplaceColumn}
		if l.month != "" {
			cols = append(cols, l.month, dueColumn)
		}
		q, args := b.Select(cols...).From(b.Table(l.table)).Where(personIn(l.person)).Query()
		fixes := map[rowValue][]int{}
		err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
			var (
				id, person int
				code       sql.NullString
				month      civil.Month
				due        bool
			)
			dest := []any{&id, &person, &code}
			if l.month != "" {
				dest = append(dest, &month, &due)
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			read++
			k := want[person]
			w := rowValue{code: k.Region}
			if l.month != "" {
				w.due = Due(k, month)
			}
			if (rowValue{code.String, due}) == w {
				return nil
			}
			if differ != nil {
				differ(RowDifference{Table: l.table, ID: id, PersonID: person, KeptCode: code.String, WantCode: w.code, KeptDue: due, WantDue: w.due})
			}
			fixes[w] = append(fixes[w], id)
			return nil
		})
		if err != nil {
			return read, fmt.Errorf("read kept columns of %s: %w", l.table, err)
		}
		if fix {
			if err := writeRows(ctx, db, b, l, fixes); err != nil {
				return read, err
			}
		}
	}
	return read, nil
}

// rowBatch is the number of rows per UPDATE of writeRows: three values each, under SQLite's
// limit of 32,766 bound values and PostgreSQL's of 65,535.
const rowBatch = 5000

// writeRows sets the kept columns of the rows of l listed under each value: one UPDATE … FROM
// (VALUES …) per rowBatch rows (SQLite 3.33 and PostgreSQL), so that the upgrade of a national
// database writes millions of rows in a few thousand statements.
func writeRows(ctx context.Context, db DB, b *entsql.DialectBuilder, l linked, fixes map[rowValue][]int) error {
	type row struct {
		id int
		v  rowValue
	}
	var all []row
	for v, ids := range fixes {
		for _, id := range ids {
			all = append(all, row{id, v})
		}
	}
	slices.SortFunc(all, func(a, b row) int { return a.id - b.id })
	param := func(n int) string { return "?" }
	if b.Select().Dialect() == entdialect.Postgres {
		param = func(n int) string { return "$" + strconv.Itoa(n) }
	}
	for len(all) > 0 {
		part := all[:min(rowBatch, len(all))]
		all = all[len(part):]
		var (
			q    strings.Builder
			args []any
		)
		q.WriteString("UPDATE " + l.table + " SET " + workplaceColumn + " = v.column2")
		if l.month != "" {
			q.WriteString(", " + dueColumn + " = v.column3")
		}
		q.WriteString(" FROM (VALUES ")
		for i, r := range part {
			if i > 0 {
				q.WriteString(", ")
			}
			var code any
			if r.v.code != "" {
				code = r.v.code
			}
			args = append(args, r.id, code, r.v.due)
			n := len(args)
			// The casts give PostgreSQL the types of the VALUES' columns (text otherwise).
			fmt.Fprintf(&q, "(CAST(%s AS BIGINT), CAST(%s AS VARCHAR), CAST(%s AS BOOLEAN))", param(n-2), param(n-1), param(n))
		}
		q.WriteString(") AS v WHERE " + l.table + "." + l.id + " = v.column1")
		if _, err := db.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("write kept columns of %s: %w", l.table, err)
		}
	}
	return nil
}

// keepRowsWithoutPerson compares the kept columns of the linked rows that name no person (a
// recognition of an agency or a project) with none, calls differ for each that keeps something
// and, when fix, clears them.
func keepRowsWithoutPerson(ctx context.Context, db DB, b *entsql.DialectBuilder, fix bool, differ func(RowDifference)) error {
	for _, l := range linkedTables {
		kept := entsql.And(entsql.IsNull(l.person), entsql.NotNull(workplaceColumn))
		if l.month != "" {
			kept = entsql.And(entsql.IsNull(l.person), entsql.Or(entsql.NotNull(workplaceColumn), entsql.EQ(dueColumn, true)))
		}
		if differ != nil {
			cols := []string{l.id, workplaceColumn}
			q, args := b.Select(cols...).From(b.Table(l.table)).Where(kept).Query()
			err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
				var (
					id   int
					code sql.NullString
				)
				if err := rows.Scan(&id, &code); err != nil {
					return err
				}
				differ(RowDifference{Table: l.table, ID: id, KeptCode: code.String})
				return nil
			})
			if err != nil {
				return fmt.Errorf("read kept columns of %s: %w", l.table, err)
			}
		}
		if fix {
			u := b.Update(l.table).SetNull(workplaceColumn)
			if l.month != "" {
				u.Set(dueColumn, false)
			}
			q, args := u.Where(kept).Query()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("clear kept columns of %s: %w", l.table, err)
			}
		}
	}
	return nil
}

// BackfillRows sets the kept columns of every linked row from the registers (the data upgrade
// for a database written before they were kept, e.g. by an earlier build), reading sweepChunk
// persons at a time and reporting each round to progress when it is not nil. Running it again
// changes nothing.
func BackfillRows(ctx context.Context, db DB, dialect string, progress io.Writer) error {
	start := time.Now()
	persons, rows := 0, 0
	b := entsql.Dialect(dialect)
	err := sweep(ctx, db, b, func(c chunk) error {
		n, err := keepRows(ctx, db, b, c.Want, inChunk(c), true, func(RowDifference) { rows++ })
		if err != nil {
			return err
		}
		persons += c.Persons
		if progress != nil && (c.Persons > 0 || n > 0) {
			fmt.Fprintf(progress, "  kept columns: %d persons, %d rows set in %.1fs\n", persons, rows, time.Since(start).Seconds())
		}
		return nil
	})
	if err == nil {
		err = keepRowsWithoutPerson(ctx, db, b, true, nil)
	}
	if err == nil {
		err = analyze(ctx, db, dialect, linkedTableNames()...)
	}
	if err != nil {
		return fmt.Errorf("backfill kept columns: %w", err)
	}
	return nil
}

// inChunk holds for person ids in the chunk's range (After, Last].
func inChunk(c chunk) func(col string) *entsql.Predicate {
	return func(col string) *entsql.Predicate {
		return entsql.And(entsql.GT(col, c.After), entsql.LTE(col, c.Last))
	}
}

// linkedTableNames are the names of the linked tables.
func linkedTableNames() []string {
	out := make([]string, len(linkedTables))
	for i, l := range linkedTables {
		out[i] = l.table
	}
	return out
}

// WorkplaceIn holds for the rows of a register with kept columns (examapplication, allowancepayment,
// recognition) that name a person working in the region subtree of code ("" = every row, those of
// people without a workplace and rows naming nobody included), as workforce.WorksIn does for the
// persons themselves: a range of the kept workplace code, read through an index.
func WorkplaceIn(code string) func(*entsql.Selector) {
	if code == "" {
		return func(*entsql.Selector) {}
	}
	lo, hi := validate.RegionSubtreeRange(code)
	return func(s *entsql.Selector) {
		s.Where(entsql.And(entsql.GTE(s.C(workplaceColumn), lo), entsql.LT(s.C(workplaceColumn), hi)))
	}
}
