package transfer_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"swtalent/ent/person"
	"swtalent/internal/transfer"
)

func TestParseDate(t *testing.T) {
	good := map[string]string{
		"2024-05-01": "2024-05-01", "2024/5/1": "2024-05-01", "2024.5.1": "2024-05-01", "2024年5月1日": "2024-05-01",
		"20240501": "2024-05-01", "45292": "2024-01-01", "45292.5": "2024-01-01", " 2024-5-01 ": "2024-05-01",
	}
	for in, want := range good {
		d, err := transfer.ParseDate("d", in)
		if err != nil || d.String() != want {
			t.Errorf("%q: %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"2024-13-01", "2023-02-29", "5/1/2024", "abc", "2024-05", "24-5-1", "0"} {
		if d, err := transfer.ParseDate("d", in); err == nil {
			t.Errorf("%q accepted as %v", in, d)
		}
	}
}

// A date typed into Excel is stored as a serial day number with a date format; it imports as
// that date.
func TestXLSXDateCells(t *testing.T) {
	db := openDB(t)
	f := excelize.NewFile()
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, v := range []any{"姓名", "身份证号", "入职日期"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellValue("Sheet1", cell, v)
	}
	_ = f.SetCellValue("Sheet1", "A2", "张三")
	_ = f.SetCellValue("Sheet1", "B2", idNumber(1))
	_ = f.SetCellValue("Sheet1", "C2", time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC))
	_ = f.SetCellStyle("Sheet1", "C2", "C2", style)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	mustImport(t, db, transfer.Persons(), b.Bytes())
	p := db.Client.Person.Query().Where(person.Name("张三")).OnlyX(system())
	if p.JoinedOn == nil || p.JoinedOn.String() != "2023-03-01" {
		t.Fatalf("joined on %v", p.JoinedOn)
	}
}
