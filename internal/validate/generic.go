package validate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"swtalent/internal/apperr"
)

// Required trims surrounding white space from s and returns it, or a
// BAD_USER_INPUT error with the given messages if nothing is left.
func Required(field, s, zh, en string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", apperr.Invalid(field, zh, en)
	}
	return s, nil
}

// MaxLen returns a BAD_USER_INPUT error if s has more than n characters
// (runes, so one Chinese character counts as one). s is not trimmed.
func MaxLen(field, s string, n int) error {
	if utf8.RuneCountInString(s) > n {
		return apperr.Invalid(field,
			fmt.Sprintf("长度不能超过%d个字符", n),
			fmt.Sprintf("must not be longer than %d characters", n))
	}
	return nil
}
