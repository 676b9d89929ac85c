// Package dashboard renders plan progress for people who would rather look at a chart than read
// JSON: an HTML page (html/template, inline SVG, no external assets, Chinese labels) and the same
// numbers as an Excel sheet. It only renders a Report; the host (package graph) gathers the
// Report from the modules' indicators, so this package depends on no module.
package dashboard

import (
	"fmt"
	"math"
	"strconv"

	"swtalent/internal/civil"
)

// Report is everything the dashboard shows, as of one date, as the anonymous public sees it.
type Report struct {
	// Title heads the page and names the workbook's first sheet's title row.
	Title string
	// AsOf is the day the indicators are measured.
	AsOf civil.Date
	// RegionName is the region the plan covers, e.g. 弋阳县.
	RegionName string
	// Initiatives are the plan's initiatives in the plan's order, each with its indicators.
	Initiatives []Initiative
	// Series is the yearly series of one indicator against its targets; nil when not shown.
	Series *Series
	// SubregionHeading names the rows of the township table, e.g. 乡镇（街道）.
	SubregionHeading string
	// Columns head the township table: one indicator measured per township.
	Columns []Column
	// Townships are the rows of the township table (the regions directly below the report's
	// region), one cell per column.
	Townships []Township
}

// Initiative is one initiative of the plan.
type Initiative struct {
	Key, TitleZH string
	Indicators   []Indicator
}

// Indicator is one indicator measured at the report's date, rated against its applicable target.
type Indicator struct {
	Key, TitleZH, Unit string
	// Kind is the indicator kind: COUNT, SHARE, RATIO or AMOUNT.
	Kind string
	// Actual is nil when unknown; Target is nil when none applies.
	Actual, Target *float64
	// TargetYear is the applicable target's year, 0 for a standing rule.
	TargetYear int
	// Comparator is the applicable target's comparator (GT, GTE, LT, LTE, EQ), "" without a target.
	Comparator string
	// Status is MET, ON_TRACK, AT_RISK, MISSED, NO_TARGET or UNKNOWN.
	Status string
	// Period names the period a per-period indicator measured, e.g. 2025年 or
	// 2025年（本期尚无数据，取最近一期）; "" for a stock counted on the day.
	Period string
	// Note says why Actual is unknown when no period has data; "" otherwise.
	Note string
}

// Series is one indicator measured at the end of each year, against its dated targets.
type Series struct {
	TitleZH, Kind, Unit string
	Points              []Point
	Targets             []SeriesTarget
}

// Point is the indicator's value on one day (the end of Year, or the report's date when the year
// has not ended).
type Point struct {
	Year  int
	On    civil.Date
	Value *float64
}

// SeriesTarget is one dated target of the series' indicator.
type SeriesTarget struct {
	Year       int
	Comparator string
	Value      float64
}

// Column is an indicator of the township table.
type Column struct {
	Key, TitleZH, Kind, Unit string
}

// Township is a row of the township table.
type Township struct {
	Code, Name string
	Cells      []Cell
}

// Cell is one indicator measured in one township.
type Cell struct {
	Actual *float64
	Status string
}

// statusInfo is how a status looks: its Chinese label and colour.
type statusInfo struct{ Label, Colour string }

var statuses = map[string]statusInfo{
	"MET":       {"已达标", "#2e7d32"},
	"ON_TRACK":  {"进度正常", "#1565c0"},
	"AT_RISK":   {"进度滞后", "#ef6c00"},
	"MISSED":    {"未达标", "#c62828"},
	"NO_TARGET": {"无目标", "#757575"},
	"UNKNOWN":   {"暂无数据", "#9e9e9e"},
}

// StatusLabel is the Chinese label of a status.
func StatusLabel(s string) string {
	if i, ok := statuses[s]; ok {
		return i.Label
	}
	return s
}

// StatusColour is the colour of a status.
func StatusColour(s string) string {
	if i, ok := statuses[s]; ok {
		return i.Colour
	}
	return "#9e9e9e"
}

// ComparatorText is the Chinese reading of a comparator, as in "超过 150".
func ComparatorText(c string) string {
	switch c {
	case "GT":
		return "超过"
	case "GTE":
		return "不少于"
	case "LT":
		return "少于"
	case "LTE":
		return "不超过"
	case "EQ":
		return "等于"
	}
	return ""
}

// unitsZH are the Chinese suffixes of the units modules use; a unit not listed is shown bare.
var unitsZH = map[string]string{
	"persons": "人", "agencies": "家", "bases": "个", "fields": "个", "ratio": "倍",
	"hours per person": "学时/人", "yuan": "元",
}

// FormatValue writes a value for people: shares as percentages, other kinds with their unit in
// Chinese when it is known (155 人, 3.78 倍, 930000.00 元); "—" when unknown.
func FormatValue(kind, unit string, v *float64) string {
	if v == nil || math.IsNaN(*v) {
		return "—"
	}
	var num string
	switch {
	case kind == "SHARE":
		return strconv.FormatFloat(*v*100, 'f', 1, 64) + "%"
	case kind == "AMOUNT":
		num = strconv.FormatFloat(*v, 'f', 2, 64)
	case *v == math.Trunc(*v) && kind != "RATIO":
		num = strconv.FormatFloat(*v, 'f', 0, 64)
	default:
		num = strconv.FormatFloat(*v, 'f', 2, 64)
	}
	if zh := unitsZH[unit]; zh != "" {
		return num + " " + zh
	}
	return num
}

// TargetText describes the applicable target, e.g. "2025年 超过 150"; "—" without one.
func (i Indicator) TargetText() string {
	if i.Target == nil {
		return "—"
	}
	when := "常态要求"
	if i.TargetYear > 0 {
		when = fmt.Sprintf("%d年", i.TargetYear)
	}
	return when + " " + ComparatorText(i.Comparator) + " " + FormatValue(i.Kind, i.Unit, i.Target)
}
