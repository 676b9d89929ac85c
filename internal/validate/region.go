package validate

import "strings"

var (
	msgRegionCode    = msg{"行政区划代码应为12位数字", "region code must be 12 digits"}
	msgRegionParent  = msg{"上级行政区划代码应为12位数字", "parent region code must be 12 digits"}
	msgRegionOutside = msg{"行政区划代码不属于上级行政区划", "region code is not inside its parent region"}
	msgRegionSelf    = msg{"行政区划代码不能与上级行政区划相同", "region code must differ from its parent region"}
)

// regionLevels maps each level, from the top, to the length of its
// significant prefix in a 12-digit statistical division code.
var regionLevels = [...]struct {
	name   string
	prefix int
}{
	{"PROVINCE", 2}, {"CITY", 4}, {"COUNTY", 6}, {"TOWNSHIP", 9}, {"VILLAGE", 12},
}

// RegionCode validates an administrative division code (NBS statistical
// code): after trimming surrounding spaces it must be exactly 12 digits. The
// trimmed code is returned. Whether the code exists is not checked.
func RegionCode(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if !isRegionCode(s) {
		return "", invalid(field, msgRegionCode)
	}
	return s, nil
}

// RegionLevelOf returns "PROVINCE", "CITY", "COUNTY", "TOWNSHIP" or "VILLAGE"
// for a 12-digit code, judged by its trailing zeros (360000000000 is a
// province, 361100000000 a city, 361126000000 a county, 361126001000 a
// township, anything else a village). It returns "" if code is not 12 digits.
func RegionLevelOf(code string) string {
	if i := regionLevel(code); i >= 0 {
		return regionLevels[i].name
	}
	return ""
}

// RegionPrefix returns the significant prefix of a 12-digit code, i.e. the
// code without the zeros that mark its level: "36", "3611", "361126",
// "361126001" or all 12 digits for a village. It returns "" if code is not
// 12 digits.
func RegionPrefix(code string) string {
	if i := regionLevel(code); i >= 0 {
		return code[:regionLevels[i].prefix]
	}
	return ""
}

// RegionSubtreeRange returns the half-open string range [lo, hi) that holds
// exactly the 12-digit codes of the region and everything below it, for use
// as `code >= lo AND code < hi`. lo is the code itself; hi is the
// significant prefix plus one, padded with zeros to 12 digits
// (361126000000 -> [361126000000, 361127000000); a village v -> [v, v+1)).
// If the prefix is all nines, hi is thirteen nines, which still sorts after
// every 12-digit code. It returns "", "" if code is not 12 digits.
func RegionSubtreeRange(code string) (lo, hi string) {
	p := RegionPrefix(code)
	if p == "" {
		return "", ""
	}
	b := []byte(p)
	i := len(b) - 1
	for ; i >= 0 && b[i] == '9'; i-- {
		b[i] = '0'
	}
	if i < 0 {
		return code, strings.Repeat("9", 13)
	}
	b[i]++
	return code, string(b) + strings.Repeat("0", 12-len(b))
}

// RegionChildOf validates child as a region code (see [RegionCode]) and,
// unless parent is empty, checks that child lies inside parent's subtree:
// it begins with parent's significant prefix and is not parent itself. Any
// level below the parent is accepted. Errors are reported on field.
func RegionChildOf(field, child, parent string) error {
	child, err := RegionCode(field, child)
	if err != nil {
		return err
	}
	parent = strings.TrimSpace(parent)
	if parent == "" {
		return nil
	}
	if !isRegionCode(parent) {
		return invalid(field, msgRegionParent)
	}
	if child == parent {
		return invalid(field, msgRegionSelf)
	}
	if !strings.HasPrefix(child, RegionPrefix(parent)) {
		return invalid(field, msgRegionOutside)
	}
	return nil
}

// isRegionCode reports whether s is exactly 12 ASCII digits.
func isRegionCode(s string) bool { return len(s) == 12 && isDigits(s) }

// regionLevel returns the index into regionLevels for code, or -1 if code is
// not 12 digits.
func regionLevel(code string) int {
	if !isRegionCode(code) {
		return -1
	}
	for i, l := range regionLevels[:len(regionLevels)-1] {
		if strings.Trim(code[l.prefix:], "0") == "" {
			return i
		}
	}
	return len(regionLevels) - 1
}
