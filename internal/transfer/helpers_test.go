package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"swtalent/ent/privacy"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/sheet"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/internal/transfer"
	"swtalent/internal/validate"
)

// today is the tests' fixed date.
var today = civil.DateFor(2026, 1, 15)

// system is a context allowed everything, as the command line runs.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// openDB opens a fresh database with the reference data (the Yiyang regions).
func openDB(t testing.TB) *store.DB {
	t.Helper()
	db := testdb.Open(t)
	if err := refdata.Load(system(), db.Client); err != nil {
		t.Fatal(err)
	}
	return db
}

// idNumber builds a valid ID number born on 1990-01-01 plus n days' worth of sequence.
func idNumber(n int) string {
	birth := civil.DateFor(1960, 1, 1).AddDate(0, 0, n/500)
	first17 := fmt.Sprintf("361126%04d%02d%02d%03d", birth.Year, int(birth.Month), birth.Day, n%500+100)
	return first17 + string(validate.IDCheckChar(first17))
}

// csvOf renders rows as a UTF-8 CSV file.
func csvOf(rows [][]string) []byte {
	var b bytes.Buffer
	w, _ := sheet.NewWriter(&b, sheet.CSV, "")
	for _, r := range rows {
		_ = w.Write(r)
	}
	_ = w.Close()
	return b.Bytes()
}

// xlsxOf renders rows as an XLSX workbook.
func xlsxOf(t testing.TB, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := sheet.NewWriter(&b, sheet.XLSX, "sheet")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importFile imports a file's bytes.
func importFile(t testing.TB, db *store.DB, k *transfer.Kind, file []byte, dryRun bool) *transfer.Report {
	t.Helper()
	r, err := sheet.Open(bytes.NewReader(file), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, err := transfer.Import(system(), db.Client, k, r, transfer.ImportOptions{DryRun: dryRun, Today: today})
	if err != nil {
		t.Fatalf("import %s: %v", k.Name, err)
	}
	return rep
}

// mustImport imports a file that must be accepted and committed.
func mustImport(t testing.TB, db *store.DB, k *transfer.Kind, file []byte) *transfer.Report {
	t.Helper()
	rep := importFile(t, db, k, file, false)
	if !rep.OK() || !rep.Committed {
		t.Fatalf("import %s refused: %s", k.Name, errorsOf(rep))
	}
	return rep
}

func errorsOf(rep *transfer.Report) string {
	var out []string
	for _, e := range rep.Errors {
		out = append(out, e.String())
	}
	return strings.Join(out, "\n")
}

// personRows builds a persons sheet of n people in Yiyang's first township.
func personRows(n int) [][]string {
	rows := [][]string{{"姓名", "身份证号", "手机号", "最高学历", "身份", "工作地区划代码", "入职日期"}}
	for i := 0; i < n; i++ {
		rows = append(rows, []string{fmt.Sprintf("人员%d", i), idNumber(i), fmt.Sprintf("139%08d", i), "本科", "社区工作者、网格员", "361126001000", "2023-03-01"})
	}
	return rows
}

// certificateRows builds a certificates sheet, one per person of personRows.
func certificateRows(n int) [][]string {
	rows := [][]string{{"证书编号", "身份证号", "姓名", "证书等级", "取得日期"}}
	for i := 0; i < n; i++ {
		rows = append(rows, []string{fmt.Sprintf("2024%014d", i), idNumber(i), fmt.Sprintf("人员%d", i), "助理社会工作师", "2024-06-15"})
	}
	return rows
}

// tableRows reads every row of the tables as text, every column, in id order: the registers
// exactly as stored.
func tableRows(t *testing.T, db *store.DB, tables ...string) []string {
	t.Helper()
	var out []string
	for _, table := range tables {
		for _, line := range queryRows(t, db, "SELECT * FROM "+table+" ORDER BY id") {
			out = append(out, table+line)
		}
	}
	return out
}

// queryRows runs a query and returns its rows as text, each column as " name=value".
func queryRows(t *testing.T, db *store.DB, query string) []string {
	t.Helper()
	rows, err := db.SQL.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := ""
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339Nano)
			}
			line += " " + cols[i] + "=" + fmt.Sprint(v)
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
