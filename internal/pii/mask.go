package pii

import "strings"

// maskMinRunes is the shortest value that keeps any characters when masked;
// anything shorter is masked entirely.
const maskMinRunes = 8

// MaskIDNumber masks a resident ID number for display: the first 3 and last 4
// characters are kept and the rest replaced by '*', e.g.
// "361***********123X". A value shorter than 8 characters becomes all '*'.
func MaskIDNumber(s string) string {
	return mask(s, 3, 4)
}

// MaskPhone masks a phone number for display: the first 3 and last 4
// characters are kept and the rest replaced by '*', e.g. "138****5678". A
// value shorter than 8 characters becomes all '*'.
func MaskPhone(s string) string {
	return mask(s, 3, 4)
}

// mask keeps the first head and last tail runes of s and replaces the rest
// with '*', one per rune. Values shorter than maskMinRunes are fully masked.
func mask(s string, head, tail int) string {
	r := []rune(s)
	if len(r) < maskMinRunes {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
