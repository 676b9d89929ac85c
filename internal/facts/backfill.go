package facts

import (
	"context"
	"fmt"
	"io"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/certifiedspan"
)

// spanColumns are the columns Backfill and the bulk loaders fill, in the order of Rows' values.
var spanColumns = []string{certifiedspan.FieldPersonID, certifiedspan.FieldRegionCode, certifiedspan.FieldLevel,
	certifiedspan.FieldFromOn, certifiedspan.FieldUntilOn}

// SpanTable names the table and columns of the kept spans, for bulk loaders that write rows
// themselves (the generator); Rows gives the values of one person's spans in this column order.
func SpanTable() (string, []string) { return certifiedspan.Table, spanColumns }

// Rows returns the values of the person's kept spans, row after row, in SpanTable's column order.
func Rows(personID int, k Kept) []any {
	var region any
	if k.Region != "" {
		region = k.Region
	}
	out := make([]any, 0, len(k.Spans)*len(spanColumns))
	for _, s := range k.Spans {
		var until any
		if s.Until != nil {
			until = *s.Until
		}
		out = append(out, personID, region, string(s.Level), s.From, until)
	}
	return out
}

// insertBatch is the number of span rows per INSERT statement: 5 values each, under SQLite's
// limit of 32,766 bound values.
const insertBatch = 5000

// Backfill replaces every kept span with the spans the rule gives the registers: the data
// upgrade that fills the fact for a database written before it was kept, or after a bulk load
// that wrote the registers alone. It reads and writes sweepChunk persons at a time and, when
// progress is not nil, reports each round. Running it again gives the same rows.
func Backfill(ctx context.Context, db DB, b *entsql.DialectBuilder, progress io.Writer) error {
	start := time.Now()
	q, args := b.Delete(certifiedspan.Table).Query()
	if _, err := db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("backfill certified spans: %w", err)
	}
	var persons, spans int
	err := sweep(ctx, db, b, func(c chunk) error {
		var vals []any
		for id, k := range c.Want {
			vals = append(vals, Rows(id, k)...)
		}
		n, err := insertRows(ctx, db, b, vals)
		if err != nil {
			return err
		}
		persons, spans = persons+c.Persons, spans+n
		if progress != nil && c.Persons > 0 {
			fmt.Fprintf(progress, "  certified spans: %d persons, %d spans in %.1fs\n", persons, spans, time.Since(start).Seconds())
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("backfill certified spans: %w", err)
	}
	return nil
}

// insertRows writes span rows (values in SpanTable's column order) with multi-row INSERTs and
// returns the number of rows.
func insertRows(ctx context.Context, db DB, b *entsql.DialectBuilder, vals []any) (int, error) {
	n := len(spanColumns)
	rows := len(vals) / n
	for len(vals) > 0 {
		k := min(insertBatch, len(vals)/n)
		ins := b.Insert(certifiedspan.Table).Columns(spanColumns...)
		for i := 0; i < k; i++ {
			ins.Values(vals[i*n : (i+1)*n]...)
		}
		q, args := ins.Query()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return 0, fmt.Errorf("write certified spans: %w", err)
		}
		vals = vals[k*n:]
	}
	return rows, nil
}
