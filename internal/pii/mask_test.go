package pii

import "testing"

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"id 18", MaskIDNumber, "36102419900307123X", "361***********123X"},
		{"id 15 (old format)", MaskIDNumber, "361024900307123", "361********7123"},
		{"id empty", MaskIDNumber, "", ""},
		{"id 7", MaskIDNumber, "3610241", "*******"},
		{"id 8", MaskIDNumber, "36102419", "361*2419"},
		{"phone 11", MaskPhone, "13812345678", "138****5678"},
		{"phone empty", MaskPhone, "", ""},
		{"phone 1", MaskPhone, "1", "*"},
		{"phone 7", MaskPhone, "1381234", "*******"},
		{"phone 8", MaskPhone, "13812345", "138*2345"},
		{"phone with country code", MaskPhone, "+8613812345678", "+86*******5678"},
		{"chinese counted as runes", MaskPhone, "张三李四王五赵六", "张三李*王五赵六"},
		{"chinese short", MaskIDNumber, "张三", "**"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
