package rules

import (
	"slices"

	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/workforce"
)

// The rules of the quality module's kept facts (package internal/facts): each turns a person's
// registers into spans with [CompliantSpans], [TrainingHourSpans] or [TrainedSpans], over the
// person's certified days as the certified fact keeps them ([workforce.CertifiedRule]) and the
// 12-month window of per-year indicators ([civil.Date.YearWindow]).

// completed is the status of a training record whose hours are credited (trainingrecord.StatusCOMPLETED).
const completed = "COMPLETED"

// LeaderTrainingKinds are the kinds of training that count for leaders_trained: leaders' seminars
// (LEADER_SEMINAR) and party-school courses (PARTY_SCHOOL_COURSE).
var LeaderTrainingKinds = []string{"LEADER_SEMINAR", "PARTY_SCHOOL_COURSE"}

// ComplianceFact is the rule of the kept fact CE_COMPLIANT: the days on which the person counts in
// the numerator of continuing_education_compliance_rate ([CompliantSpans]), weight 1.
func ComplianceFact(p factdata.Person) []factdata.Span {
	return factSpans(CompliantSpans(EducationOf(p), certifiedOf(p)))
}

// TrainingHoursFact is the rule of the kept fact TRAINING_HOURS: spans weighted with hours that
// sum, on a day, to the numerator of training_hours_per_certified_worker ([TrainingHourSpans]).
func TrainingHoursFact(p factdata.Person) []factdata.Span {
	var done []Done
	for _, r := range p.Training {
		if r.Status == completed {
			done = append(done, Done{EndsOn: r.TrainingEnds, Hours: r.Hours})
		}
	}
	return factSpans(TrainingHourSpans(civil.Date.YearWindow, done, certifiedOf(p)))
}

// LeaderTrainedFact is the rule of the kept fact LEADER_TRAINED: the days on which the person
// counts in leaders_trained, having completed a training of one of [LeaderTrainingKinds] that
// ended in the day's 12 months ([TrainedSpans]); certified or not.
func LeaderTrainedFact(p factdata.Person) []factdata.Span {
	var ends []civil.Date
	for _, r := range p.Training {
		if r.Status == completed && slices.Contains(LeaderTrainingKinds, r.TrainingKind) {
			ends = append(ends, r.TrainingEnds)
		}
	}
	return factSpans(TrainedSpans(civil.Date.YearWindow, ends))
}

// EducationOf is what continuing education reads of a person's registers: certificates with
// their registrations, the hours of completed training records credited on their training's end
// date, and the degree (completion date unknown: the register keeps none).
func EducationOf(p factdata.Person) Education {
	e := Education{Degree: p.DegreeCompleted}
	for _, c := range p.Certificates {
		h := Holding{Cert: Cert{ID: c.ID, Level: c.Level, PassedOn: c.Passed, RevokedOn: c.Revoked}}
		for _, r := range c.Registrations {
			x := certrules.Registration{Kind: r.Kind, Status: certrules.RegistrationStatus(r.Status)}
			if r.RegisteredOn != nil {
				x.RegisteredOn = *r.RegisteredOn
			}
			if r.ValidUntil != nil {
				x.ValidUntil = *r.ValidUntil
			}
			h.Registrations = append(h.Registrations, x)
		}
		e.Holdings = append(e.Holdings, h)
	}
	for _, r := range p.Training {
		if r.Status == completed {
			e.Credits = append(e.Credits, Credit{On: r.TrainingEnds, Hours: r.Hours})
		}
	}
	return e
}

// certifiedOf is the person's certified days, as the certified fact keeps them.
func certifiedOf(p factdata.Person) []Interval {
	spans := workforce.CertifiedRule(p)
	out := make([]Interval, len(spans))
	for i, s := range spans {
		out[i] = Interval{From: s.From, Until: s.Until}
	}
	return out
}

// factSpans converts spans for the kept facts (no level).
func factSpans(spans []Span) []factdata.Span {
	out := make([]factdata.Span, len(spans))
	for i, s := range spans {
		out[i] = factdata.Span{From: s.From, Until: s.Until, Weight: s.Weight}
	}
	return out
}
