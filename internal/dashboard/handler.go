package dashboard

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"time"

	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

// Paths of the dashboard.
const (
	PagePath   = "/dashboard"
	ReportPath = "/dashboard/report.xlsx"
)

// Loader gathers the report as of asOf (today when nil). An *apperr.Error it returns is the
// caller's mistake (an invalid date …) and is answered 400 with its message; any other error is
// logged and answered 500 without details.
type Loader func(ctx context.Context, asOf *civil.Date) (*Report, error)

// Handler serves the page at PagePath and the workbook at ReportPath, both for an optional
// ?asOf=YYYY-MM-DD.
func Handler(load Loader, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		xlsx := r.URL.Path == ReportPath
		if !xlsx && r.URL.Path != PagePath {
			http.NotFound(w, r)
			return
		}
		var asOf *civil.Date
		if s := r.URL.Query().Get("asOf"); s != "" {
			var d civil.Date
			if err := d.UnmarshalText([]byte(s)); err != nil {
				http.Error(w, apperr.Invalid("asOf", "日期格式应为 YYYY-MM-DD", "asOf must be a date YYYY-MM-DD").Error(), http.StatusBadRequest)
				return
			}
			asOf = &d
		}
		rep, err := load(r.Context(), asOf)
		if err != nil {
			if ae, ok := apperr.As(err); ok && ae.Code != apperr.CodeInternal {
				http.Error(w, ae.Error(), http.StatusBadRequest)
				return
			}
			log.ErrorContext(r.Context(), "dashboard", "error", err)
			http.Error(w, "内部错误 / internal error", http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		if xlsx {
			err = WriteXLSX(&buf, rep)
			h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			h.Set("Content-Disposition", `attachment; filename="swtalent-plan-`+rep.AsOf.String()+`.xlsx"`)
		} else {
			err = WriteHTML(&buf, rep)
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Content-Security-Policy", ContentSecurityPolicy)
		}
		if err != nil {
			h.Del("Content-Disposition")
			log.ErrorContext(r.Context(), "dashboard", "error", err)
			http.Error(w, "内部错误 / internal error", http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(buf.Bytes()))
	})
}
