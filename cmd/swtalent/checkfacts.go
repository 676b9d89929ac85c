package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/internal/facts"
)

// errFactsDiffer is the answer of check-facts when a kept fact differs from the registers.
var errFactsDiffer = errors.New("kept facts differ from the registers")

// checkFacts runs `swtalent check-facts`: it recomputes every kept fact from the registers and
// reports each difference; it fails (exit status 1) when there is one. It changes nothing.
func checkFacts(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout io.Writer) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	db, _, err := open.prepared(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		return err
	}
	for _, d := range rep.Differences {
		fmt.Fprintln(stdout, d)
	}
	for _, f := range rep.Facts {
		fmt.Fprintf(stdout, "%s: %d spans of weight %d, %d differ\n", f.Fact, f.Spans, f.Weight, f.Differing)
	}
	fmt.Fprintf(stdout, "kept columns: %d rows, %d differ\n", rep.Rows, rep.RowsDiffer)
	fmt.Fprintf(stdout, "kept facts: %d persons, %d differ\n", rep.Persons, rep.Differing)
	if rep.Differing > 0 {
		return errFactsDiffer
	}
	return nil
}
