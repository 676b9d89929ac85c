package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Writer writes a sheet row by row; Close finishes the file.
type Writer interface {
	// Write adds one row.
	Write(cells []string) error
	// Close writes what is buffered and ends the file; it does not close the underlying writer.
	Close() error
}

// NewWriter writes a sheet named title in format to w. CSV is UTF-8 with a byte-order mark and
// CRLF line ends, so Excel opens Chinese text correctly; XLSX cells are all text, so ID numbers
// and codes keep their digits and leading zeros.
func NewWriter(w io.Writer, format Format, title string) (Writer, error) {
	switch format {
	case CSV:
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return nil, fmt.Errorf("write CSV: %w", err)
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		return &csvWriter{w: cw}, nil
	case XLSX:
		return newXLSXWriter(w, title)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

type csvWriter struct{ w *csv.Writer }

// Write adds a record.
func (c *csvWriter) Write(cells []string) error { return c.w.Write(cells) }

// Close flushes the records.
func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// xlsxWriter streams rows into one sheet of a new workbook.
type xlsxWriter struct {
	out   io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	row   int
	text  int // style id of text cells
	bold  int // style id of the header
	width []float64
}

func newXLSXWriter(out io.Writer, title string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	name := "Sheet1"
	if title != "" {
		if err := f.SetSheetName(name, title); err != nil {
			f.Close()
			return nil, fmt.Errorf("name sheet: %w", err)
		}
		name = title
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("start sheet: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("text style: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("header style: %w", err)
	}
	return &xlsxWriter{out: out, f: f, sw: sw, text: text, bold: bold}, nil
}

// Write adds a row of text cells; the first row is the bold header that sizes the columns.
func (x *xlsxWriter) Write(cells []string) error {
	x.row++
	style := x.text
	if x.row == 1 {
		style = x.bold
		// Column widths must be set before the first row; size them by the header.
		for i, c := range cells {
			w := float64(utf8.RuneCountInString(c))*2 + 4
			if w < 12 {
				w = 12
			}
			if err := x.sw.SetColWidth(i+1, i+1, w); err != nil {
				return fmt.Errorf("set column width: %w", err)
			}
		}
	}
	row := make([]any, len(cells))
	for i, c := range cells {
		row[i] = excelize.Cell{StyleID: style, Value: c}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	if err := x.sw.SetRow(cell, row); err != nil {
		return fmt.Errorf("write row %d: %w", x.row, err)
	}
	return nil
}

// Close finishes the sheet and writes the workbook.
func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet: %w", err)
	}
	if err := x.f.Write(x.out); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}
