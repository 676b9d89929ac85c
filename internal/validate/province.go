package validate

// provinceCodeValid reports whether the two-digit string p is a plausible
// province-level code as used in the first two digits of an ID number:
// 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82, 83 or 91.
func provinceCodeValid(p string) bool {
	if len(p) != 2 || !isDigits(p) {
		return false
	}
	n := atoi(p)
	switch {
	case 11 <= n && n <= 15, 21 <= n && n <= 23, 31 <= n && n <= 37,
		41 <= n && n <= 46, 50 <= n && n <= 54, 61 <= n && n <= 65:
		return true
	}
	switch n {
	case 71, 81, 82, 83, 91:
		return true
	}
	return false
}
