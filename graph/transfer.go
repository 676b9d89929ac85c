package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"

	"swtalent/ent"
	"swtalent/ent/schema"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/sheet"
	"swtalent/internal/transfer"
	"swtalent/internal/viewer"
	"swtalent/internal/writeturn"
	"swtalent/modules"
)

const (
	// DefaultMaxImportBytes caps an uploaded spreadsheet (Options.MaxImportBytes), separately
	// from the 1 MiB limit of GraphQL requests.
	DefaultMaxImportBytes = 100 << 20
	// transferTimeout bounds an import or export, upload included.
	transferTimeout = 10 * time.Minute
)

// transferHandler serves spreadsheets: POST /import/{kind} takes a multipart upload (field
// "file", XLSX or CSV; ?dryRun=true checks without writing; ?encoding=gb18030 forces a CSV's
// encoding), starts an import job and answers 202 with the job (see importjobs.go); with
// ?wait=true it answers when the job has ended, with the import report as JSON, 200 when the
// file was accepted, 422 when rows were refused (nothing is then written). GET /export/{kind}?format=xlsx|csv streams a register
// or report; ?reveal=true&reason=… shows personal data in full, for an ADMIN, audited. Both
// need a bearer token; which accounts may move which sheet, and which rows, follows the
// entity's privacy policy (permitted). The upload passes the same cross-origin check as
// /graphql.
type transferHandler struct {
	cfg      modules.Config
	jobs     *transfer.Jobs
	kinds    *transfer.Registry
	origins  originPolicy
	maxBytes int64
	log      *slog.Logger
}

// signedIn answers the request and returns false unless the viewer is signed in.
func signedIn(w http.ResponseWriter, r *http.Request) bool {
	if !viewer.FromContext(r.Context()).SignedIn() {
		w.Header().Set("WWW-Authenticate", `Bearer realm="swtalent"`)
		writeError(w, http.StatusUnauthorized, apperr.CodeUnauthenticated, "请先登录", "sign in first")
		return false
	}
	return true
}

// permitted answers the request and returns false unless the viewer may export (or import) the
// kind: STAFF and ADMIN every kind their role reads (writes); TOWNSHIP, AGENCY and UNIVERSITY
// accounts the registers whose entity their scope reads (writes), the entity's privacy policy
// then keeping every row inside the scope. Reports without an entity are for STAFF and ADMIN.
func permitted(w http.ResponseWriter, r *http.Request, k *transfer.Kind, importing bool) bool {
	ok := allowed(viewer.FromContext(r.Context()), k, importing)
	if !ok {
		what, en := "导出", "export"
		if importing {
			what, en = "导入", "import"
		}
		writeError(w, http.StatusForbidden, apperr.CodeForbidden, "您的账号无权"+what+"“"+k.TitleZH+"”", "your account may not "+en+" "+k.Name)
	}
	return ok
}

// allowed reports whether v may import (or export) the kind (see permitted).
func allowed(v *viewer.Viewer, k *transfer.Kind, importing bool) bool {
	if k.Entity == "" {
		return v.Role == viewer.Admin || v.Role == viewer.Staff
	}
	if importing {
		return schema.Writes(k.Entity, v)
	}
	return schema.Reads(k.Entity, v)
}

// kind returns the named kind, or answers 404.
func (h transferHandler) kind(w http.ResponseWriter, r *http.Request, importing bool) *transfer.Kind {
	k := h.kinds.Lookup(r.PathValue("kind"))
	if k == nil || (importing && !k.Importable()) || (!importing && !k.Exportable()) {
		names := strings.Join(h.kinds.Names(importing), ", ")
		writeError(w, http.StatusNotFound, apperr.CodeNotFound, "没有这种表格："+r.PathValue("kind")+"（可用："+names+"）",
			"no such sheet kind: "+r.PathValue("kind")+" (available: "+names+")")
		return nil
	}
	return k
}

// extend gives a transfer more time than an API request: the server's read and write deadlines
// and the request context.
func extend(w http.ResponseWriter, r *http.Request) (*http.Request, func()) {
	deadline := time.Now().Add(transferTimeout)
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline)
	ctx, cancel := contextWithDeadline(r, deadline)
	return r.WithContext(ctx), cancel
}

