package refdata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// table is a parsed CSV file whose columns are looked up by header name.
type table struct {
	file string
	cols map[string]int
	rows []tableRow
}

// tableRow is one data record of a table with the line it starts on.
type tableRow struct {
	line   int
	fields []string
}

// readTable parses the embedded CSV file (see parseTable).
func readTable(file string, required ...string) (*table, error) {
	b, err := File(file)
	if err != nil {
		return nil, err
	}
	return parseTable(file, b, required...)
}

// parseTable parses CSV data named file and checks that its header names every column in
// required; a missing column is an error naming it. A leading byte-order mark is ignored and
// surrounding spaces of fields are trimmed.
func parseTable(file string, b []byte, required ...string) (*table, error) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: read header: %w", file, err)
	}
	t := &table{file: file, cols: make(map[string]int, len(header))}
	for i, h := range header {
		t.cols[strings.TrimSpace(h)] = i
	}
	for _, name := range required {
		if _, ok := t.cols[name]; !ok {
			return nil, fmt.Errorf("%s: missing column %q", file, name)
		}
	}
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		t.rows = append(t.rows, tableRow{line: line, fields: fields})
	}
	return t, nil
}

// get returns the value of the named column in row (a column checked by readTable).
func (t *table) get(row tableRow, col string) string {
	return row.fields[t.cols[col]]
}

// errorf reports a problem with a row, naming the file and line.
func (t *table) errorf(row tableRow, format string, args ...any) error {
	return fmt.Errorf("%s line %d: %s", t.file, row.line, fmt.Sprintf(format, args...))
}

// wrapf reports a problem with a row caused by err, naming the file and line.
func (t *table) wrapf(row tableRow, err error, format string, args ...any) error {
	return fmt.Errorf("%s line %d: %s: %w", t.file, row.line, fmt.Sprintf(format, args...), err)
}

// required returns the value of the named column, or an error if it is empty.
func (t *table) required(row tableRow, col string) (string, error) {
	v := t.get(row, col)
	if v == "" {
		return "", t.errorf(row, "empty %s", col)
	}
	return v, nil
}

// requiredAll returns the values of the named columns in order, or an error naming the first
// empty one.
func (t *table) requiredAll(row tableRow, cols ...string) ([]string, error) {
	vals := make([]string, len(cols))
	for i, col := range cols {
		v, err := t.required(row, col)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// comparator returns the named column if it is one of the comparators GT, GTE, LT, LTE, EQ.
func (t *table) comparator(row tableRow, col string) (string, error) {
	switch v := t.get(row, col); v {
	case "GT", "GTE", "LT", "LTE", "EQ":
		return v, nil
	default:
		return "", t.errorf(row, "%s %q is not one of GT, GTE, LT, LTE, EQ", col, v)
	}
}

// int returns the named column as a non-negative integer.
func (t *table) int(row tableRow, col string) (int, error) {
	v := t.get(row, col)
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, t.wrapf(row, err, "%s %q", col, v)
	}
	if n < 0 {
		return 0, t.errorf(row, "%s %d is negative", col, n)
	}
	return n, nil
}

// float returns the named column as a finite number.
func (t *table) float(row tableRow, col string) (float64, error) {
	v := t.get(row, col)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, t.wrapf(row, err, "%s %q", col, v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, t.errorf(row, "%s %q is not a finite number", col, v)
	}
	return f, nil
}
