package validate

import "testing"

func TestRegionCode(t *testing.T) {
	const f = "regionCode"
	tests := []struct {
		name string
		in   string
		want string
		err  *msg
	}{
		{"county", "361126000000", "361126000000", nil},
		{"trimmed", " 361126001201 ", "361126001201", nil},
		{"11 digits", "36112600000", "", &msgRegionCode},
		{"6 digits", "361126", "", &msgRegionCode},
		{"13 digits", "3611260000000", "", &msgRegionCode},
		{"letter", "36112600000A", "", &msgRegionCode},
		{"empty", "", "", &msgRegionCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RegionCode(f, tt.in)
			checkErr(t, err, f, tt.err, tt.in)
			if got != tt.want {
				t.Errorf("RegionCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRegionLevelPrefixRange(t *testing.T) {
	tests := []struct {
		code, level, prefix, lo, hi string
	}{
		{"360000000000", "PROVINCE", "36", "360000000000", "370000000000"},
		{"361100000000", "CITY", "3611", "361100000000", "361200000000"},
		{"361126000000", "COUNTY", "361126", "361126000000", "361127000000"},
		{"362326000000", "COUNTY", "362326", "362326000000", "362327000000"},
		{"361126001000", "TOWNSHIP", "361126001", "361126001000", "361126002000"},
		{"361126100000", "TOWNSHIP", "361126100", "361126100000", "361126101000"},
		{"361126001001", "VILLAGE", "361126001001", "361126001001", "361126001002"},
		{"361126201399", "VILLAGE", "361126201399", "361126201399", "361126201400"},
		{"361126099000", "TOWNSHIP", "361126099", "361126099000", "361126100000"},
		{"361199000000", "COUNTY", "361199", "361199000000", "361200000000"},
		{"369900000000", "CITY", "3699", "369900000000", "370000000000"},
		{"361126001010", "VILLAGE", "361126001010", "361126001010", "361126001011"},
		{"361126010000", "TOWNSHIP", "361126010", "361126010000", "361126011000"},
		{"990000000000", "PROVINCE", "99", "990000000000", "9999999999999"},
		{"999999999999", "VILLAGE", "999999999999", "999999999999", "9999999999999"},
		{"36112600000", "", "", "", ""},
		{"36112600000A", "", "", "", ""},
		{"", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := RegionLevelOf(tt.code); got != tt.level {
				t.Errorf("RegionLevelOf = %q, want %q", got, tt.level)
			}
			if got := RegionPrefix(tt.code); got != tt.prefix {
				t.Errorf("RegionPrefix = %q, want %q", got, tt.prefix)
			}
			lo, hi := RegionSubtreeRange(tt.code)
			if lo != tt.lo || hi != tt.hi {
				t.Errorf("RegionSubtreeRange = [%q, %q), want [%q, %q)", lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

// TestRegionSubtreeRangeMembership checks the range against RegionChildOf's
// prefix rule for codes around the edges.
func TestRegionSubtreeRangeMembership(t *testing.T) {
	tests := []struct {
		region, code string
		in           bool
	}{
		{"361126000000", "361126000000", true},
		{"361126000000", "361126001201", true},
		{"361126000000", "361126999999", true},
		{"361126000000", "361127000000", false},
		{"361126000000", "361125999999", false},
		{"360000000000", "361126001201", true},
		{"360000000000", "370000000000", false},
		{"361126001000", "361126001999", true},
		{"361126001000", "361126002000", false},
		{"361126001201", "361126001201", true},
		{"361126001201", "361126001202", false},
	}
	for _, tt := range tests {
		t.Run(tt.region+"/"+tt.code, func(t *testing.T) {
			lo, hi := RegionSubtreeRange(tt.region)
			if got := lo <= tt.code && tt.code < hi; got != tt.in {
				t.Errorf("%q in [%q, %q) = %v, want %v", tt.code, lo, hi, got, tt.in)
			}
		})
	}
}

func TestRegionChildOf(t *testing.T) {
	const f = "input[1].regionCode"
	tests := []struct {
		name, child, parent string
		err                 *msg
	}{
		{"county in city", "361126000000", "361100000000", nil},
		{"village in county", "361126001201", "361126000000", nil},
		{"village in province", "361126001201", "360000000000", nil},
		{"township in county", "361126001000", "361126000000", nil},
		{"no parent", "361126000000", "", nil},
		{"blank parent", "361126000000", "  ", nil},
		{"trimmed", " 361126000000", "361100000000 ", nil},
		{"self", "361126000000", "361126000000", &msgRegionSelf},
		{"other city", "361026000000", "361100000000", &msgRegionOutside},
		{"other province", "441126000000", "360000000000", &msgRegionOutside},
		{"parent below child", "361100000000", "361126000000", &msgRegionOutside},
		{"sibling village", "361126001202", "361126001201", &msgRegionOutside},
		{"bad child", "3611260000", "361100000000", &msgRegionCode},
		{"bad parent", "361126000000", "3611", &msgRegionParent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, RegionChildOf(f, tt.child, tt.parent), f, tt.err, tt.child)
		})
	}
}
