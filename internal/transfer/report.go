package transfer

import (
	"fmt"
	"strings"

	"swtalent/internal/apperr"
)

// MaxReportedErrors caps the errors a report lists; the rest are only counted.
const MaxReportedErrors = 1000

// Report is the outcome of an import, the same for the command line and the HTTP endpoint.
type Report struct {
	// Kind is the kind imported.
	Kind string `json:"kind"`
	// DryRun is set when nothing was to be written.
	DryRun bool `json:"dryRun"`
	// Rows is the number of data rows read (blank rows skipped).
	Rows int `json:"rows"`
	// Created, Updated and Unchanged count the records by what the import did (or, in a dry
	// run or a refused file, would have done as far as it got).
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Committed is set when the records were written.
	Committed bool `json:"committed"`
	// IgnoredColumns are headers no column of the kind claims.
	IgnoredColumns []string `json:"ignoredColumns,omitempty"`
	// Errors lists the invalid rows; any error means nothing was written.
	Errors []RowError `json:"errors"`
	// MoreErrors counts errors beyond MaxReportedErrors.
	MoreErrors int `json:"moreErrors,omitempty"`
	// onError is told about each error as it is added (ImportOptions.OnError).
	onError func(RowError)
}

// OK reports whether the file had no error.
func (r *Report) OK() bool { return len(r.Errors) == 0 && r.MoreErrors == 0 }

// RowError is one refused cell or row.
type RowError struct {
	// Row is the sheet row number (the header's number for a header problem).
	Row int `json:"row"`
	// Column is the column's header as the kind names it ("" for the whole row).
	Column string `json:"column,omitempty"`
	// Value is the cell's text, masked when personal.
	Value string `json:"value,omitempty"`
	// Code is the error code (BAD_USER_INPUT, CONFLICT …).
	Code string `json:"code"`
	// Message is bilingual: "中文 / English".
	Message string `json:"message"`
}

// String formats the error as one line for a terminal.
func (e RowError) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "第 %d 行 row %d", e.Row, e.Row)
	if e.Column != "" {
		fmt.Fprintf(&b, " [%s]", e.Column)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// add appends an error unless the cap is reached.
func (r *Report) add(e RowError) {
	if r.onError != nil {
		r.onError(e)
	}
	if len(r.Errors) >= MaxReportedErrors {
		r.MoreErrors++
		return
	}
	r.Errors = append(r.Errors, e)
}

// full reports whether the cap is reached.
func (r *Report) full() bool { return len(r.Errors) >= MaxReportedErrors }

// recordError is an error of one record of a batch.
type recordError struct {
	index int
	err   error
}

// Error names the record and the error.
func (e *recordError) Error() string { return fmt.Sprintf("record %d: %v", e.index, e.err) }

// Unwrap returns the record's error.
func (e *recordError) Unwrap() error { return e.err }

// At marks err as the error of the i-th record of a batch (Resolve and Write errors).
func At(i int, err error) error {
	if err == nil {
		return nil
	}
	return &recordError{index: i, err: err}
}

// leaves flattens joined errors.
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// userError reports whether err is a user's mistake (an apperr other than INTERNAL), which a
// report lists, rather than a failure that aborts the import.
func userError(err error) (*apperr.Error, bool) {
	ae, ok := apperr.As(err)
	if !ok || ae.Code == apperr.CodeInternal {
		return nil, false
	}
	return ae, true
}

// rowError turns a user error about a record's row into a report line, naming the column the
// error's field belongs to and its (masked) value.
func rowError(k *Kind, row Row, ae *apperr.Error) RowError {
	out := RowError{Row: row.Number, Code: string(ae.Code), Message: ae.Error()}
	if c := columnOf(k, ae.Field); c != nil {
		out.Column = c.ZH
		out.Value = row.Get(c.Key)
		if c.Mask != nil && out.Value != "" {
			out.Value = c.Mask(out.Value)
		}
	}
	return out
}

// columnOf finds the column an error field names: the column key itself, one of a column's
// Fields, or the last part of a nested field (input[2].idNumber, results[0].paper).
func columnOf(k *Kind, field string) *Column {
	if field == "" {
		return nil
	}
	candidates := []string{field}
	if i := strings.LastIndex(field, "."); i >= 0 {
		candidates = append(candidates, field[i+1:])
	}
	if i := strings.Index(field, "["); i > 0 {
		candidates = append(candidates, field[:i])
	}
	for _, f := range candidates {
		for i := range k.Columns {
			c := &k.Columns[i]
			if c.Key == f || containsFold(c.Fields, f) {
				return c
			}
		}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
