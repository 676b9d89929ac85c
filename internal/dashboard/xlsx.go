package dashboard

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the report as a workbook: the indicators (计划指标), the yearly series (持证社工)
// and the township table (乡镇覆盖), with the numbers as numbers (shares as fractions formatted as
// percentages) so that they can be charted and summed in Excel.
func WriteXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	x := &sheetWriter{f: f}
	x.styles()

	x.sheet("计划指标", true)
	x.row(r.Title)
	x.row("统计日期", r.AsOf.String(), "区域", r.RegionName)
	x.row()
	x.header("计划", "指标", "指标代码", "单位", "实际", "目标", "目标年份", "比较", "状态", "统计期", "说明")
	for _, ini := range r.Initiatives {
		for _, ind := range ini.Indicators {
			year := any(nil)
			if ind.Target != nil {
				year = ind.TargetYear
			}
			x.row(ini.TitleZH, ind.TitleZH, ind.Key, ind.Unit, x.num(ind.Kind, ind.Actual), x.num(ind.Kind, ind.Target),
				year, ComparatorText(ind.Comparator), StatusLabel(ind.Status), ind.Period, ind.Note)
		}
	}
	x.widths(map[string]float64{"A": 16, "B": 40, "C": 34, "D": 28, "E": 12, "F": 12, "I": 10, "J": 30, "K": 30})

	if s := r.Series; s != nil {
		x.sheet(sheetName(s.TitleZH), false)
		x.row(s.TitleZH)
		x.row()
		x.header("年份", "统计日期", "实际")
		for _, p := range s.Points {
			x.row(p.Year, p.On.String(), x.num(s.Kind, p.Value))
		}
		x.row()
		x.header("目标年份", "比较", "目标值")
		for _, t := range s.Targets {
			v := t.Value
			x.row(t.Year, ComparatorText(t.Comparator), x.num(s.Kind, &v))
		}
		x.widths(map[string]float64{"A": 12, "B": 14, "C": 12})
	}

	if len(r.Columns) > 0 {
		x.sheet("乡镇覆盖", false)
		head := []any{"乡镇（街道）", "区划代码"}
		for _, c := range r.Columns {
			head = append(head, c.TitleZH, "状态")
		}
		x.header(head...)
		for _, t := range r.Townships {
			cells := []any{t.Name, t.Code}
			for i, c := range t.Cells {
				cells = append(cells, x.num(r.Columns[i].Kind, c.Actual), StatusLabel(c.Status))
			}
			x.row(cells...)
		}
		x.widths(map[string]float64{"A": 18, "B": 16, "C": 24, "E": 24, "G": 24})
	}
	if x.err != nil {
		return fmt.Errorf("write workbook: %w", x.err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// sheetWriter appends rows to the current sheet and keeps the first error.
type sheetWriter struct {
	f         *excelize.File
	name      string
	next      int
	err       error
	bold, pct int
}

// share marks a value to be formatted as a percentage.
type share float64

func (x *sheetWriter) styles() {
	var err error
	if x.bold, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EAEEF2"}}}); err != nil {
		x.err = err
	}
	if x.pct, err = x.f.NewStyle(&excelize.Style{NumFmt: 10}); err != nil { // 0.00%
		x.err = err
	}
}

// sheet starts a sheet; the first one renames the workbook's default sheet.
func (x *sheetWriter) sheet(name string, first bool) {
	if x.err != nil {
		return
	}
	if first {
		x.err = x.f.SetSheetName("Sheet1", name)
	} else {
		_, x.err = x.f.NewSheet(name)
	}
	x.name, x.next = name, 1
}

// num is a cell value for an indicator value: empty when unknown, a share when the kind is SHARE.
func (x *sheetWriter) num(kind string, v *float64) any {
	switch {
	case v == nil:
		return nil
	case kind == "SHARE":
		return share(*v)
	}
	return *v
}

func (x *sheetWriter) row(values ...any) {
	if x.err != nil {
		return
	}
	for i, v := range values {
		cell, err := excelize.CoordinatesToCellName(i+1, x.next)
		if err != nil {
			x.err = err
			return
		}
		if s, ok := v.(share); ok {
			v = float64(s)
			if x.err = x.f.SetCellStyle(x.name, cell, cell, x.pct); x.err != nil {
				return
			}
		}
		if v == nil {
			continue
		}
		if x.err = x.f.SetCellValue(x.name, cell, v); x.err != nil {
			return
		}
	}
	x.next++
}

func (x *sheetWriter) header(values ...any) {
	first := x.next
	x.row(values...)
	if x.err != nil || len(values) == 0 {
		return
	}
	from, _ := excelize.CoordinatesToCellName(1, first)
	to, _ := excelize.CoordinatesToCellName(len(values), first)
	x.err = x.f.SetCellStyle(x.name, from, to, x.bold)
}

func (x *sheetWriter) widths(w map[string]float64) {
	for col, width := range w {
		if x.err == nil {
			x.err = x.f.SetColWidth(x.name, col, col, width)
		}
	}
}

// sheetName trims a title to Excel's 31-character limit on sheet names.
func sheetName(s string) string {
	r := []rune(s)
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}
