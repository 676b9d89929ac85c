package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"swtalent/internal/validate"
)

func TestImportExportTemplateCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "swtalent.db")
	ctx := context.Background()
	runOK := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, args, strings.NewReader(""), &out, io.Discard, nil); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	tmpl := filepath.Join(dir, "persons-template.xlsx")
	if out := runOK("template", "persons", "--out", tmpl); !strings.Contains(out, "身份证号（必填 required）") || !strings.Contains(out, "最高学历：初中及以下") {
		t.Fatalf("template: %s", out)
	}
	if b, err := os.ReadFile(tmpl); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("template: %v", err)
	}
	id := "36112619900101100"
	id += string(validate.IDCheckChar(id))
	file := filepath.Join(dir, "persons.csv")
	if err := os.WriteFile(file, []byte("姓名,身份证号,手机号\r\n张三,"+id+",13800138000\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := runOK("import", "persons", file, "--db", db, "--dry-run"); !strings.Contains(out, "dry run") || !strings.Contains(out, "created 1") {
		t.Fatalf("dry run: %s", out)
	}
	if out := runOK("import", "--db", db, "persons", file); !strings.Contains(out, "written") || !strings.Contains(out, "created 1") {
		t.Fatalf("import: %s", out)
	}
	if out := runOK("import", "persons", file, "--db", db); !strings.Contains(out, "unchanged 1") {
		t.Fatalf("second import: %s", out)
	}
	masked := filepath.Join(dir, "out.csv")
	runOK("export", "persons", "--out", masked, "--db", db)
	if b, _ := os.ReadFile(masked); bytes.Contains(b, []byte(id)) || !bytes.Contains(b, []byte("张三")) {
		t.Fatalf("masked export:\n%s", b)
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"export", "persons", "--out", masked, "--reveal", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err == nil {
		t.Fatal("reveal without a reason accepted")
	}
	runOK("export", "persons", "--out", masked, "--reveal", "--reason", "yearly audit", "--db", db)
	if b, _ := os.ReadFile(masked); !bytes.Contains(b, []byte(id)) {
		t.Fatalf("revealed export:\n%s", b)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("姓名,身份证号\r\n李四,"+id[:17]+"0\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := run(ctx, []string{"import", "persons", bad, "--db", db}, strings.NewReader(""), &out, io.Discard, nil)
	if err == nil || !strings.Contains(out.String(), "row 2 [身份证号]") || strings.Contains(out.String(), id[:17]) {
		t.Fatalf("bad file: %v\n%s", err, out.String())
	}
	if err := run(ctx, []string{"import", "volunteers-x", file, "--db", db}, strings.NewReader(""), io.Discard, io.Discard, nil); err == nil {
		t.Fatal("unknown kind accepted")
	}
}
