package transfer_test

import (
	"bytes"
	"fmt"
	"testing"

	"swtalent/internal/sheet"
	"swtalent/internal/store"
	"swtalent/internal/transfer"
	"swtalent/internal/validate"
)

// creditCode builds a valid credit code of a private non-enterprise unit.
func creditCode(n int) string {
	first17 := fmt.Sprintf("52361126MJ%07d", n)
	return first17 + string(validate.CreditCheckChar(first17))
}

// registers is one file per core kind, in import order.
func registers(t testing.TB) []struct {
	kind *transfer.Kind
	file []byte
} {
	regions := [][]string{{"区划代码", "名称", "区划类型", "常住人口"},
		{"361126001201", "新塘村", "", "1200"},
		{"361126001001", "东街社区", "社区", "3500"},
		{"361126001002", "西街社区", "", ""},
	}
	agencies := [][]string{{"机构名称", "统一社会信用代码", "组织类型", "社会工作服务机构", "枢纽型", "可承接政府购买服务", "影响力", "服务领域", "所在区划代码", "登记日期", "培育部门", "培育年度"},
		{"弋阳县阳光社会工作服务中心", creditCode(1), "民办非企业单位", "是", "否", "是", "市级", "为老服务、社会救助", "361126000000", "2021-05-20", "县民政局", "2025"},
		{"弋阳县社会工作协会", creditCode(2), "社会团体", "否", "是", "否", "县级", "", "361126000000", "2020/3/1", "弋阳县卫生健康委员会", "2024"},
		{"东街社区爱心互助会", "", "社区社会组织", "否", "否", "否", "", "", "361126001001", "", "", ""},
	}
	points := [][]string{{"层级", "名称", "所在区划代码", "地址", "运营机构", "一体推进设施", "启用日期"},
		{"村（社区）社会工作服务点", "东街社区服务点", "361126001001", "东街1号", "", "党群服务中心", "2023-06-30"},
		{"县社会工作服务中心", "弋阳县社会工作服务中心", "361126000000", "", creditCode(1), "", "2022-01-01"},
		{"乡镇（街道）社工站", "桃源街道社工站", "361126001000", "", "弋阳县阳光社会工作服务中心", "", "2022-06-01"},
	}
	persons := [][]string{{"姓名", "身份证号", "手机号", "最高学历", "社会工作专业学历", "身份", "工作地区划代码", "所在机构", "入职日期", "离开日期"},
		{"张三", idNumber(1), "13800138000", "本科", "已取得", "社区工作者、网格员", "361126001001", "", "2022-03-01", ""},
		{"李四", idNumber(2), "", "大专", "", "社会组织工作人员", "361126000000", creditCode(1), "", ""},
		{"王五", idNumber(3), "", "", "在读", "", "", "", "2020-01-01", "2024-12-31"},
	}
	certs := [][]string{{"证书编号", "身份证号", "姓名", "证书等级", "取得日期", "撤销日期"},
		{"202200361126000001", idNumber(1), "张三", "助理社会工作师", "2022-06-19", ""},
		{"202400361126000002", idNumber(1), "", "社会工作师", "2024-06-15", ""},
		{"202300361126000003", idNumber(2), "李四", "初级", "2023-06-18", "2025-01-01"},
	}
	return []struct {
		kind *transfer.Kind
		file []byte
	}{
		{transfer.Regions(), csvOf(regions)},
		{transfer.Agencies(), xlsxOf(t, agencies)},
		{transfer.ServicePoints(), csvOf(points)},
		{transfer.Persons(), xlsxOf(t, persons)},
		{transfer.Certificates(), csvOf(certs)},
	}
}

