package graph_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"swtalent/ent/account"
	"swtalent/internal/transfer"
)

// startJob posts a file to /import/{kind} without waiting and returns the answer's status and job.
func (e *env) startJob(kind string, file []byte) (int, transfer.JobStatus) {
	e.t.Helper()
	status, _, raw := e.upload(kind, file, "?wait=false", nil)
	var s transfer.JobStatus
	_ = json.Unmarshal(raw, &s)
	return status, s
}

// job reads GET /import/jobs/{id}.
func (e *env) job(id int) (int, transfer.JobStatus) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/import/jobs/%d", e.srv.URL, id), nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var s transfer.JobStatus
	_ = json.Unmarshal(raw, &s)
	return res.StatusCode, s
}

// follow polls a job until it has finished, returning every state seen.
func (e *env) follow(id int) (transfer.JobStatus, []transfer.JobStatus) {
	e.t.Helper()
	var seen []transfer.JobStatus
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		status, s := e.job(id)
		if status != http.StatusOK {
			e.t.Fatalf("job %d: HTTP %d", id, status)
		}
		seen = append(seen, s)
		if s.Finished() {
			return s, seen
		}
	}
	e.t.Fatalf("job %d did not finish", id)
	return transfer.JobStatus{}, nil
}

// An upload answers 202 with a job at once; the job reports its progress while it runs, and its
// report once done; only its owner and ADMINs see it.
func TestImportJobOverHTTP(t *testing.T) {
	const rows = 12000
	e := newEnv(t, false)
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	other := e.as(e.signIn("other", account.RoleSTAFF, nil))
	status, s := staff.startJob("persons", peopleCSV(0, rows))
	if status != http.StatusAccepted || s.ID == 0 || s.Owner != "staff" || s.Finished() {
		t.Fatalf("start: HTTP %d %+v", status, s)
	}
	done, seen := staff.follow(s.ID)
	if done.State != transfer.JobDone || done.RowsWritten != rows || done.RowsTotal == nil || *done.RowsTotal != rows ||
		done.Report == nil || !done.Report.Committed || done.Report.Created != rows || done.FinishedAt == nil {
		t.Fatalf("finished job %+v", done)
	}
	progressed := false
	for _, p := range seen {
		if !p.Finished() && (p.RowsChecked > 0 || p.RowsWritten > 0) {
			progressed = true
		}
	}
	if !progressed {
		t.Errorf("no progress seen in %d polls", len(seen))
	}
	if n := e.personCount(); n != rows {
		t.Fatalf("%d persons", n)
	}
	if status, _ := other.job(s.ID); status != http.StatusNotFound {
		t.Errorf("another clerk reads the job: HTTP %d", status)
	}
	if status, a := e.job(s.ID); status != http.StatusOK || a.State != transfer.JobDone {
		t.Errorf("ADMIN reads the job: HTTP %d %+v", status, a)
	}
	// A job is not a node of the graph: its id names nothing there.
	if r := e.do(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": s.ID}); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Errorf("node(id: job): %+v", r.Errors)
	}
	var d struct{ ImportJob *struct{ State string } }
	other.ok(`query($id: ID!) { importJob(id: $id) { state } }`, map[string]any{"id": s.ID}, &d)
	if d.ImportJob != nil {
		t.Errorf("another clerk reads the job in GraphQL: %+v", d.ImportJob)
	}
}

// A bad file ends FAILED with its refused rows named by row and column, and writes nothing.
func TestImportJobReportsRefusedRows(t *testing.T) {
	e := newEnv(t, false)
	bad := bytes.Replace(peopleCSV(0, 5), []byte("361126001000"), []byte("361126999000"), 1)
	_, s := e.startJob("persons", bad)
	done, _ := e.follow(s.ID)
	if done.State != transfer.JobFailed || len(done.Errors) != 1 || done.Errors[0].Row != 2 || done.Errors[0].Column != "工作地区划代码" ||
		done.Report == nil || done.Report.Committed || done.RowsWritten != 0 {
		t.Fatalf("bad file: %+v", done)
	}
	if n := e.personCount(); n != 0 {
		t.Errorf("%d persons written", n)
	}
}

// The GraphQL way: a base64 file starts a job; a job cancelled while it runs keeps nothing.
func TestImportJobOverGraphQL(t *testing.T) {
	e := newEnv(t, false)
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	const start = `mutation($kind: String!, $file: String!) { startImportJob(kind: $kind, file: $file) { id state owner } }`
	var d struct {
		StartImportJob struct {
			ID    string
			State string
			Owner string
		}
	}
	staff.ok(start, map[string]any{"kind": "persons", "file": base64.StdEncoding.EncodeToString(peopleCSV(0, 20))}, &d)
	if d.StartImportJob.Owner != "staff" || d.StartImportJob.State != "VALIDATING" {
		t.Fatalf("started %+v", d.StartImportJob)
	}
	var id int
	fmt.Sscan(d.StartImportJob.ID, &id)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		var q struct {
			ImportJob struct {
				State       string
				RowsWritten int
				Report      *struct{ Created int }
			}
		}
		staff.ok(`query($id: ID!) { importJob(id: $id) { state rowsWritten report { created } } }`, map[string]any{"id": id}, &q)
		if q.ImportJob.State == "DONE" {
			if q.ImportJob.RowsWritten != 20 || q.ImportJob.Report == nil || q.ImportJob.Report.Created != 20 {
				t.Fatalf("done: %+v", q.ImportJob)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job stuck: %+v", q.ImportJob)
		}
	}
	staff.fails(start, map[string]any{"kind": "persons", "file": "not base64!"}, "BAD_USER_INPUT", "file")

	// Cancelled while it runs (signing in is slow: before the job starts).
	nosy := e.as(e.signIn("nosy", account.RoleSTAFF, nil))
	status, s := staff.startJob("persons", peopleCSV(100, 20000))
	if status != http.StatusAccepted {
		t.Fatalf("start: HTTP %d", status)
	}
	nosy.fails(`mutation($id: ID!) { cancelImportJob(id: $id) { state } }`, map[string]any{"id": s.ID}, "NOT_FOUND", "")
	staff.ok(`mutation($id: ID!) { cancelImportJob(id: $id) { state } }`, map[string]any{"id": s.ID}, &struct{}{})
	done, _ := staff.follow(s.ID)
	if done.State != transfer.JobCancelled || done.RowsWritten != 0 || done.Message == "" {
		t.Fatalf("cancelled job: %+v", done)
	}
	if n := e.personCount(); n != 20 {
		t.Errorf("%d persons after the cancelled job, want the 20 of the first", n)
	}
}
