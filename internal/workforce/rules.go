package workforce

import (
	"swtalent/internal/factdata"
)

// CertifiedRule is the rule of the kept fact CERTIFIED: the days on which [CertifiedAt] holds
// for the person, labelled with the level [HighestLevelAt] gives, from [Spans].
func CertifiedRule(p factdata.Person) []factdata.Span {
	held := make([]Held, len(p.Certificates))
	for i, c := range p.Certificates {
		held[i] = Held{Level: c.Level, Passed: c.Passed, Revoked: c.Revoked}
	}
	spans := Spans(held, p.Left)
	out := make([]factdata.Span, len(spans))
	for i, s := range spans {
		out[i] = factdata.Span{Level: s.Level, From: s.From, Until: s.Until, Weight: 1}
	}
	return out
}
