package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"swtalent/ent/privacy"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/sheet"
	"swtalent/internal/transfer"
	"swtalent/modules"
)

// importSheet runs `swtalent import KIND FILE [--dry-run] [--encoding utf-8|gb18030]`: the file is
// checked row by row and written all or nothing, a batch per transaction so that a running
// server's writers go on meanwhile (interrupted, the command takes back what it wrote); a
// progress bar on a terminal follows each phase; the report goes to stdout, and the command
// fails when any row is refused.
func importSheet(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout, stderr io.Writer) error {
	dryRun := fs.Bool("dry-run", false, "check the file, write nothing")
	encoding := fs.String("encoding", "", "encoding of a CSV file: utf-8 or gb18030 (default: detected)")
	kindName, file, err := kindAndFile(fs, args, "usage: swtalent import KIND FILE [--dry-run] [--encoding utf-8|gb18030]")
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	db, cfg, err := open.prepared(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	reg := graph.NewResolver(cfg).Sheets()
	k := reg.Lookup(kindName)
	if k == nil || !k.Importable() {
		return fmt.Errorf("cannot import %q (kinds: %s)", kindName, strings.Join(reg.Names(true), ", "))
	}
	r, err := sheet.Open(f, sheet.Options{Encoding: *encoding})
	if err != nil {
		return err
	}
	defer r.Close()
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	if _, err := transfer.Recover(sys, cfg.Client); err != nil {
		return err
	}
	rep, err := transfer.Import(sys, cfg.Client, k, r,
		transfer.ImportOptions{DryRun: *dryRun, Today: cfg.Today(), Progress: newProgress(stderr)})
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: the rows written were taken back, nothing was kept")
	}
	if err != nil {
		return err
	}
	printReport(stdout, rep)
	if !rep.OK() {
		return fmt.Errorf("%d rows refused: nothing was written", len(rep.Errors)+rep.MoreErrors)
	}
	return nil
}

// printReport writes an import report for a clerk.
func printReport(w io.Writer, rep *transfer.Report) {
	for _, e := range rep.Errors {
		fmt.Fprintln(w, e.String())
	}
	if rep.MoreErrors > 0 {
		fmt.Fprintf(w, "…还有 %d 处错误 / %d more errors\n", rep.MoreErrors, rep.MoreErrors)
	}
	if len(rep.IgnoredColumns) > 0 {
		fmt.Fprintf(w, "未识别的列（已忽略）/ ignored columns: %s\n", strings.Join(rep.IgnoredColumns, ", "))
	}
	state := "已写入 / written"
	switch {
	case !rep.OK():
		state = "未写入任何数据 / nothing written"
	case rep.DryRun:
		state = "试运行，未写入 / dry run, nothing written"
	}
	fmt.Fprintf(w, "%s: %d 行 rows, 新增 created %d, 更新 updated %d, 未变 unchanged %d — %s\n",
		rep.Kind, rep.Rows, rep.Created, rep.Updated, rep.Unchanged, state)
}

// exportSheet runs `swtalent export KIND --out FILE [--format xlsx|csv] [--as-of DATE] [--reveal --reason TEXT]`.
func exportSheet(ctx context.Context, fs *flag.FlagSet, open opener, args []string, stdout io.Writer) error {
	out := fs.String("out", "", "file to write")
	format := fs.String("format", "", "xlsx or csv (default: from --out's extension)")
	reveal := fs.Bool("reveal", false, "show personal data in full (audited; give --reason)")
	reason := fs.String("reason", "", "why personal data is revealed")
	asOf := fs.String("as-of", "", "day a report is taken (YYYY-MM-DD; default today; the payroll is of the last complete month before it)")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: swtalent export KIND --out FILE [--format xlsx|csv] [--as-of DATE] [--reveal --reason TEXT]")
	}
	kindName := args[0]
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required")
	}
	ft, err := formatFor(*format, *out)
	if err != nil {
		return err
	}
	var day *civil.Date
	if *asOf != "" {
		d, err := civil.ParseDate(*asOf)
		if err != nil {
			return fmt.Errorf("--as-of: %w", err)
		}
		day = &d
	}
	db, cfg, err := open.prepared(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	reg := graph.NewResolver(cfg).Sheets()
	k := reg.Lookup(kindName)
	if k == nil || !k.Exportable() {
		return fmt.Errorf("cannot export %q (kinds: %s)", kindName, strings.Join(reg.Names(false), ", "))
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w, err := sheet.NewWriter(f, ft, k.TitleZH)
	if err != nil {
		f.Close()
		return err
	}
	n, err := transfer.Export(privacy.DecisionContext(ctx, privacy.Allow), cfg.Client, k, w,
		transfer.ExportOptions{Reveal: *reveal, Reason: *reason, Today: cfg.AsOf(day)})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(stdout, "%s: %d 行 rows → %s\n", k.Name, n, *out)
	return nil
}

// template runs `swtalent template KIND --out FILE`: a blank sheet with the headers and one
// example row. It needs no database.
func template(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	out := fs.String("out", "", "file to write (.xlsx or .csv)")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: swtalent template KIND --out FILE")
	}
	kindName := args[0]
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required")
	}
	reg := graph.NewResolver(noDBConfig()).Sheets()
	k := reg.Lookup(kindName)
	if k == nil || !k.Importable() {
		return fmt.Errorf("no template for %q (kinds: %s)", kindName, strings.Join(reg.Names(true), ", "))
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	w, err := sheet.NewWriter(f, sheet.FormatOf(*out), k.TitleZH)
	if err == nil {
		err = transfer.Template(k, w)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s template → %s\n", k.Name, *out)
	for _, line := range transfer.Describe(k) {
		fmt.Fprintln(stdout, "  "+line)
	}
	return nil
}

// kindAndFile reads KIND FILE and the flags, in any order after KIND.
func kindAndFile(fs *flag.FlagSet, args []string, usage string) (string, string, error) {
	var pos []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return "", "", err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 2 {
		return "", "", errors.New(usage)
	}
	return pos[0], pos[1], nil
}

// formatFor is the --format flag, else the format of the file name.
func formatFor(flagValue, file string) (sheet.Format, error) {
	if flagValue != "" {
		return sheet.ParseFormat(flagValue)
	}
	return sheet.FormatOf(file), nil
}

// barProgress shows a progress bar (rows/s, ETA) on a terminal.
type barProgress struct {
	out io.Writer
	bar *progressbar.ProgressBar
}

// newProgress returns a progress bar on stderr when it is a terminal, else nothing.
func newProgress(stderr io.Writer) transfer.Progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &barProgress{out: stderr}
}

// Start shows a new bar for a phase; total -1 shows a spinner with the rate.
func (p *barProgress) Start(phase string, total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.out),
		progressbar.OptionSetDescription(phase),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100e6),
		progressbar.OptionClearOnFinish(),
	)
}

// Add advances the bar.
func (p *barProgress) Add(n int) { _ = p.bar.Add(n) }

// Finish completes the bar.
func (p *barProgress) Finish() { _ = p.bar.Finish() }

// noDBConfig is the module configuration of commands without a database (template).
func noDBConfig() modules.Config {
	return modules.Config{Today: func() civil.Date { return civil.Today(civil.CST()) }}
}
