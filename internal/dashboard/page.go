package dashboard

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

//go:embed page.html
var pageHTML string

//go:embed page.css
var pageCSS string

// ContentSecurityPolicy is the page's policy: no scripts at all, no requests, and only the page's
// own style block (by its hash); the charts are inline SVG.
var ContentSecurityPolicy = "default-src 'none'; style-src 'sha256-" + cssHash() + "'; img-src data:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func cssHash() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// view is what the template renders.
type view struct {
	R           *Report
	Style       template.CSS
	Legend      []string
	Initiatives []initiativeView
	Chart       *seriesChart
	SeriesRange string
	Townships   []townshipView
}

type townshipView struct {
	Code, Name string
	Cells      []cellView
}

type cellView struct{ Text, Status string }

type initiativeView struct {
	Key, TitleZH string
	Bars         []bar
}

// page is parsed once; the template is embedded, so a parse error is a build defect the tests catch.
var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"value": FormatValue,
	"label": StatusLabel,
	"px":    func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
}).Parse(pageHTML))

// WriteHTML renders the report as the dashboard page.
func WriteHTML(w io.Writer, r *Report) error {
	v := view{R: r, Style: template.CSS(pageCSS), Chart: newSeriesChart(r.Series),
		Legend: []string{"MET", "ON_TRACK", "AT_RISK", "MISSED", "NO_TARGET", "UNKNOWN"}}
	for _, ini := range r.Initiatives {
		iv := initiativeView{Key: ini.Key, TitleZH: ini.TitleZH}
		for _, ind := range ini.Indicators {
			iv.Bars = append(iv.Bars, newBar(ind))
		}
		v.Initiatives = append(v.Initiatives, iv)
	}
	if s := r.Series; s != nil && len(s.Points) > 0 {
		v.SeriesRange = fmt.Sprintf("%d—%d年", s.Points[0].Year, s.Points[len(s.Points)-1].Year)
	}
	for _, tw := range r.Townships {
		tv := townshipView{Code: tw.Code, Name: tw.Name}
		for i, c := range tw.Cells {
			var col Column
			if i < len(r.Columns) {
				col = r.Columns[i]
			}
			tv.Cells = append(tv.Cells, cellView{Text: FormatValue(col.Kind, col.Unit, c.Actual), Status: c.Status})
		}
		v.Townships = append(v.Townships, tv)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return fmt.Errorf("render dashboard: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}
