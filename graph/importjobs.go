package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"swtalent/ent"
	"swtalent/internal/apperr"
	"swtalent/internal/transfer"
	"swtalent/internal/viewer"
	"swtalent/internal/writeturn"
)

// Import jobs over HTTP: POST /import/{kind} starts one (transfer.go), GET /import/jobs/{id}
// follows it and POST /import/jobs/{id}/cancel cancels it. The same jobs are reachable in
// GraphQL (importJob, startImportJob, cancelImportJob).

// spool stores an upload in a temporary file for the job that imports it, so the request can be
// answered at once; the job deletes the file.
func spool(r io.Reader) (string, error) {
	f, err := os.CreateTemp("", "swtalent-import-*")
	if err != nil {
		return "", fmt.Errorf("store upload: %w", err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// answerJob answers the job as its viewer sees it.
func (h transferHandler) answerJob(w http.ResponseWriter, r *http.Request, id, status int) {
	s, err := h.jobs.Status(r.Context(), id)
	h.answerStatus(w, r, s, err, status)
}

// answerStatus answers a job's status, or the error reading it.
func (h transferHandler) answerStatus(w http.ResponseWriter, r *http.Request, s *transfer.JobStatus, err error, status int) {
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeNotFound {
		writeError(w, http.StatusNotFound, ae.Code, ae.ZH, ae.EN)
		return
	}
	if err != nil {
		h.log.ErrorContext(r.Context(), "reading an import job failed", "error", err)
		writeError(w, http.StatusInternalServerError, apperr.CodeInternal, "服务器内部错误", "internal error")
		return
	}
	writeJSON(w, status, s)
}

// jobID reads the {id} of the path, or answers 404.
func jobID(w http.ResponseWriter, r *http.Request) (int, bool) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		e := errNoSuchJob()
		writeError(w, http.StatusNotFound, e.Code, e.ZH, e.EN)
		return 0, false
	}
	return id, true
}

// errNoSuchJob answers an id that names no job.
func errNoSuchJob() *apperr.Error {
	return apperr.NotFound("没有该导入任务（任务保留24小时）", "no such import job (jobs are kept for 24 hours)")
}

// jobStatus serves GET /import/jobs/{id}: the job's state, progress, errors so far and, once
// finished, its report; for its owner and ADMINs.
func (h transferHandler) jobStatus(w http.ResponseWriter, r *http.Request) {
	if !signedIn(w, r) {
		return
	}
	if id, ok := jobID(w, r); ok {
		h.answerJob(w, r, id, http.StatusOK)
	}
}

// cancelJob serves POST /import/jobs/{id}/cancel, for the job's owner and ADMINs.
func (h transferHandler) cancelJob(w http.ResponseWriter, r *http.Request) {
	if !h.origins.allows(r) {
		writeError(w, http.StatusForbidden, apperr.CodeForbidden, "不接受来自其他网站的请求", "cross-site requests from this origin are not allowed")
		return
	}
	if !signedIn(w, r) {
		return
	}
	id, ok := jobID(w, r)
	if !ok {
		return
	}
	var s *transfer.JobStatus
	err := writeturn.For(h.cfg.Client).Run(r.Context(), func() error {
		var err error
		s, err = h.jobs.Cancel(r.Context(), h.cfg.Client, id)
		return err
	})
	h.answerStatus(w, r, s, err, http.StatusOK)
}

// startImportJob is the GraphQL way to start a job: the file comes base64-encoded, so it is
// bounded by the API's body limit; large files go to POST /import/{kind}. The job's record is
// written in the mutation's transaction and the job starts once it commits.
func (r *Resolver) startImportJob(ctx context.Context, kind, file string, dryRun bool, encoding *string) (*transfer.JobStatus, error) {
	v := viewer.FromContext(ctx)
	if !v.SignedIn() {
		return nil, &apperr.Error{Code: apperr.CodeUnauthenticated, ZH: "请先登录", EN: "sign in first"}
	}
	reg := r.Sheets()
	k := reg.Lookup(kind)
	if k == nil || !k.Importable() {
		names := strings.Join(reg.Names(true), ", ")
		return nil, apperr.Invalid("kind", "没有这种表格（可用："+names+"）", "no such sheet kind (available: "+names+")")
	}
	if !allowed(v, k, true) {
		return nil, apperr.Forbidden("您的账号无权导入“"+k.TitleZH+"”", "your account may not import "+k.Name)
	}
	raw, err := base64.StdEncoding.DecodeString(file)
	if err != nil {
		return nil, apperr.Invalid("file", "文件应为 base64 编码", "file must be base64-encoded")
	}
	path, err := spool(strings.NewReader(string(raw)))
	if err != nil {
		return nil, err
	}
	client := ent.FromContext(ctx)
	if client == nil {
		client = r.client
	}
	job, err := r.jobs.Create(ctx, client, k, dryRun)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	enc := ""
	if encoding != nil {
		enc = *encoding
	}
	start := func() { r.jobs.Run(ctx, job, k, path, enc) }
	if tx := ent.TxFromContext(ctx); tx != nil {
		tx.OnCommit(func(next ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				if err := next.Commit(ctx, tx); err != nil {
					os.Remove(path)
					return err
				}
				start()
				return nil
			})
		})
		tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
			return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
				os.Remove(path)
				return next.Rollback(ctx, tx)
			})
		})
	} else {
		start()
	}
	return &transfer.JobStatus{ID: job.ID, Kind: job.Kind, State: job.State, DryRun: job.DryRun, Owner: job.Owner,
		Errors: []transfer.RowError{}, CreatedAt: job.CreatedAt, UpdatedAt: job.UpdatedAt}, nil
}

// importJob is a job as the viewer sees it; nil when it may not see it or it is gone.
func (r *Resolver) importJob(ctx context.Context, id int) (*transfer.JobStatus, error) {
	s, err := r.jobs.Status(ctx, id)
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeNotFound {
		return nil, nil
	}
	return s, err
}

// cancelImportJob cancels a job for its owner or an ADMIN.
func (r *Resolver) cancelImportJob(ctx context.Context, id int) (*transfer.JobStatus, error) {
	client := ent.FromContext(ctx)
	if client == nil {
		client = r.client
	}
	s, err := r.jobs.Cancel(ctx, client, id)
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Code == apperr.CodeNotFound {
		return nil, errNoSuchJob()
	}
	return s, err
}
