package sheet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Reader yields a sheet's rows one at a time, cells as text, the header row included.
type Reader interface {
	// Next returns the next row's cells, or io.EOF after the last row.
	Next() ([]string, error)
	// Row is the 1-based row number of the row Next returned last, as a spreadsheet program
	// shows it.
	Row() int
	// Close releases what the reader holds.
	Close() error
}

// Options tune Open.
type Options struct {
	// Encoding of a CSV file: "" or "auto" detects it (UTF-8 with or without BOM, else GB18030),
	// "utf-8" or "gb18030" forces it. Ignored for XLSX.
	Encoding string
}

// Format names a file format.
type Format string

// Formats this package reads and writes.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads a format name (csv, xlsx; any case, a leading dot allowed).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "csv":
		return CSV, nil
	case "xlsx":
		return XLSX, nil
	}
	return "", fmt.Errorf("unknown format %q: use xlsx or csv", s)
}

// FormatOf guesses the format of a file from its name: .csv is CSV, anything else XLSX.
func FormatOf(name string) Format {
	if strings.HasSuffix(strings.ToLower(name), ".csv") {
		return CSV
	}
	return XLSX
}

// zipMagic starts every XLSX file (a ZIP archive).
var zipMagic = []byte("PK\x03\x04")

// Open reads a sheet from r, recognising XLSX by its ZIP signature and reading anything else as
// CSV. XLSX is read into memory (a ZIP needs random access) and its first sheet's rows are
// streamed; CSV is streamed.
func Open(r io.Reader, opt Options) (Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(zipMagic))
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read sheet: %w", err)
	}
	if bytes.Equal(head, zipMagic) {
		return NewXLSX(br)
	}
	return NewCSV(br, opt.Encoding)
}
