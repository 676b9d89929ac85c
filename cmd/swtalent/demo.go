package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"

	"swtalent/internal/refdata"
	"swtalent/internal/synth"
)

// demoData runs `swtalent demo --scale county|province|national [--persons N] [--seed S]`: it
// fills an empty database with a synthetic dataset of the scale's shape (regions, agencies,
// service points, trainings, persons with certificates, registrations and training records),
// every record marked demo, and reports the rows written and the insert rate.
func demoData(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout io.Writer) error {
	scale := fs.String("scale", "county", "shape of the dataset: county, province or national")
	persons := fs.Int("persons", 0, "number of persons (default: the scale's: 250, 50,000 or 1,500,000)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same dataset")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *persons < 0 {
		return fmt.Errorf("--persons must not be negative")
	}
	top, err := refdata.TopRegionCode()
	if err != nil {
		return err
	}
	shape, err := synth.ShapeFor(*scale, top)
	if err != nil {
		return err
	}
	db, _, err := open.prepared(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "generating the %s dataset (seed %d)\n", shape.Name, *seed)
	rep, err := synth.Generate(ctx, db, synth.Options{Shape: shape, Persons: *persons, Seed: *seed, Progress: stdout})
	if err != nil {
		return err
	}
	names := make([]string, 0, len(rep.Rows))
	for name := range rep.Rows {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(stdout, "  %-28s %9d rows\n", name, rep.Rows[name])
	}
	fmt.Fprintf(stdout, "%d rows in %.1fs: %.0f rows/s\n", rep.Total, rep.Elapsed.Seconds(), rep.RowsPerSecond())
	// The dataset's top region follows from its regions; --top-region auto (the default) reads
	// it so, and indicators without a region code measure it.
	at, err := refdata.TopRegionIn(ctx, db.Client)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "top region: %s (what --top-region %s, the default, reads from these regions)\n", topName(at), refdata.TopRegionAuto)
	return nil
}

// topName describes a top region for the console: its code, or the whole country for "".
func topName(code string) string {
	if code == "" {
		return "the whole country"
	}
	return code
}