func (h transferHandler) importSheet(w http.ResponseWriter, r *http.Request) {
	if !h.origins.allows(r) {
		writeError(w, http.StatusForbidden, apperr.CodeForbidden, "不接受来自其他网站的请求", "cross-site requests from this origin are not allowed")
		return
	}
	if !signedIn(w, r) {
		return
	}
	k := h.kind(w, r, true)
	if k == nil || !permitted(w, r, k, true) {
		return
	}
	r, cancel := extend(w, r)
	defer cancel()
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		writeError(w, http.StatusUnsupportedMediaType, apperr.CodeBadUserInput,
			"请以 multipart/form-data 上传文件（字段名 file）", "upload the file as multipart/form-data in the field \"file\"")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.maxBytes)
	// The sheet reader reports a cut-off file as unreadable rows; watch tells the limit apart.
	watch := &limitWatch{}
	mr, err := r.MultipartReader()
	if err != nil {
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput, "无法读取上传内容", "the upload cannot be read")
		return
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if isTooLarge(err) || watch.hit {
				h.tooLarge(w)
				return
			}
			writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput, "上传内容中没有 file 字段", "the upload has no \"file\" field")
			return
		}
		if part.FormName() != "file" {
			continue
		}
		watch.r = part
		file, err := spool(watch)
		if err != nil {
			if isTooLarge(err) || watch.hit {
				h.tooLarge(w)
				return
			}
			h.log.ErrorContext(r.Context(), "storing an upload failed", "kind", k.Name, "error", err)
			writeError(w, http.StatusInternalServerError, apperr.CodeInternal, "服务器内部错误", "internal error")
			return
		}
		q := r.URL.Query()
		var job *ent.ImportJob
		err = writeturn.For(h.cfg.Client).Run(r.Context(), func() error {
			var err error
			job, err = h.jobs.Create(r.Context(), h.cfg.Client, k, q.Get("dryRun") == "true")
			return err
		})
		if err != nil {
			os.Remove(file)
			h.log.ErrorContext(r.Context(), "creating an import job failed", "kind", k.Name, "error", err)
			writeError(w, http.StatusInternalServerError, apperr.CodeInternal, "服务器内部错误", "internal error")
			return
		}
		h.jobs.Run(r.Context(), job, k, file, q.Get("encoding"))
		if q.Get("wait") != "true" {
			w.Header().Set("Location", fmt.Sprintf("/import/jobs/%d", job.ID))
			h.answerJob(w, r, job.ID, http.StatusAccepted)
			return
		}
		if err := h.jobs.Wait(r.Context(), job.ID); err != nil {
			writeError(w, http.StatusGatewayTimeout, apperr.CodeInternal, "导入仍在进行，请查看导入任务", "the import is still running: follow its job")
			return
		}
		s, err := h.jobs.Status(r.Context(), job.ID)
		if err != nil || s.Report == nil {
			h.log.ErrorContext(r.Context(), "import failed", "kind", k.Name, "job", job.ID, "error", err)
			writeError(w, http.StatusInternalServerError, apperr.CodeInternal, "服务器内部错误", "internal error")
			return
		}
		status := http.StatusOK
		if !s.Report.OK() {
			status = http.StatusUnprocessableEntity
		}
		writeJSON(w, status, s.Report)
		return
	}
}

// tooLarge answers an upload over the limit.
func (h transferHandler) tooLarge(w http.ResponseWriter) {
	writeError(w, http.StatusRequestEntityTooLarge, apperr.CodeLimitExceeded,
		fmt.Sprintf("文件超过 %d 字节", h.maxBytes), fmt.Sprintf("the file exceeds %d bytes", h.maxBytes))
}

// isTooLarge reports whether err comes from the upload limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func (h transferHandler) exportSheet(w http.ResponseWriter, r *http.Request) {
	if !signedIn(w, r) {
		return
	}
	k := h.kind(w, r, false)
	if k == nil || !permitted(w, r, k, false) {
		return
	}
	r, cancel := extend(w, r)
	defer cancel()
	q := r.URL.Query()
	format := sheet.XLSX
	if f := q.Get("format"); f != "" {
		var err error
		if format, err = sheet.ParseFormat(f); err != nil {
			writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput, "格式应为 xlsx 或 csv", "format must be xlsx or csv")
			return
		}
	}
	day := h.cfg.Today()
	if v := q.Get("asOf"); v != "" {
		d, err := civil.ParseDate(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput, "asOf 应为 YYYY-MM-DD 格式的日期", "asOf must be a date, YYYY-MM-DD")
			return
		}
		day = d
	}
	reveal := q.Get("reveal") == "true"
	if reveal && viewer.FromContext(r.Context()).Role != viewer.Admin {
		writeError(w, http.StatusForbidden, apperr.CodeForbidden, "仅管理员可查看完整身份信息", "only an ADMIN may reveal personal data")
		return
	}
	if reveal && len([]rune(strings.TrimSpace(q.Get("reason")))) < 4 {
		writeError(w, http.StatusBadRequest, apperr.CodeBadUserInput, "请说明查看原因", "state why the data is needed")
		return
	}
	ctype := "text/csv; charset=utf-8"
	if format == sheet.XLSX {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", k.Name+"."+string(format)))
	sw, err := sheet.NewWriter(w, format, k.TitleZH)
	if err != nil {
		writeError(w, http.StatusInternalServerError, apperr.CodeInternal, "服务器内部错误", "internal error")
		return
	}
	if _, err := transfer.Export(r.Context(), h.cfg.Client, k, sw, transfer.ExportOptions{Reveal: reveal, Reason: q.Get("reason"), Today: day}); err != nil {
		// Headers may be sent already; the truncated file fails to open, and the log says why.
		h.log.ErrorContext(r.Context(), "export failed", "kind", k.Name, "error", err)
	}
}

// contextWithDeadline is the request's context with a later deadline than the API's.
func contextWithDeadline(r *http.Request, d time.Time) (context.Context, context.CancelFunc) {
	return context.WithDeadline(r.Context(), d)
}

// limitWatch notes when reading an upload hits the size limit.
type limitWatch struct {
	r   io.Reader
	hit bool
}

// Read reads the upload and notes the limit.
func (l *limitWatch) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if err != nil && isTooLarge(err) {
		l.hit = true
	}
	return n, err
}
