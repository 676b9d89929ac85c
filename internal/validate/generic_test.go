package validate

import "testing"

func TestRequired(t *testing.T) {
	m := msg{"姓名不能为空", "name is required"}
	tests := []struct {
		name string
		in   string
		want string
		err  *msg
	}{
		{"plain", "张三", "张三", nil},
		{"trimmed", "  张三 \t", "张三", nil},
		{"empty", "", "", &m},
		{"blank", " \t\n", "", &m},
		{"ideographic space", "\u3000", "", &m},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Required("name", tt.in, m.zh, m.en)
			checkErr(t, err, "name", tt.err, tt.in)
			if got != tt.want {
				t.Errorf("Required(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaxLen(t *testing.T) {
	m := msg{"长度不能超过4个字符", "must not be longer than 4 characters"}
	tests := []struct {
		name string
		in   string
		n    int
		err  *msg
	}{
		{"empty", "", 4, nil},
		{"ascii at limit", "abcd", 4, nil},
		{"ascii over", "abcde", 4, &m},
		{"chinese at limit", "江西宜春", 4, nil}, // 12 bytes, 4 runes
		{"chinese over", "江西省宜春", 4, &m},
		{"zero limit", "a", 0, &msg{"长度不能超过0个字符", "must not be longer than 0 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, MaxLen("remark", tt.in, tt.n), "remark", tt.err, tt.in)
		})
	}
}
