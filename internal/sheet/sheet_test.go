package sheet_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"swtalent/internal/sheet"
)

func TestDetectEncoding(t *testing.T) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("姓名,身份证号\n张三,1\n"))
	utf := []byte("姓名,身份证号\n")
	tests := []struct {
		name     string
		head     []byte
		complete bool
		want     string
	}{
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), utf...), true, sheet.EncodingUTF8},
		{"utf-8", utf, true, sheet.EncodingUTF8},
		{"ascii", []byte("name,idNumber\n"), true, sheet.EncodingUTF8},
		{"gb18030", gb, true, sheet.EncodingGB18030},
		{"utf-8 cut inside a character", utf[:4], false, sheet.EncodingUTF8},
		{"gb18030 cut", gb[:5], false, sheet.EncodingGB18030},
	}
	for _, tt := range tests {
		if got := sheet.DetectEncoding(tt.head, tt.complete); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func readAll(t *testing.T, r sheet.Reader) [][]string {
	t.Helper()
	var out [][]string
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
}

func TestCSVAndXLSXReadBackWhatWasWritten(t *testing.T) {
	rows := [][]string{{"姓名", "身份证号"}, {"张三", "011234567890123456"}, {"李, 四", "多行\n文本"}}
	for _, f := range []sheet.Format{sheet.CSV, sheet.XLSX} {
		var b bytes.Buffer
		w, err := sheet.NewWriter(&b, f, "人员")
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
		r, err := sheet.Open(&b, sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := readAll(t, r)
		if len(got) != 3 || strings.Join(got[1], "|") != "张三|011234567890123456" || got[2][0] != "李, 四" || got[2][1] != "多行\n文本" {
			t.Errorf("%s: read %q", f, got)
		}
		if r.Row() != 3 {
			t.Errorf("%s: row %d", f, r.Row())
		}
	}
}

func TestForcedEncoding(t *testing.T) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("姓名\n张三\n"))
	r, err := sheet.NewCSV(bytes.NewReader(gb), "gb18030")
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, r); got[1][0] != "张三" {
		t.Errorf("read %q", got)
	}
	if _, err := sheet.NewCSV(bytes.NewReader(gb), "latin-1"); err == nil {
		t.Error("unknown encoding accepted")
	}
}
