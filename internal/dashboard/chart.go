package dashboard

import (
	"fmt"
	"math"
)

// Geometry of the inline SVG charts, in CSS pixels.
const (
	barTrack  = 240.0 // width of an indicator's bar track
	chartW    = 640.0 // the series chart
	chartH    = 280.0
	plotLeft  = 56.0
	plotRight = 150.0 // room for the target labels
	plotTop   = 24.0
	plotBot   = 36.0
)

// bar is an indicator's bar: the actual value's length and the target's marker on one scale.
type bar struct {
	Indicator
	Width, TargetX float64
	HasTarget      bool
	Colour, Label  string
}

// newBar scales an indicator for its bar: shares on 0–100 %, anything else on the larger of
// actual and target plus a tenth, so the target marker always lies inside the track.
func newBar(i Indicator) bar {
	b := bar{Indicator: i, Colour: StatusColour(i.Status), Label: StatusLabel(i.Status)}
	top := 1.0
	if i.Kind != "SHARE" {
		top = 0
		for _, v := range []*float64{i.Actual, i.Target} {
			if v != nil && *v > top {
				top = *v
			}
		}
		top *= 1.1
	}
	if top <= 0 {
		top = 1
	}
	if i.Actual != nil && *i.Actual > 0 {
		b.Width = math.Min(*i.Actual/top, 1) * barTrack
	}
	if i.Target != nil {
		b.HasTarget = true
		b.TargetX = math.Min(math.Max(*i.Target/top, 0), 1) * barTrack
	}
	return b
}

// seriesChart is the series laid out for the SVG chart.
type seriesChart struct {
	Title             string
	Width, Height     float64
	Left, Right, Base float64
	Bars              []seriesBar
	Lines             []targetLine
	Ticks             []tick
}

type seriesBar struct {
	X, Y, W, H     float64
	LabelX, LabelY float64
	Value, Year    string
}

type targetLine struct {
	Y           float64
	Label       string
	Colour      string
	LabelX      float64
	LabelY      float64
	Left, Right float64
}

type tick struct {
	Y     float64
	Label string
}

// newSeriesChart lays out one bar per year and a dashed line per target, on a scale from zero to
// a round number above the largest value and target.
func newSeriesChart(s *Series) *seriesChart {
	if s == nil || len(s.Points) == 0 {
		return nil
	}
	top := 0.0
	for _, p := range s.Points {
		if p.Value != nil {
			top = math.Max(top, *p.Value)
		}
	}
	for _, t := range s.Targets {
		top = math.Max(top, t.Value)
	}
	top = niceCeil(top * 1.1)
	c := &seriesChart{Title: s.TitleZH, Width: chartW, Height: chartH, Left: plotLeft, Right: chartW - plotRight, Base: chartH - plotBot}
	plotH := c.Base - plotTop
	y := func(v float64) float64 { return c.Base - v/top*plotH }
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.Ticks = append(c.Ticks, tick{Y: y(v), Label: FormatValue(s.Kind, "", &v)})
	}
	slot := (c.Right - c.Left) / float64(len(s.Points))
	for i, p := range s.Points {
		b := seriesBar{W: slot * 0.5, Value: FormatValue(s.Kind, "", p.Value), Year: fmt.Sprintf("%d年末", p.Year)}
		if p.On.Year == p.Year && (p.On.Month != 12 || p.On.Day != 31) {
			b.Year = fmt.Sprintf("%d（截至%d月%d日）", p.Year, p.On.Month, p.On.Day)
		}
		b.X = c.Left + slot*float64(i) + slot*0.25
		b.Y = c.Base
		if p.Value != nil {
			b.Y = y(*p.Value)
		}
		b.H = c.Base - b.Y
		b.LabelX, b.LabelY = b.X+b.W/2, b.Y-6
		c.Bars = append(c.Bars, b)
	}
	for _, t := range s.Targets {
		v := t.Value
		ly := y(v)
		colour := "#c62828"
		c.Lines = append(c.Lines, targetLine{Y: ly, Left: c.Left, Right: c.Right, Colour: colour, LabelX: c.Right + 6, LabelY: ly + 4,
			Label: fmt.Sprintf("%d年目标：%s %s", t.Year, ComparatorText(t.Comparator), FormatValue(s.Kind, s.Unit, &v))})
	}
	return c
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (at least 1).
func niceCeil(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
