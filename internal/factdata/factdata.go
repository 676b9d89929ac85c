// Package factdata holds what the kept person facts (package internal/facts) read of one person,
// loaded once for every fact, and the spans a fact's rule returns. It depends on nothing but
// dates and enums, so that a rule package of any module can take a [Person] and return
// [Span]s without importing the machinery that keeps them.
package factdata

import (
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Person is everything a fact rule may read of one person: their current record, their
// certificates with the registrations of each, their training records with the training each
// belongs to, their supervisor qualifications and their exam applications. Slices are in id
// order.
type Person struct {
	ID int
	// Region is the code of the person's workplace region, "" when they have none.
	Region string
	// Left is the day the person left the workforce, nil while they are in it.
	Left *civil.Date
	// DegreeCompleted holds when the person's social-work degree is COMPLETED (person.social_work_degree);
	// the register keeps no date for it.
	DegreeCompleted bool
	// Roles are the person's current roles (not dated).
	Roles        []enum.PersonRole
	Certificates []Certificate
	Training     []TrainingRecord
	// Qualifications are the person's supervisor qualifications (supervisor_qualifications).
	Qualifications []Qualification
	// Exams are the person's exam applications (exam_applications).
	Exams []ExamApplication
}

// ExamApplication is one of the person's exam applications (职业水平考试报名): the exam's year,
// the level applied for and the outcome (certrules.Outcome: APPLIED, SAT, PASSED, FAILED or
// ABSENT).
type ExamApplication struct {
	Year    int
	Level   enum.CertificateLevel
	Outcome string
}

// Qualification is one supervisor qualification of the person (督导资质): valid from Granted
// until Revoked, that day not counted.
type Qualification struct {
	Granted civil.Date
	Revoked *civil.Date // nil while it is not revoked
}

// Certificate is one certificate the person holds, with its registrations.
type Certificate struct {
	ID            int
	Level         enum.CertificateLevel
	Passed        civil.Date
	Revoked       *civil.Date
	Registrations []Registration
}

// Registration is one registration of a certificate (certificate_registrations).
type Registration struct {
	Kind         string      // FIRST or RENEWAL
	Status       string      // the registration status, e.g. ISSUED
	RegisteredOn *civil.Date // nil when not registered yet
	ValidUntil   *civil.Date // last day the registration is valid; nil when not registered yet
}

// TrainingRecord is one of the person's training records with what it reads of its training.
type TrainingRecord struct {
	Status        string     // ENROLLED, COMPLETED or FAILED
	Hours         int        // hours credited
	TrainingKind  string     // the training's kind
	TrainingHours int        // the training's nominal hours
	TrainingEnds  civil.Date // the training's last day
}

// Span is an interval [From, Until) of days on which a fact holds for a person, with a weight
// (1 for a fact that counts persons) and an optional level (the highest certificate level, for
// facts counted by level). Until nil means it lasts. A rule returns a person's spans of one fact
// in date order; spans of one fact may overlap only when the fact is weighted.
type Span struct {
	Level  enum.CertificateLevel // "" when the fact is not counted by level
	From   civil.Date
	Until  *civil.Date
	Weight int
}

// Equal reports whether s and o are the same span.
func (s Span) Equal(o Span) bool {
	return s.Level == o.Level && s.From == o.From && s.Weight == o.Weight &&
		(s.Until == nil) == (o.Until == nil) && (s.Until == nil || *s.Until == *o.Until)
}

// Covers reports whether the span holds on day d.
func (s Span) Covers(d civil.Date) bool {
	return !s.From.After(d) && (s.Until == nil || s.Until.After(d))
}
