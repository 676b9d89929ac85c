package validate

import "swtalent/internal/apperr"

// msg is a bilingual error message.
type msg struct{ zh, en string }

// invalid returns a BAD_USER_INPUT error for field with message m.
func invalid(field string, m msg) *apperr.Error {
	return apperr.Invalid(field, m.zh, m.en)
}

// isDigits reports whether s is non-empty and consists of ASCII digits only.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
