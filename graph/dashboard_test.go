package graph_test

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"swtalent/internal/dashboard"
)

// fetch fetches a path of the env's server with no token.
func (e *env) fetch(path string) (*http.Response, string) {
	e.t.Helper()
	res, err := http.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, string(b)
}

// The dashboard shows every indicator of the plan query with the anonymous viewer's numbers, the
// certified series at each year end, and one row per township; the workbook has the same numbers.
func TestDashboardShowsThePlan(t *testing.T) {
	e := newEnv(t, true)
	anon := e.as("")
	today := planAt(anon, "2026-01-15")

	res, page := anon.fetch(dashboard.PagePath)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Security-Policy") != dashboard.ContentSecurityPolicy {
		t.Fatalf("dashboard: %d CSP %q\n%s", res.StatusCode, res.Header.Get("Content-Security-Policy"), page)
	}
	for _, bad := range []string{"<script", "http://", "https://", "style=\""} {
		if strings.Contains(page, bad) {
			t.Fatalf("the page must be self-contained and scriptless, found %q", bad)
		}
	}
	rows := regexp.MustCompile(`<tr data-indicator="([a-z0-9_]+)" data-status="([A-Z_]+)">`).FindAllStringSubmatch(page, -1)
	if len(rows) != len(today) {
		t.Fatalf("page shows %d indicators, the plan query %d", len(rows), len(today))
	}
	seen := map[string]bool{}
	for _, m := range rows {
		seen[m[1]] = true
		found := false
		for k, ind := range today {
			if strings.HasSuffix(k, "."+m[1]) && ind.Status == m[2] {
				found = true
			}
		}
		if !found {
			t.Errorf("indicator %s shows status %s, unlike the plan query", m[1], m[2])
		}
	}
	for _, key := range []string{"certified_social_workers", "township_station_coverage", "community_worker_skill_coverage", "social_work_agencies"} {
		if !seen[key] {
			t.Errorf("indicator %s missing", key)
		}
	}

	// The series: certified social workers at the end of 2022 … 2025, from the same measure.
	for y := 2022; y <= 2025; y++ {
		c := planAt(anon, fmt.Sprintf("%d-12-31", y))["doubling.certified_social_workers"]
		want := fmt.Sprintf(`<td class="num" data-year="%d">%s 人</td>`, y, strconv.FormatFloat(*c.Actual, 'f', 0, 64))
		if !strings.Contains(page, want) {
			t.Errorf("series: want %s", want)
		}
	}
	for _, want := range []string{"2023年目标：超过 80 人", "2025年目标：超过 150 人"} {
		if !strings.Contains(page, want) {
			t.Errorf("series: target line %q missing", want)
		}
	}

	// One row per township, each measured in its own region.
	var d struct {
		Network struct {
			Coverage struct {
				ByRegion []struct {
					Region          struct{ Code string }
					Villages        int
					VillagesCovered int
				}
			}
		}
	}
	anon.ok(`{ network { coverage(asOf: "2026-01-15") { byRegion { region { code } villages villagesCovered } } } }`, nil, &d)
	towns := regexp.MustCompile(`<tr data-region="(\d{12})">`).FindAllStringSubmatch(page, -1)
	if len(towns) != len(d.Network.Coverage.ByRegion) || len(towns) == 0 {
		t.Fatalf("township rows %d, townships %d", len(towns), len(d.Network.Coverage.ByRegion))
	}

	// The workbook carries the same numbers.
	res, body := anon.fetch(dashboard.ReportPath + "?asOf=2026-01-15")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "swtalent-plan-2026-01-15.xlsx") {
		t.Fatalf("report: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 3 || sheets[0] != "计划指标" || sheets[2] != "乡镇覆盖" {
		t.Fatalf("sheets %v", sheets)
	}
	xrows, err := f.GetRows("计划指标", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range xrows[4:] {
		for k, ind := range today {
			if !strings.HasSuffix(k, "."+r[2]) {
				continue
			}
			n++
			if ind.Actual == nil {
				if r[4] != "" {
					t.Errorf("%s: unknown actual written as %q", k, r[4])
				}
				continue
			}
			got, err := strconv.ParseFloat(r[4], 64)
			if err != nil || math.Abs(got-*ind.Actual) > 1e-12 { // Excel keeps 15 significant digits
				t.Errorf("%s: workbook %q, plan %v", k, r[4], *ind.Actual)
			}
		}
	}
	if n != len(today) {
		t.Fatalf("workbook lists %d indicators, want %d", n, len(today))
	}
	series, err := f.GetRows(sheets[1], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	c2025 := planAt(anon, "2025-12-31")["doubling.certified_social_workers"]
	if series[6][0] != "2025" || series[6][2] != strconv.FormatFloat(*c2025.Actual, 'f', -1, 64) {
		t.Fatalf("series sheet 2025 row %v, want %v", series[6], *c2025.Actual)
	}
	trows, err := f.GetRows("乡镇覆盖", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range d.Network.Coverage.ByRegion {
		r := trows[i+1]
		if r[1] != tc.Region.Code {
			t.Fatalf("township row %d is %s, want %s", i, r[1], tc.Region.Code)
		}
		// Column E is village-point coverage: villages covered / villages of the township.
		if tc.Villages > 0 {
			got, _ := strconv.ParseFloat(r[4], 64)
			if want := float64(tc.VillagesCovered) / float64(tc.Villages); math.Abs(got-want) > 1e-12 {
				t.Errorf("%s: village coverage %v, want %v", tc.Region.Code, got, want)
			}
		}
	}

	// A token is not needed, and a bad date is the caller's mistake.
	if res, _ := anon.fetch(dashboard.PagePath + "?asOf=2025-13-01"); res.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad asOf: %d", res.StatusCode)
	}
}
