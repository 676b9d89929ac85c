package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxReader streams the rows of a workbook's first sheet.
type xlsxReader struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

// NewXLSX reads the first sheet of an XLSX workbook. Cells are read as stored: a date typed into
// Excel arrives as its serial day number, which package transfer converts.
func NewXLSX(r io.Reader) (Reader, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("open XLSX workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fmt.Errorf("open XLSX workbook: it has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read sheet %q: %w", sheets[0], err)
	}
	return &xlsxReader{f: f, rows: rows}, nil
}

// Next returns the next row's cells.
func (x *xlsxReader) Next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, fmt.Errorf("read XLSX row %d: %w", x.row+1, err)
		}
		return nil, io.EOF
	}
	x.row++
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("read XLSX row %d: %w", x.row, err)
	}
	return cells, nil
}

// Row is the row number as Excel shows it.
func (x *xlsxReader) Row() int { return x.row }

// Close releases the workbook.
func (x *xlsxReader) Close() error {
	_ = x.rows.Close()
	return x.f.Close()
}
