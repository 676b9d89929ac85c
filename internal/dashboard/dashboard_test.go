package dashboard

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"swtalent/internal/civil"
)

func f(v float64) *float64 { return &v }

// report is a small report with an initiative no module has today, to show that the page lists
// whatever initiatives the plan gives it.
func report() *Report {
	return &Report{
		Title: "测试县<进展>", AsOf: civil.DateFor(2024, 6, 30), RegionName: "测试县",
		Initiatives: []Initiative{
			{Key: "doubling", TitleZH: "人才倍增计划", Indicators: []Indicator{
				{Key: "certified_social_workers", TitleZH: "持证社工人数", Unit: "persons", Kind: "COUNT", Actual: f(120), Target: f(150), TargetYear: 2025, Comparator: "GT", Status: "ON_TRACK"},
			}},
			{Key: "future", TitleZH: "将来的计划", Indicators: []Indicator{
				{Key: "future_rate", TitleZH: "新指标", Unit: "share of something", Kind: "SHARE", Actual: nil, Target: f(1), Comparator: "GTE", Status: "UNKNOWN"},
			}},
		},
		Series: &Series{TitleZH: "持证社工人数", Kind: "COUNT", Unit: "persons",
			Points:  []Point{{Year: 2022, On: civil.EndOfYear(2022), Value: f(41)}, {Year: 2023, On: civil.EndOfYear(2023), Value: f(89)}, {Year: 2024, On: civil.DateFor(2024, 6, 30), Value: f(120)}},
			Targets: []SeriesTarget{{Year: 2023, Comparator: "GT", Value: 80}, {Year: 2025, Comparator: "GT", Value: 150}}},
		SubregionHeading: "乡镇（街道）",
		Columns:          []Column{{Key: "village_point_coverage", TitleZH: "服务点覆盖率", Kind: "SHARE"}},
		Townships:        []Township{{Code: "361126100000", Name: "甲镇", Cells: []Cell{{Actual: f(0.5), Status: "AT_RISK"}}}},
	}
}

func TestPageRendersEveryInitiativeUnderItsPolicy(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, report()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<title>测试县&lt;进展&gt;</title>`,
		`<h3 id="initiative-future">将来的计划</h3>`, `<tr data-indicator="future_rate" data-status="UNKNOWN">`,
		`<td class="num">120 人</td>`, `2025年 超过 150 人`, `进度正常`,
		`2023年目标：超过 80 人`, `2024（截至6月30日）`, `<td class="num" data-year="2024">120 人</td>`,
		`<tr data-region="361126100000">`, `50.0% <span class="status s-AT_RISK">进度滞后</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The one style block is what the policy's hash allows.
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("want one style block, got %d", len(m))
	}
	sum := sha256.Sum256([]byte(m[0][1]))
	if !strings.Contains(ContentSecurityPolicy, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
		t.Fatal("the policy's hash does not match the style block")
	}
}

func TestFormatValue(t *testing.T) {
	for _, c := range []struct {
		kind, unit string
		v          *float64
		want       string
	}{
		{"COUNT", "persons", f(155), "155 人"},
		{"COUNT", "unknown unit", f(2.5), "2.50"},
		{"SHARE", "share of villages/communities", f(0.3618), "36.2%"},
		{"RATIO", "ratio", f(2), "2.00 倍"},
		{"RATIO", "hours per person", f(14.787), "14.79 学时/人"},
		{"AMOUNT", "yuan", f(930000), "930000.00 元"},
		{"COUNT", "persons", nil, "—"},
	} {
		if got := FormatValue(c.kind, c.unit, c.v); got != c.want {
			t.Errorf("FormatValue(%s, %s) = %q, want %q", c.kind, c.unit, got, c.want)
		}
	}
}

// Bars scale shares on 0–100 % and other kinds so that the target marker stays in the track.
func TestBarScale(t *testing.T) {
	b := newBar(Indicator{Kind: "SHARE", Actual: f(0.5), Target: f(1)})
	if b.Width != barTrack/2 || b.TargetX != barTrack {
		t.Fatalf("share bar %v / %v", b.Width, b.TargetX)
	}
	b = newBar(Indicator{Kind: "COUNT", Actual: f(50), Target: f(150)})
	if b.TargetX >= barTrack || b.Width >= b.TargetX || b.Width <= 0 {
		t.Fatalf("count bar %v / %v", b.Width, b.TargetX)
	}
	if niceCeil(165) != 200 || niceCeil(0.3) != 1 || niceCeil(1100) != 2000 {
		t.Fatal("niceCeil")
	}
}

func TestWorkbook(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, report()); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "计划指标,持证社工人数,乡镇覆盖" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := x.GetRows("计划指标", excelize.Options{RawCellValue: true})
	if got := strings.Join(rows[4], "|"); got != "人才倍增计划|持证社工人数|certified_social_workers|persons|120|150|2025|超过|进度正常" {
		t.Fatalf("indicator row %s", got)
	}
	if len(rows[5]) < 5 || rows[5][4] != "" || rows[5][8] != "暂无数据" {
		t.Fatalf("an unknown actual stays empty: %q", rows[5])
	}
	// Shares are numbers formatted as percentages.
	cell, _ := x.GetCellValue("乡镇覆盖", "C2")
	raw, _ := x.GetCellValue("乡镇覆盖", "C2", excelize.Options{RawCellValue: true})
	if cell != "50.00%" || raw != "0.5" {
		t.Fatalf("share cell %q raw %q", cell, raw)
	}
}