// export writes a kind as CSV, personal data revealed.
func export(t testing.TB, db *store.DB, k *transfer.Kind) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := sheet.NewWriter(&b, sheet.CSV, k.TitleZH)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := transfer.Export(system(), db.Client, k, w, transfer.ExportOptions{Reveal: true, Reason: "round trip test", Today: today}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTripYieldsIdenticalData(t *testing.T) {
	first := openDB(t)
	for _, r := range registers(t) {
		if rep := mustImport(t, first, r.kind, r.file); rep.Created != 3 {
			t.Fatalf("%s: %+v", r.kind.Name, rep)
		}
	}
	second := openDB(t)
	for _, r := range registers(t) {
		out := export(t, first, r.kind)
		rep := mustImport(t, first, r.kind, out)
		if rep.Created != 0 || rep.Updated != 0 {
			t.Errorf("%s: re-importing the export changed data: %+v", r.kind.Name, rep)
		}
		mustImport(t, second, r.kind, out)
		if again := export(t, second, r.kind); !bytes.Equal(again, out) {
			t.Errorf("%s: export after the round trip differs:\n%s\n---\n%s", r.kind.Name, out, again)
		}
	}
}

func TestExportMasksPersonalData(t *testing.T) {
	db := openDB(t)
	mustImport(t, db, transfer.Persons(), csvOf(personRows(2)))
	var b bytes.Buffer
	w, _ := sheet.NewWriter(&b, sheet.CSV, "")
	if _, err := transfer.Export(system(), db.Client, transfer.Persons(), w, transfer.ExportOptions{Today: today}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte(idNumber(1))) || bytes.Contains(b.Bytes(), []byte("13900000001")) {
		t.Fatalf("masked export shows personal data:\n%s", b.Bytes())
	}
	if !bytes.Contains(b.Bytes(), []byte("361***********")) || !bytes.Contains(b.Bytes(), []byte("139****0001")) {
		t.Fatalf("export is not masked as expected:\n%s", b.Bytes())
	}
	w, _ = sheet.NewWriter(&b, sheet.CSV, "")
	if _, err := transfer.Export(system(), db.Client, transfer.Persons(), w, transfer.ExportOptions{Reveal: true, Today: today}); err == nil {
		t.Fatal("reveal without a reason accepted")
	}
	before, _ := db.Client.AuditEvent.Query().Count(system())
	export(t, db, transfer.Persons())
	if after, _ := db.Client.AuditEvent.Query().Count(system()); after != before+1 {
		t.Errorf("reveal not audited: %d events, then %d", before, after)
	}
}

func TestTemplateHasHeadersAndExample(t *testing.T) {
	for _, k := range transfer.Core() {
		var b bytes.Buffer
		w, _ := sheet.NewWriter(&b, sheet.XLSX, k.TitleZH)
		if err := transfer.Template(k, w); err != nil {
			t.Fatal(err)
		}
		r, err := sheet.Open(&b, sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		head, err := r.Next()
		if err != nil || len(head) != len(k.Columns) || head[0] != k.Columns[0].ZH {
			t.Errorf("%s: header %v, %v", k.Name, head, err)
		}
		ex, err := r.Next()
		if err != nil || ex[0] == "" {
			t.Errorf("%s: example %v, %v", k.Name, ex, err)
		}
	}
}

// Rules only the hooks know (structure of the network and of regions) refuse the file at the
// row that breaks them, with nothing written.
func TestRegisterRulesOfTheHooks(t *testing.T) {
	db := openDB(t)
	rep := importFile(t, db, transfer.Regions(), csvOf([][]string{{"区划代码", "名称"}, {"361126001001", "东街社区"}, {"441900001001", "外省社区"}}), false)
	if len(rep.Errors) != 1 || rep.Errors[0].Row != 3 || rep.Errors[0].Column != "区划代码" {
		t.Fatalf("region without parent:\n%s", errorsOf(rep))
	}
	if n, _ := db.Client.Region.Query().Count(system()); n != 20 {
		t.Errorf("%d regions after a refused file", n)
	}
	rep = importFile(t, db, transfer.ServicePoints(), csvOf([][]string{{"层级", "名称", "所在区划代码"},
		{"县社会工作服务中心", "中心", "361126000000"}, {"乡镇（街道）社工站", "错放的社工站", "361126000000"}}), false)
	if len(rep.Errors) != 1 || rep.Errors[0].Row != 3 || rep.Errors[0].Column != "所在区划代码" || rep.Errors[0].Code != "BAD_USER_INPUT" {
		t.Fatalf("station at the county:\n%s", errorsOf(rep))
	}
	if n, _ := db.Client.ServicePoint.Query().Count(system()); n != 0 {
		t.Errorf("%d points after a refused file", n)
	}
	rep = importFile(t, db, transfer.Agencies(), csvOf([][]string{{"机构名称", "统一社会信用代码"}, {"甲", creditCode(1)[:17] + "0"}, {"乙", creditCode(1)}, {"丙", creditCode(1)}}), false)
	if len(rep.Errors) < 2 || rep.Errors[0].Column != "统一社会信用代码" || rep.Errors[len(rep.Errors)-1].Code != "CONFLICT" {
		t.Fatalf("agencies:\n%s", errorsOf(rep))
	}
}
