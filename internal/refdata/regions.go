package refdata

import (
	"cmp"
	"fmt"
	"slices"

	"swtalent/internal/validate"
)

// RegionRow is one administrative division of the deployment (yiyang_townships.csv).
type RegionRow struct {
	Code string // 12-digit statistical division code
	Name string // official name, e.g. 弋阳县
	Kind string // ent region kind, e.g. COUNTY, SUBDISTRICT, TOWN
}

// Regions returns the deployment's regions in file order. Every code must be 12 digits and
// appear once.
func Regions() ([]RegionRow, error) {
	t, err := readTable(regionsFile, "code", "name", "kind")
	if err != nil {
		return nil, fmt.Errorf("load regions: %w", err)
	}
	rows := make([]RegionRow, 0, len(t.rows))
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		code := t.get(r, "code")
		if validate.RegionLevelOf(code) == "" {
			return nil, fmt.Errorf("load regions: %w", t.errorf(r, "code %q is not 12 digits", code))
		}
		if seen[code] {
			return nil, fmt.Errorf("load regions: %w", t.errorf(r, "code %s repeated", code))
		}
		seen[code] = true
		name, err := t.required(r, "name")
		if err != nil {
			return nil, fmt.Errorf("load regions: %w", err)
		}
		kind, err := t.required(r, "kind")
		if err != nil {
			return nil, fmt.Errorf("load regions: %w", err)
		}
		rows = append(rows, RegionRow{Code: code, Name: name, Kind: kind})
	}
	return rows, nil
}

// TopRegionCode returns the deployment's top region as the regions file describes it: starting
// at the rows without a parent in the file, it descends while there is exactly one such root
// and that root has exactly one child in the file. A file with one province, its city and its
// county with several townships yields the county; a file with several roots yields "" (the
// whole country).
func TopRegionCode() (string, error) {
	rows, err := Regions()
	if err != nil {
		return "", fmt.Errorf("top region: %w", err)
	}
	codes := make([]string, len(rows))
	for i, r := range rows {
		codes[i] = r.Code
	}
	return topRegion(codes), nil
}

// topRegion implements TopRegionCode over a set of region codes.
func topRegion(codes []string) string {
	present := make(map[string]bool, len(codes))
	for _, c := range codes {
		present[c] = true
	}
	children := make(map[string][]string)
	var roots []string
	for _, c := range codes {
		p := ParentCode(c, func(code string) bool { return present[code] })
		if p == "" {
			roots = append(roots, c)
		} else {
			children[p] = append(children[p], c)
		}
	}
	if len(roots) != 1 {
		return ""
	}
	top := roots[0]
	for len(children[top]) == 1 {
		top = children[top][0]
	}
	return top
}

// regionPrefixLengths returns the lengths of the significant prefixes of the levels above a
// village, from the top: province 2, city 4, county 6, township 9.
func regionPrefixLengths() []int { return []int{2, 4, 6, 9} }

// ParentCode returns the code of the nearest enclosing region of code for which exists reports
// true: the candidates are code's prefixes by level (township 9 digits, county 6, city 4,
// province 2, each padded with zeros), nearest first. It returns "" when none exists or code is
// not a 12-digit region code.
func ParentCode(code string, exists func(code string) bool) string {
	own := len(validate.RegionPrefix(code))
	if own == 0 {
		return ""
	}
	lengths := regionPrefixLengths()
	for i := len(lengths) - 1; i >= 0; i-- {
		n := lengths[i]
		if n >= own {
			continue
		}
		candidate := code[:n] + "000000000000"[:12-n]
		if candidate != code && exists(candidate) {
			return candidate
		}
	}
	return ""
}

// sortByLevel orders region rows from the top level down (by the length of their significant
// prefix), then by code, so that parents come before their children.
func sortByLevel(rows []RegionRow) {
	slices.SortStableFunc(rows, func(a, b RegionRow) int {
		if c := cmp.Compare(len(validate.RegionPrefix(a.Code)), len(validate.RegionPrefix(b.Code))); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
}
