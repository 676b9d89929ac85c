package transfer_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"swtalent/ent/person"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
)

// persons3 is a small persons sheet.
func persons3() [][]string { return personRows(3) }

func personCount(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.Client.Person.Query().Count(system())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func gb18030(t *testing.T, b []byte) []byte {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportPersonsFromEveryFormat(t *testing.T) {
	files := map[string]func(t *testing.T) []byte{
		"csv utf-8 with BOM": func(t *testing.T) []byte { return csvOf(persons3()) },
		"csv utf-8 without BOM": func(t *testing.T) []byte {
			return bytes.TrimPrefix(csvOf(persons3()), []byte("\xef\xbb\xbf"))
		},
		"csv gb18030": func(t *testing.T) []byte { return gb18030(t, csvOf(persons3())) },
		"xlsx":        func(t *testing.T) []byte { return xlsxOf(t, persons3()) },
	}
	for name, file := range files {
		t.Run(name, func(t *testing.T) {
			db := openDB(t)
			rep := mustImport(t, db, transfer.Persons(), file(t))
			if rep.Rows != 3 || rep.Created != 3 {
				t.Fatalf("report %+v, want 3 rows created", rep)
			}
			p, err := db.Client.Person.Query().Where(person.IDNumberHash(db.Keyring.Hash("id_number", idNumber(1)))).WithRegion().Only(system())
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != "人员1" || p.Edges.Region == nil || p.Edges.Region.Code != "361126001000" || len(p.Roles) != 2 || p.JoinedOn.String() != "2023-03-01" {
				t.Errorf("stored %+v", p)
			}
			if p.IDNumber == idNumber(1) || p.Phone == "13900000001" {
				t.Error("personal data stored in clear")
			}
			if got, _ := db.Keyring.Decrypt(p.Phone); got != "13900000001" {
				t.Errorf("phone decrypts to %q", got)
			}
			if p.Gender != person.GenderMALE && p.Gender != person.GenderFEMALE {
				t.Errorf("gender not derived: %q", p.Gender)
			}
		})
	}
}

func TestImportRefusesBadRowsAndWritesNothing(t *testing.T) {
	good := persons3()
	badChecksum := idNumber(7)
	badChecksum = badChecksum[:17] + map[bool]string{true: "1", false: "2"}[badChecksum[17] != '1']
	tests := []struct {
		name          string
		bad           []string
		column, value string
		code, message string
	}{
		{"bad checksum", []string{"李四", badChecksum, "", "", "", "", ""}, "身份证号", badChecksum[:3] + "***********" + badChecksum[14:], "BAD_USER_INPUT", "校验"},
		{"duplicate in the file", []string{"王五", idNumber(1), "", "", "", "", ""}, "身份证号", "", "CONFLICT", "与第 3 行重复"},
		{"unknown region", []string{"赵六", idNumber(8), "", "", "", "361126999000", ""}, "工作地区划代码", "361126999000", "BAD_USER_INPUT", "区划代码不存在"},
		{"wrong date format", []string{"钱七", idNumber(9), "", "", "", "", "2023年13月1日"}, "入职日期", "2023年13月1日", "BAD_USER_INPUT", "日期格式"},
		{"empty required cell", []string{"", idNumber(10), "", "", "", "", ""}, "姓名", "", "BAD_USER_INPUT", "不能为空"},
		{"unknown education", []string{"孙八", idNumber(11), "", "大学", "", "", ""}, "最高学历", "大学", "BAD_USER_INPUT", "取值无效"},
		{"bad phone", []string{"周九", idNumber(12), "1234", "", "", "", ""}, "手机号", "****", "BAD_USER_INPUT", "手机号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			rows := append(append([][]string{}, good...), tt.bad)
			rep := importFile(t, db, transfer.Persons(), csvOf(rows), false)
			if rep.OK() || rep.Committed {
				t.Fatalf("accepted: %+v", rep)
			}
			if len(rep.Errors) != 1 {
				t.Fatalf("errors:\n%s", errorsOf(rep))
			}
			e := rep.Errors[0]
			if e.Row != 5 || e.Column != tt.column || e.Code != tt.code || !strings.Contains(e.Message, tt.message) || !strings.Contains(e.Message, " / ") {
				t.Errorf("error %+v", e)
			}
			if tt.value != "" && e.Value != tt.value {
				t.Errorf("value %q, want %q", e.Value, tt.value)
			}
			if strings.Contains(errorsOf(rep), badChecksum) {
				t.Error("report shows an ID number unmasked")
			}
			if n := personCount(t, db); n != 0 {
				t.Errorf("%d persons written from a refused file", n)
			}
		})
	}
}

func TestMissingRequiredColumn(t *testing.T) {
	db := openDB(t)
	rep := importFile(t, db, transfer.Persons(), csvOf([][]string{{"姓名", "手机号"}, {"张三", ""}}), false)
	if len(rep.Errors) != 1 || rep.Errors[0].Column != "身份证号" || rep.Errors[0].Row != 1 {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
}

// A rule only the hooks check (the end date before the start) refuses the file during the
// write: the whole file rolls back and the error names the row.
func TestWriteRefusalRollsBackTheWholeFile(t *testing.T) {
	db := openDB(t)
	rows := personRows(2500)
	rows[0] = append(rows[0], "离开日期")
	for i := 1; i < len(rows); i++ {
		rows[i] = append(rows[i], "")
	}
	rows[2000][7] = "2020-01-01" // left before joining on 2023-03-01
	rep := importFile(t, db, transfer.Persons(), csvOf(rows), false)
	if rep.OK() || rep.Committed {
		t.Fatalf("accepted: %+v", rep)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Row != 2001 || rep.Errors[0].Column != "离开日期" {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
	if n := personCount(t, db); n != 0 {
		t.Errorf("%d persons written from a refused file", n)
	}
}

func TestImportIsIdempotentAndUpdates(t *testing.T) {
	db := openDB(t)
	file := csvOf(personRows(50))
	mustImport(t, db, transfer.Persons(), file)
	rep := mustImport(t, db, transfer.Persons(), file)
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 50 {
		t.Fatalf("second import: %+v", rep)
	}
	rows := personRows(50)
	rows[5][2] = "13700000000"
	rows[6][0] = "改名"
	rep = mustImport(t, db, transfer.Persons(), csvOf(rows))
	if rep.Created != 0 || rep.Updated != 2 || rep.Unchanged != 48 {
		t.Fatalf("changed import: %+v", rep)
	}
	if n := personCount(t, db); n != 50 {
		t.Fatalf("%d persons", n)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := openDB(t)
	rep := importFile(t, db, transfer.Persons(), csvOf(personRows(10)), true)
	if !rep.OK() || rep.Committed || rep.Created != 10 || !rep.DryRun {
		t.Fatalf("dry run: %+v", rep)
	}
	if n := personCount(t, db); n != 0 {
		t.Errorf("dry run wrote %d persons", n)
	}
}

func TestCertificatesNeedTheirHolder(t *testing.T) {
	db := openDB(t)
	mustImport(t, db, transfer.Persons(), csvOf(personRows(3)))
	rows := certificateRows(3)
	rows = append(rows, []string{"202400000000000099", idNumber(40), "", "社会工作师", "2024-06-15"})
	rows[2][2] = "别人"
	rep := importFile(t, db, transfer.Certificates(), csvOf(rows), false)
	if len(rep.Errors) != 2 {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
	if e := rep.Errors[0]; e.Row != 3 || e.Column != "姓名" {
		t.Errorf("name mismatch reported as %+v", e)
	}
	if e := rep.Errors[1]; e.Row != 5 || e.Column != "身份证号" || strings.Contains(e.Value, idNumber(40)[3:14]) {
		t.Errorf("unknown holder reported as %+v", e)
	}
	if n, _ := db.Client.Certificate.Query().Count(system()); n != 0 {
		t.Errorf("%d certificates written", n)
	}
	rows = certificateRows(3)
	rows[1][1] = "12345678901234567"
	rep = importFile(t, db, transfer.Certificates(), csvOf(rows), false)
	if len(rep.Errors) != 1 || rep.Errors[0].Column != "身份证号" {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
	rows = certificateRows(3)
	rows[1][0] = "12345"
	rep = importFile(t, db, transfer.Certificates(), csvOf(rows), false)
	if len(rep.Errors) != 1 || rep.Errors[0].Column != "证书编号" {
		t.Fatalf("errors:\n%s", errorsOf(rep))
	}
}
