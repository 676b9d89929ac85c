package workforce

import (
	"slices"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Held is what the certified rule reads of one certificate a person holds.
type Held struct {
	Level   enum.CertificateLevel
	Passed  civil.Date
	Revoked *civil.Date
}

// Span is an interval [From, Until) of days on which a person is certified with the same highest
// valid certificate level; Until nil means it lasts.
type Span struct {
	Level enum.CertificateLevel
	From  civil.Date
	Until *civil.Date
}

// Spans returns the days on which [CertifiedAt] holds for a person who holds certs and left the
// workforce on left (nil: still in it), as non-overlapping spans in date order, each labelled with
// the level [HighestLevelAt] gives on its days; adjacent spans always differ in level. It is the
// one definition of the kept CERTIFIED fact (CertifiedRule): the hooks, the backfill and check-facts all
// call it.
func Spans(certs []Held, left *civil.Date) []Span {
	// Every day between two consecutive boundaries has the same valid certificates and the same
	// workforce membership, so one look per boundary decides the whole stretch after it.
	bounds := make([]civil.Date, 0, 2*len(certs)+1)
	for _, c := range certs {
		bounds = append(bounds, c.Passed)
		if c.Revoked != nil {
			bounds = append(bounds, *c.Revoked)
		}
	}
	if left != nil {
		bounds = append(bounds, *left)
	}
	slices.SortFunc(bounds, civil.Date.Compare)
	bounds = slices.Compact(bounds)
	var out []Span
	for i, day := range bounds {
		var level enum.CertificateLevel
		if left == nil || left.After(day) {
			for _, c := range certs {
				if !c.Passed.After(day) && (c.Revoked == nil || c.Revoked.After(day)) && c.Level.Rank() > level.Rank() {
					level = c.Level
				}
			}
		}
		var end *civil.Date
		if i+1 < len(bounds) {
			end = &bounds[i+1]
		}
		switch n := len(out); {
		case level == "":
		case n > 0 && out[n-1].Level == level && out[n-1].Until != nil && *out[n-1].Until == day:
			out[n-1].Until = end
		default:
			out = append(out, Span{Level: level, From: day, Until: end})
		}
	}
	return out
}
