package graph

import "strings"

// maskPhone shows a phone number's first 3 and last 4 digits (138****5678); nil when none.
func maskPhone(p string) *string {
	if p == "" {
		return nil
	}
	if len(p) <= 7 {
		s := strings.Repeat("*", len(p))
		return &s
	}
	s := p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
	return &s
}
