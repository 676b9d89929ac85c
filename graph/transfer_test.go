package graph_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/auditevent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/graph"
	kept "swtalent/internal/facts"
	"swtalent/internal/sheet"
	"swtalent/internal/transfer"
	"swtalent/internal/validate"
)

// sheetCSV renders rows as CSV.
func sheetCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w, _ := sheet.NewWriter(&b, sheet.CSV, "")
	for _, r := range rows {
		_ = w.Write(r)
	}
	_ = w.Close()
	return b.Bytes()
}

// testID builds a valid ID number.
func testID(n int) string {
	first17 := fmt.Sprintf("36112619850101%03d", n%1000)
	if n >= 1000 {
		first17 = fmt.Sprintf("3611261986%04d%03d", 101+n/1000, n%1000)
	}
	return first17 + string(validate.IDCheckChar(first17))
}

// peopleCSV is a persons sheet of n people.
func peopleCSV(from, n int) []byte {
	rows := [][]string{{"姓名", "身份证号", "工作地区划代码"}}
	for i := from; i < from+n; i++ {
		rows = append(rows, []string{fmt.Sprintf("导入%d", i), testID(i), "361126001000"})
	}
	return sheetCSV(rows)
}

// upload posts a file to /import/{kind} and waits for the job's report (?wait=true).
func (e *env) upload(kind string, file []byte, query string, header map[string]string) (int, transfer.Report, []byte) {
	e.t.Helper()
	if query == "" {
		query = "?wait=true"
	} else {
		query += "&wait=true"
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", kind+".csv")
	_, _ = part.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/import/"+kind+query, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var rep transfer.Report
	_ = json.Unmarshal(raw, &rep)
	return res.StatusCode, rep, raw
}

// download gets /export/{kind}.
func (e *env) download(kind, query string) (int, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/export/"+kind+query, nil)
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

func TestImportEndpoint(t *testing.T) {
	e := newEnv(t, false)
	file := peopleCSV(0, 5)
	if status, _, raw := e.as("").upload("persons", file, "", nil); status != http.StatusUnauthorized {
		t.Fatalf("anonymous: HTTP %d %s", status, raw)
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	town := e.client.Region.Query().Where(region.Code("361126001000")).OnlyX(ctx)
	township := e.signIn("township", account.RoleTOWNSHIP, func(c *ent.AccountCreate) { c.SetRegion(town) })
	// A township writes its own people (TestScopedImportAndExport), never the region register.
	if status, _, raw := e.as(township).upload("regions", file, "", nil); status != http.StatusForbidden {
		t.Fatalf("township importing regions: HTTP %d %s", status, raw)
	}
	if status, _, raw := e.upload("persons", file, "", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}); status != http.StatusForbidden {
		t.Fatalf("cross-site: HTTP %d %s", status, raw)
	}
	if status, _, raw := e.upload("nonsense", file, "", nil); status != http.StatusNotFound {
		t.Fatalf("unknown kind: HTTP %d %s", status, raw)
	}
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	status, rep, raw := staff.upload("persons", file, "?dryRun=true", nil)
	if status != http.StatusOK || !rep.DryRun || rep.Created != 5 || rep.Committed {
		t.Fatalf("dry run: HTTP %d %s", status, raw)
	}
	if n := e.personCount(); n != 0 {
		t.Fatalf("dry run wrote %d persons", n)
	}
	status, rep, raw = staff.upload("persons", file, "", nil)
	if status != http.StatusOK || !rep.Committed || rep.Created != 5 {
		t.Fatalf("import: HTTP %d %s", status, raw)
	}
	if n := e.personCount(); n != 5 {
		t.Fatalf("%d persons after the import", n)
	}
	if n, _ := e.client.AuditEvent.Query().Where(auditevent.Actor("staff"), auditevent.Entity("Person"), auditevent.Operation("CREATE")).Count(ctx); n != 5 {
		t.Errorf("%d audit events for 5 imported persons", n)
	}
	bad := bytes.Replace(peopleCSV(10, 3), []byte(testID(11)), []byte(testID(11)[:17]+"0"), 1)
	if testID(11)[17] == '0' {
		bad = bytes.Replace(peopleCSV(10, 3), []byte(testID(11)), []byte(testID(11)[:17]+"1"), 1)
	}
	status, rep, raw = staff.upload("persons", bad, "", nil)
	if status != http.StatusUnprocessableEntity || len(rep.Errors) != 1 || rep.Errors[0].Row != 3 || rep.Errors[0].Column != "身份证号" || strings.Contains(string(raw), testID(11)[:14]) {
		t.Fatalf("bad file: HTTP %d %s", status, raw)
	}
	if n := e.personCount(); n != 5 {
		t.Fatalf("%d persons after a refused file", n)
	}
}

func TestExportEndpoint(t *testing.T) {
	e := newEnv(t, false)
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	staff.upload("persons", peopleCSV(0, 3), "", nil)
	if status, _ := e.as("").download("persons", "?format=csv"); status != http.StatusUnauthorized {
		t.Fatalf("anonymous export: HTTP %d", status)
	}
	status, body := staff.download("persons", "?format=csv")
	if status != http.StatusOK || !bytes.Contains(body, []byte("导入1")) || bytes.Contains(body, []byte(testID(1))) {
		t.Fatalf("masked export: HTTP %d %s", status, body)
	}
	if status, _ := staff.download("persons", "?format=csv&reveal=true&reason=checking"); status != http.StatusForbidden {
		t.Fatalf("STAFF reveal: HTTP %d", status)
	}
	if status, _ := e.download("persons", "?format=csv&reveal=true"); status != http.StatusBadRequest {
		t.Fatalf("reveal without a reason: HTTP %d", status)
	}
	status, body = e.download("persons", "?format=csv&reveal=true&reason=annual+check")
	if status != http.StatusOK || !bytes.Contains(body, []byte(testID(1))) {
		t.Fatalf("revealed export: HTTP %d %s", status, body)
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	if n, _ := e.client.AuditEvent.Query().Where(auditevent.Operation("REVEAL"), auditevent.Reason("annual check")).Count(ctx); n != 1 {
		t.Errorf("%d reveal events", n)
	}
	status, body = staff.download("certificates", "")
	if status != http.StatusOK || !bytes.HasPrefix(body, []byte("PK")) {
		t.Fatalf("xlsx export: HTTP %d", status)
	}
}

// Module sheets on the demo world: every report exports, and the module registers survive a
// round trip unchanged.
func TestModuleSheetsOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	for _, kind := range []string{"plan", "coverage", "ce-compliance", "exam-results", "training-attendance", "regions", "persons", "certificates", "agencies", "service-points", "volunteers"} {
		status, body := e.download(kind, "?format=csv")
		if status != http.StatusOK || bytes.Count(body, []byte("\n")) < 2 {
			t.Errorf("%s: HTTP %d, %d lines", kind, status, bytes.Count(body, []byte("\n")))
		}
	}
	for _, kind := range []string{"exam-results", "training-attendance", "persons", "certificates", "agencies", "service-points", "regions", "volunteers"} {
		_, body := e.download(kind, "?format=csv&reveal=true&reason=round+trip")
		status, rep, raw := e.upload(kind, body, "", nil)
		if status != http.StatusOK || rep.Created != 0 || rep.Updated != 0 || rep.Unchanged == 0 {
			t.Errorf("%s: re-import of the export: HTTP %d %.600s", kind, status, raw)
		}
	}
}

// An import commits a batch per transaction; writers through the API get their turn between
// the batches and succeed, never "database is locked". The writers keep writing until the
// import has answered, so some of them overlap its write.
func TestWritersWaitDuringAnImport(t *testing.T) {
	// Large enough that writers overlap the import's write, small enough that the write stays well
	// inside the 10 s busy timeout on a loaded CI machine (20,000 rows took over 30 s there).
	const importRows = 5000
	e := newEnv(t, false)
	var wg sync.WaitGroup
	var done atomic.Bool
	var writes atomic.Int64
	errs := make(chan string, 100)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer done.Store(true)
		status, rep, raw := e.upload("persons", peopleCSV(0, importRows), "", nil)
		if status != http.StatusOK || rep.Created != importRows {
			errs <- fmt.Sprintf("import: HTTP %d %.300s", status, raw)
		}
	}()
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; !done.Load(); i++ {
				r := e.do(`mutation($in: CreateAgencyInput!) { createAgency(input: $in) { id } }`,
					map[string]any{"in": map[string]any{"name": fmt.Sprintf("并发机构%d-%d", w, i)}})
				if len(r.Errors) > 0 {
					errs <- fmt.Sprintf("mutation %d-%d: %v", w, i, r.Errors)
					return
				}
				writes.Add(1)
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := e.personCount(); n != importRows {
		t.Errorf("%d persons", n)
	}
	if writes.Load() == 0 {
		t.Error("no write ran during the import")
	}
}

func TestImportExamResultsAndAttendance(t *testing.T) {
	e := newEnv(t, false)
	if status, _, raw := e.upload("persons", peopleCSV(0, 3), "", nil); status != http.StatusOK {
		t.Fatalf("persons: %s", raw)
	}
	exams := sheetCSV([][]string{
		{"身份证号", "姓名", "考试年度", "报考级别", "社会工作实务", "社会工作综合能力", "社会工作法规与政策"},
		{testID(0), "导入0", "2025", "社会工作师", "合格", "", ""},
		{testID(0), "导入0", "2024", "社会工作师", "不合格", "合格", "合格"},
		{testID(1), "", "2025", "助理社会工作师", "合格", "缺考", ""},
	})
	status, rep, raw := e.upload("exam-results", exams, "", nil)
	if status != http.StatusOK || rep.Created != 3 {
		t.Fatalf("exam results: HTTP %d %s", status, raw)
	}
	_, body := e.download("exam-results", "?format=csv")
	if !bytes.Contains(body, []byte("2025,社会工作师,合格,,,,,通过")) || !bytes.Contains(body, []byte("2025,助理社会工作师,合格,缺考,,,,未通过")) {
		t.Errorf("outcomes not computed by the module's rules:\n%s", body)
	}
	if _, rep, raw = e.upload("exam-results", exams, "", nil); rep.Unchanged != 3 {
		t.Errorf("re-import: %s", raw)
	}
	// The import kept the applicants' exam facts (refreshed once before it committed): all three
	// applications sat, the 2025 intermediate one passed (with the 2024 passes carried over).
	if rep, err := kept.Check(context.Background(), e.db.SQL, entsql.Dialect(e.db.Dialect)); err != nil || rep.Differing > 0 ||
		rep.Of(enum.FactExamSat).Spans != 3 || rep.Of(enum.FactExamPassed).Spans != 1 {
		t.Errorf("check-facts after the exam results: %+v, %v", rep, err)
	}
	bad := sheetCSV([][]string{
		{"身份证号", "考试年度", "报考级别", "评审"},
		{testID(2), "2025", "助理社会工作师", "合格"},
		{testID(2), "2031", "社会工作师", ""},
		{testID(2), "二〇二五", "社会工作师", ""},
	})
	status, rep, raw = e.upload("exam-results", bad, "", nil)
	if status != http.StatusUnprocessableEntity || len(rep.Errors) != 3 || rep.Errors[0].Column != "报考级别" || rep.Errors[1].Column != "考试年度" || rep.Errors[2].Column != "考试年度" {
		t.Fatalf("bad exam results: HTTP %d %s", status, raw)
	}

	e.ok(`mutation { createTraining(input: {name: "继续教育班", kind: CONTINUING_EDUCATION, startsOn: "2025-04-10", endsOn: "2025-04-12", hours: 24}) { id } }`, nil, &struct{}{})
	att := sheetCSV([][]string{
		{"培训名称", "培训开始日期", "身份证号", "姓名", "认定学时", "状态"},
		{"继续教育班", "2025-04-10", testID(0), "导入0", "24", ""},
		{"继续教育班", "2025/4/10", testID(1), "导入1", "0", "未结业"},
	})
	status, rep, raw = e.upload("training-attendance", att, "", nil)
	if status != http.StatusOK || rep.Created != 2 {
		t.Fatalf("attendance: HTTP %d %s", status, raw)
	}
	if _, rep, raw = e.upload("training-attendance", att, "", nil); rep.Unchanged != 2 {
		t.Errorf("re-import: %s", raw)
	}
	bad = sheetCSV([][]string{
		{"培训名称", "培训开始日期", "身份证号", "认定学时"},
		{"继续教育班", "2025-04-10", testID(2), "25"},
		{"没有的培训", "2025-04-10", testID(2), "2"},
	})
	status, rep, raw = e.upload("training-attendance", bad, "", nil)
	if status != http.StatusUnprocessableEntity || len(rep.Errors) != 1 || rep.Errors[0].Row != 3 || rep.Errors[0].Column != "培训名称" {
		t.Fatalf("bad attendance: HTTP %d %s", status, raw)
	}
	bad = sheetCSV([][]string{
		{"培训名称", "培训开始日期", "身份证号", "认定学时"},
		{"继续教育班", "2025-04-10", testID(2), "25"},
	})
	status, rep, raw = e.upload("training-attendance", bad, "", nil)
	if status != http.StatusUnprocessableEntity || len(rep.Errors) != 1 || rep.Errors[0].Row != 2 || rep.Errors[0].Column != "认定学时" {
		t.Fatalf("too many hours: HTTP %d %s", status, raw)
	}
}

func TestImportSizeLimit(t *testing.T) {
	e := newEnvWith(t, false, graph.Options{MaxImportBytes: 4 << 10})
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	status, _, raw := e.upload("persons", peopleCSV(0, 500), "", nil)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(raw), "LIMIT_EXCEEDED") {
		t.Fatalf("HTTP %d %s", status, raw)
	}
	if n := e.personCount(); n != 0 {
		t.Fatalf("%d persons from a cut-off file", n)
	}
	if status, _, raw := e.upload("persons", peopleCSV(0, 10), "", nil); status != http.StatusOK {
		t.Fatalf("small file: HTTP %d %s", status, raw)
	}
}

// The payroll exports as a sheet: every line of the last complete month before asOf, as
// allowancePayroll lists it, ID numbers masked.
func TestExportPayroll(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Incentives struct {
			AllowancePayroll struct{ TotalCount, PaidCount int }
		}
	}
	e.ok(`{ incentives { allowancePayroll(month: "2025-12") { totalCount paidCount } } }`, nil, &d)
	status, body := e.download("payroll", "?format=csv&asOf=2026-01-01")
	if status != http.StatusOK {
		t.Fatalf("HTTP %d %s", status, body)
	}
	lines := bytes.Split(bytes.TrimSpace(body), []byte("\n"))
	p := d.Incentives.AllowancePayroll
	if p.TotalCount == 0 || len(lines)-1 != p.TotalCount {
		t.Fatalf("%d payroll lines, allowancePayroll has %d", len(lines)-1, p.TotalCount)
	}
	if paid := bytes.Count(body, []byte(",是,")); paid != p.PaidCount {
		t.Errorf("%d lines paid, allowancePayroll says %d", paid, p.PaidCount)
	}
	if !bytes.Contains(lines[1], []byte("2025-12")) || !bytes.Contains(lines[1], []byte("***")) {
		t.Errorf("first line %s: want month 2025-12 and a masked ID number", lines[1])
	}
	if status, _ := e.download("payroll", "?asOf=yesterday"); status != http.StatusBadRequest {
		t.Errorf("a bad asOf answers HTTP %d", status)
	}
}

