package facts

import (
	"cmp"
	"slices"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/factdata"
	"swtalent/internal/workforce"
	quality "swtalent/modules/quality/rules"
)

// Fact is one kept person fact: its name and its rule, a pure function from a person's loaded
// registers to the spans of days on which the fact holds for them.
type Fact struct {
	Name enum.Fact
	Rule func(factdata.Person) []factdata.Span
}

// List returns every kept person fact. The refresh of the hooks, the sweep of the backfill and of
// check-facts, and the generator all compute through it; adding a fact is adding it here (see the
// package documentation).
func List() []Fact {
	return []Fact{
		{Name: enum.FactCertified, Rule: workforce.CertifiedRule},
		{Name: enum.FactRegistered, Rule: workforce.RegisteredRule},
		{Name: enum.FactSkilled, Rule: workforce.SkilledRule},
		{Name: enum.FactCertifiedCommunity, Rule: workforce.CertifiedCommunityRule},
		{Name: enum.FactSkilledCommunity, Rule: workforce.SkilledCommunityRule},
		{Name: enum.FactCECompliant, Rule: quality.ComplianceFact},
		{Name: enum.FactTrainingHours, Rule: quality.TrainingHoursFact},
		{Name: enum.FactLeaderTrained, Rule: quality.LeaderTrainedFact},
		{Name: enum.FactQualifiedSupervisor, Rule: quality.QualifiedSupervisorFact},
		{Name: enum.FactCertifiedCommunityStaff, Rule: workforce.CertifiedCommunityStaffRule},
		{Name: enum.FactExamSat, Rule: certrules.ExamSatFact},
		{Name: enum.FactExamPassed, Rule: certrules.ExamPassedFact},
	}
}

// Kept is one person's kept spans of every fact, with the workplace region code they are filed
// under ("" when the person has no workplace region).
type Kept struct {
	Region string
	Spans  map[enum.Fact][]factdata.Span
}

// Compute applies every fact's rule to the person's registers: the spans that should be kept.
func Compute(p factdata.Person) Kept {
	k := Kept{Region: p.Region}
	for _, f := range List() {
		if s := f.Rule(p); len(s) > 0 {
			if k.Spans == nil {
				k.Spans = map[enum.Fact][]factdata.Span{}
			}
			k.Spans[f.Name] = canonical(s)
		}
	}
	return k
}

// canonical sorts spans in one order, so that kept and computed spans compare span by span.
func canonical(s []factdata.Span) []factdata.Span {
	slices.SortStableFunc(s, func(a, b factdata.Span) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		switch {
		case a.Until == nil && b.Until != nil:
			return 1
		case a.Until != nil && b.Until == nil:
			return -1
		case a.Until != nil:
			if c := a.Until.Compare(*b.Until); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(a.Level, b.Level); c != 0 {
			return c
		}
		return cmp.Compare(a.Weight, b.Weight)
	})
	return s
}

// Equal reports whether k and o keep the same spans of every fact under the same region.
func (k Kept) Equal(o Kept) bool {
	if k.empty() && o.empty() {
		return true
	}
	if k.Region != o.Region {
		return false
	}
	for name := range k.Spans {
		if !k.EqualFact(o, name) {
			return false
		}
	}
	for name := range o.Spans {
		if !k.EqualFact(o, name) {
			return false
		}
	}
	return true
}

// EqualFact reports whether k and o keep the same spans of fact (the region aside).
func (k Kept) EqualFact(o Kept, fact enum.Fact) bool {
	return slices.EqualFunc(k.Spans[fact], o.Spans[fact], factdata.Span.Equal)
}

// empty reports whether k keeps no span.
func (k Kept) empty() bool {
	for _, s := range k.Spans {
		if len(s) > 0 {
			return false
		}
	}
	return true
}

// add appends a span of fact to k.
func (k *Kept) add(fact enum.Fact, s factdata.Span) {
	if k.Spans == nil {
		k.Spans = map[enum.Fact][]factdata.Span{}
	}
	k.Spans[fact] = append(k.Spans[fact], s)
}
