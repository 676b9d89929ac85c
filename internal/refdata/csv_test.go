package refdata

import (
	"strings"
	"testing"
)

func TestParseTable(t *testing.T) {
	tab, err := parseTable("x.csv", []byte("\uFEFFb, a\n1, 2\n\"q,uoted\",3\n"), "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.rows) != 2 {
		t.Fatalf("rows = %d, want 2", len(tab.rows))
	}
	if got := tab.get(tab.rows[0], "a"); got != "2" {
		t.Errorf("a of row 1 = %q, want 2", got)
	}
	if got := tab.get(tab.rows[1], "b"); got != "q,uoted" {
		t.Errorf("b of row 2 = %q", got)
	}
	if tab.rows[1].line != 3 {
		t.Errorf("row 2 line = %d, want 3", tab.rows[1].line)
	}
}

func TestParseTableErrors(t *testing.T) {
	tests := []struct {
		name, data string
		required   []string
		want       string
	}{
		{"missing column", "code,name\n1,a\n", []string{"code", "name", "kind"}, `x.csv: missing column "kind"`},
		{"empty file", "", []string{"code"}, "x.csv: read header"},
		{"ragged row", "a,b\n1\n", []string{"a"}, "x.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTable("x.csv", []byte(tt.data), tt.required...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestFieldChecks(t *testing.T) {
	tab, err := parseTable("x.csv", []byte("year,value,comparator,name\n-1,NaN,ABOUT,\n"), "year")
	if err != nil {
		t.Fatal(err)
	}
	r := tab.rows[0]
	if _, err := tab.int(r, "year"); err == nil || !strings.Contains(err.Error(), "x.csv line 2: year -1 is negative") {
		t.Errorf("int: %v", err)
	}
	if _, err := tab.float(r, "value"); err == nil {
		t.Error("float accepted NaN")
	}
	if _, err := tab.comparator(r, "comparator"); err == nil || !strings.Contains(err.Error(), `comparator "ABOUT"`) {
		t.Errorf("comparator: %v", err)
	}
	if _, err := tab.required(r, "name"); err == nil || !strings.Contains(err.Error(), "empty name") {
		t.Errorf("required: %v", err)
	}
}