// A township clerk moves the township's own registers: its export lists only its people, ID
// numbers masked; an import inside its scope is written; a file with one row outside it is
// refused naming the row and the column, and nothing of the file is written. Reports stay
// with the bureau.
func TestScopedImportAndExport(t *testing.T) {
	e := newEnv(t, false)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	town := e.client.Region.Query().Where(region.Code("361126001000")).OnlyX(ctx)
	township := e.as(e.signIn("township", account.RoleTOWNSHIP, func(c *ent.AccountCreate) { c.SetRegion(town) }))
	staff := e.as(e.signIn("staff", account.RoleSTAFF, nil))
	other := sheetCSV([][]string{{"姓名", "身份证号", "工作地区划代码"}, {"邻乡", testID(50), "361126002000"}})
	if status, _, raw := staff.upload("persons", other, "", nil); status != http.StatusOK {
		t.Fatalf("staff import: HTTP %d %s", status, raw)
	}

	status, rep, raw := township.upload("persons", peopleCSV(0, 3), "", nil)
	if status != http.StatusOK || rep.Created != 3 || !rep.Committed {
		t.Fatalf("in-scope import: HTTP %d %s", status, raw)
	}
	mixed := sheetCSV([][]string{{"姓名", "身份证号", "工作地区划代码"},
		{"本乡", testID(10), "361126001000"}, {"外乡", testID(11), "361126002000"}, {"本乡二", testID(12), "361126001000"}})
	status, rep, raw = township.upload("persons", mixed, "", nil)
	if status != http.StatusUnprocessableEntity || len(rep.Errors) != 1 || rep.Errors[0].Row != 3 ||
		rep.Errors[0].Column != "工作地区划代码" || rep.Errors[0].Code != "FORBIDDEN" || rep.Committed {
		t.Fatalf("a row outside the township: HTTP %d %s", status, raw)
	}
	if n := e.personCount(); n != 4 {
		t.Fatalf("%d persons after the refused file, want 4: a refused file wrote rows", n)
	}

	status, body := township.download("persons", "?format=csv")
	if status != http.StatusOK {
		t.Fatalf("township export: HTTP %d %s", status, body)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("township export: %v, %d rows, want a header and its 3 people:\n%s", err, len(rows), body)
	}
	if bytes.Contains(body, []byte("邻乡")) || bytes.Contains(body, []byte(testID(1))) || !bytes.Contains(body, []byte(testID(1)[:3]+"***")) {
		t.Fatalf("township export shows another township's person or an unmasked ID number:\n%s", body)
	}
	if status, _ := township.download("persons", "?format=csv&reveal=true&reason=checking"); status != http.StatusForbidden {
		t.Fatalf("township reveal: HTTP %d", status)
	}
	for _, kind := range []string{"plan", "coverage"} {
		if status, _ := township.download(kind, "?format=csv"); status != http.StatusForbidden {
			t.Errorf("township exporting the %s report: HTTP %d", kind, status)
		}
	}
	agencyAcct := e.as(e.signIn("agency", account.RoleAGENCY, func(c *ent.AccountCreate) {
		c.SetAgency(e.client.Agency.Create().SetName("弋阳县测试社工服务中心").SetOrgType("PRIVATE_NON_ENTERPRISE").SaveX(ctx))
	}))
	if status, _ := agencyAcct.download("volunteers", "?format=csv"); status != http.StatusForbidden {
		t.Errorf("agency exporting volunteers, which it cannot read: HTTP %d", status)
	}
	if status, body := agencyAcct.download("persons", "?format=csv"); status != http.StatusOK || bytes.Contains(body, []byte("导入")) {
		t.Errorf("agency export of persons: HTTP %d, lists people it does not employ:\n%s", status, body)
	}
}
