package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
)

// backup runs `swtalent backup --out FILE`: a consistent online copy of the SQLite database,
// checked with PRAGMA integrity_check and row counts. The server may keep running meanwhile.
func backup(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout io.Writer) error {
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required: swtalent backup --out FILE")
	}
	db, _, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Backup(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s (%d bytes), integrity check ok\n", rep.Path, rep.Bytes)
	names := make([]string, 0, len(rep.Tables))
	for name := range rep.Tables {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(stdout, "  %-28s %d rows\n", name, rep.Tables[name])
	}
	fmt.Fprintln(stdout, "Keep the data key with the backup: without it the personal data cannot be read.")
	return nil
}
