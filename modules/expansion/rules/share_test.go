package rules

import "testing"

func TestParseShare(t *testing.T) {
	for in, want := range map[string]Share{
		"0.8": {8, 10}, "0.80": {80, 100}, "0.805": {805, 1000}, "1": {1, 1}, "0": {0, 1}, "1.0": {10, 10}, ".5": {5, 10}, "0.123456": {123456, 1000000},
	} {
		if got, err := ParseShare(in); err != nil || got != want {
			t.Errorf("ParseShare(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", ".", "1.5", "1.0000001", "0.1234567", "-0.1", "0,8", "80%", "abc", "2"} {
		if _, err := ParseShare(in); err == nil {
			t.Errorf("ParseShare(%q): no error", in)
		}
	}
}

func TestShareMeets(t *testing.T) {
	share := Share{805, 1000}
	cases := []struct {
		part, whole int64
		want        *bool
	}{
		{80500, 100000, ptr(true)},  // 805.00 of 1,000.00: exactly the share
		{80499, 100000, ptr(false)}, // one fen short
		{80501, 100000, ptr(true)},
		{0, 0, nil},   // no budget: not measurable, never "meets"
		{100, 0, nil}, // personnel without a budget: still not measurable
		{0, 100, ptr(false)},
	}
	for _, c := range cases {
		got := share.Meets(c.part, c.whole)
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("Meets(%d, %d) = %v, want %v", c.part, c.whole, fmtp(got), fmtp(c.want))
		}
	}
	if got := (Share{8, 10}).Meets(80, 100); got == nil || !*got {
		t.Errorf("80 of 100 at 0.8 should meet")
	}
	if got := (Share{1, 1}).Meets(99, 100); got == nil || *got {
		t.Errorf("99 of 100 at 1 should not meet")
	}
	if s := (Share{805, 1000}).String(); s != "0.805" {
		t.Errorf("String = %s", s)
	}
	if s := (Share{5, 100}).String(); s != "0.05" {
		t.Errorf("String = %s", s)
	}
}

func ptr(b bool) *bool { return &b }

func fmtp(b *bool) any {
	if b == nil {
		return "nil"
	}
	return *b
}
