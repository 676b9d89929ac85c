package workforce

import (
	"slices"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// The rules of the kept person facts (package internal/facts): each turns a person's registers
// into the days on which one of this package's predicates holds for them, and each predicate
// stays the reference a property test compares the kept fact with.

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

// RegisteredRule is the rule of the kept fact REGISTERED: the days on which [RegisteredPersonAt]
// holds — the person is in the workforce and holds a certificate valid on the day with a counting
// registration covering it ([RegisteredAt]: status FINAL_REVIEW_PASSED or ISSUED, registered on
// or before the day, valid until the day or later).
func RegisteredRule(p factdata.Person) []factdata.Span {
	var in []interval
	for _, c := range p.Certificates {
		for _, r := range c.Registrations {
			if !certrules.RegistrationStatus(r.Status).Counts() || r.RegisteredOn == nil || r.ValidUntil == nil {
				continue
			}
			from := *r.RegisteredOn
			if c.Passed.After(from) {
				from = c.Passed
			}
			until := r.ValidUntil.AddDays(1)
			if c.Revoked != nil && c.Revoked.Before(until) {
				until = *c.Revoked
			}
			in = append(in, interval{from, &until})
		}
	}
	return union(in, p.Left)
}

// SkilledRule is the rule of the kept fact SKILLED: the days on which [SkilledAt] holds — the
// person is in the workforce and holds a certificate valid on the day or a completed social-work
// degree. The register keeps no date for a degree, so a completed degree counts on every day
// before the person left (from [civil.MinYear]).
func SkilledRule(p factdata.Person) []factdata.Span {
	if p.DegreeCompleted {
		return union([]interval{{civil.DateFor(civil.MinYear, time.January, 1), nil}}, p.Left)
	}
	return union(validIntervals(p), p.Left)
}

// CertifiedCommunityRule is the rule of the kept fact CERTIFIED_COMMUNITY: the days on which
// [CertifiedCommunityWorkerAt] holds — a community worker certified on the day. Roles are not
// dated, so a person with the role counts on every day they are certified, and none without.
func CertifiedCommunityRule(p factdata.Person) []factdata.Span {
	if !slices.Contains(p.Roles, enum.RoleCommunityWorker) {
		return nil
	}
	return union(validIntervals(p), p.Left)
}

// CertifiedCommunityStaffRule is the rule of the kept fact CERTIFIED_COMMUNITY_STAFF: the days on
// which [CertifiedCommunityStaffAt] holds — one of the community's own staff ([IsCommunityStaff]:
// a community worker, grid worker or committee member) certified on the day, as
// [CertifiedCommunityRule] computes it for community workers alone. Roles are not dated, so a
// person with one of the roles counts on every day they are certified, and none without.
func CertifiedCommunityStaffRule(p factdata.Person) []factdata.Span {
	if !IsCommunityStaff(p.Roles) {
		return nil
	}
	return union(validIntervals(p), p.Left)
}

// SkilledCommunityRule is the rule of the kept fact SKILLED_COMMUNITY: the days on which
// [SkilledCommunityWorkerAt] holds — a community worker with social-work skills on the day
// ([SkilledRule]). Roles are not dated, so a person with the role counts on every day they are
// skilled, and none without.
func SkilledCommunityRule(p factdata.Person) []factdata.Span {
	if !slices.Contains(p.Roles, enum.RoleCommunityWorker) {
		return nil
	}
	return SkilledRule(p)
}

// interval is a stretch [from, until) of days; until nil means it lasts.
type interval struct {
	from  civil.Date
	until *civil.Date
}

// validIntervals returns the days on which each of the person's certificates is valid
// ([CertificateValidAt]).
func validIntervals(p factdata.Person) []interval {
	out := make([]interval, 0, len(p.Certificates))
	for _, c := range p.Certificates {
		out = append(out, interval{c.Passed, c.Revoked})
	}
	return out
}

// union returns the days in any of in before left (nil: every day), as non-overlapping,
// non-adjacent spans of weight 1 in date order.
func union(in []interval, left *civil.Date) []factdata.Span {
	var clipped []interval
	for _, iv := range in {
		if left != nil && (iv.until == nil || iv.until.After(*left)) {
			l := *left
			iv.until = &l
		}
		if iv.until != nil && !iv.until.After(iv.from) {
			continue
		}
		clipped = append(clipped, iv)
	}
	slices.SortFunc(clipped, func(a, b interval) int { return a.from.Compare(b.from) })
	var out []factdata.Span
	for _, iv := range clipped {
		if n := len(out); n > 0 && (out[n-1].Until == nil || !out[n-1].Until.Before(iv.from)) {
			if out[n-1].Until != nil && (iv.until == nil || iv.until.After(*out[n-1].Until)) {
				out[n-1].Until = iv.until
			}
			continue
		}
		out = append(out, factdata.Span{From: iv.from, Until: iv.until, Weight: 1})
	}
	return out
}
