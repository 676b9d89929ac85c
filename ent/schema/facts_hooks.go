package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"
	entsql "entgo.io/ent/dialect/sql"

	gen "swtalent/ent"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/examapplication"
	"swtalent/ent/hook"
	"swtalent/ent/person"
	"swtalent/ent/recognition"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/facts"
)

// The kept person facts (package internal/facts) read, of each person: their record (departure,
// workplace, social-work degree, roles), their certificates with the registrations of each,
// their training records with the training each belongs to, their supervisor qualifications and
// their exam applications. Every mutation that can move one of
// those inputs calls facts.Touched for the persons it affects, before and after the change, in
// its transaction. Each register's hook below names the fields the facts read and how to find the
// persons of the rows a mutation changes.

// touches reports whether m sets or clears one of fields.
func touches(m ent.Mutation, fields []string) bool {
	return slices.ContainsFunc(m.Fields(), func(f string) bool { return slices.Contains(fields, f) }) ||
		slices.ContainsFunc(m.ClearedFields(), func(f string) bool { return slices.Contains(fields, f) }) ||
		slices.ContainsFunc(m.AddedEdges(), func(f string) bool { return slices.Contains(fields, f) }) ||
		slices.ContainsFunc(m.ClearedEdges(), func(f string) bool { return slices.Contains(fields, f) })
}

// factMutation is what keepFacts needs of a generated mutation.
type factMutation interface {
	ent.Mutation
	IDs(context.Context) ([]int, error)
	Client() *gen.Client
}

// keepFacts returns the hook that keeps the facts of the persons a mutation of M affects: for the
// given ops, when the mutation creates or deletes rows or sets or clears one of fields (or
// edges), it finds the persons of the rows it changes before the change (before, from their
// ids), runs it, adds the persons the mutation itself names (after) and calls facts.Touched for
// all of them in the mutation's transaction.
func keepFacts[M factMutation](ops ent.Op, fields []string,
	before func(ctx context.Context, c *gen.Client, ids []int) ([]int, error),
	after func(ctx context.Context, m M) ([]int, error)) ent.Hook {
	return keepWith(facts.Touched, ops, fields, before, after)
}

// keepWith is keepFacts calling touch with the ids before and after (persons for facts.Touched,
// communities for facts.TouchedDemonstrations).
func keepWith[M factMutation](touch func(ctx context.Context, c *gen.Client, ids ...int) error, ops ent.Op, fields []string,
	before func(ctx context.Context, c *gen.Client, ids []int) ([]int, error),
	after func(ctx context.Context, m M) ([]int, error)) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			m, ok := mu.(M)
			if !ok || !mu.Op().Is(ops) || (!mu.Op().Is(ent.OpCreate|ent.OpDelete|ent.OpDeleteOne) && !touches(mu, fields)) {
				return next.Mutate(ctx, mu)
			}
			var persons []int
			if before != nil && !mu.Op().Is(ent.OpCreate) {
				ids, err := m.IDs(unrestricted(ctx))
				if err != nil {
					return nil, fmt.Errorf("%s rows changed: %w", mu.Type(), err)
				}
				if len(ids) > 0 {
					if persons, err = before(unrestricted(ctx), m.Client(), ids); err != nil {
						return nil, fmt.Errorf("persons of the %s rows changed: %w", mu.Type(), err)
					}
				}
			}
			v, err := next.Mutate(ctx, mu)
			if err != nil {
				return nil, err
			}
			if after != nil {
				more, err := after(unrestricted(ctx), m)
				if err != nil {
					return nil, fmt.Errorf("persons of the %s rows changed: %w", mu.Type(), err)
				}
				persons = append(persons, more...)
			}
			if len(persons) == 0 {
				return v, nil
			}
			if err := touch(ctx, m.Client(), persons...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

// inInts holds for rows whose column col (a foreign key) is one of ids. The hooks look rows up by
// their foreign-key columns (each has an index) rather than through ent's edge predicates, which
// are correlated EXISTS tests of every row of the other table: at national scale the persons of
// a changed training record were a scan of 1.5 M persons (2.7 s in sqlite3, cold) per write.
func inInts(col string, ids []int) func(*entsql.Selector) {
	return func(s *entsql.Selector) { s.Where(entsql.InInts(s.C(col), ids...)) }
}

// allWrites are the operations that can move a fact.
const allWrites = ent.OpCreate | ent.OpUpdate | ent.OpUpdateOne | ent.OpDelete | ent.OpDeleteOne

// keepFactsOfHolders keeps the facts of the holders of the certificates a mutation creates,
// changes or deletes.
func keepFactsOfHolders() ent.Hook {
	return keepFacts(allWrites,
		[]string{certificate.FieldHolderID, certificate.FieldLevel, certificate.FieldPassedOn, certificate.FieldRevokedOn, certificate.EdgeHolder},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.Certificate.Query().Where(certificate.IDIn(ids...)).Select(certificate.FieldHolderID).Ints(ctx)
		},
		func(_ context.Context, m *gen.CertificateMutation) ([]int, error) {
			if h, ok := m.HolderID(); ok {
				return []int{h}, nil
			}
			return nil, nil
		})
}

// keepFactsOfPersons keeps the facts of the persons whose departure, workplace, social-work
// degree or roles a mutation changes, and drops those of deleted persons. A new person holds no
// certificate yet; a completed degree or a role may already count, so creation refreshes too.
func keepFactsOfPersons() ent.Hook {
	return keepFacts(allWrites,
		[]string{person.FieldLeftOn, person.FieldRegionID, person.FieldSocialWorkDegree, person.FieldRoles, person.EdgeRegion},
		func(_ context.Context, _ *gen.Client, ids []int) ([]int, error) { return ids, nil },
		func(_ context.Context, m *gen.PersonMutation) ([]int, error) {
			if id, ok := m.ID(); ok && m.Op().Is(ent.OpCreate) {
				return []int{id}, nil
			}
			return nil, nil
		})
}

// keepFactsOfRegistrations keeps the facts of the holders of the certificates whose
// registrations a mutation creates, changes or deletes.
func keepFactsOfRegistrations() ent.Hook {
	return keepFacts(allWrites,
		[]string{certificateregistration.FieldKind, certificateregistration.FieldStatus, certificateregistration.FieldRegisteredOn,
			certificateregistration.FieldValidUntil, certificateregistration.EdgeCertificate},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			certs, err := c.CertificateRegistration.Query().Where(certificateregistration.IDIn(ids...)).
				Select(certificateregistration.CertificateColumn).Ints(ctx)
			if err != nil || len(certs) == 0 {
				return nil, err
			}
			return c.Certificate.Query().Where(certificate.IDIn(certs...)).Select(certificate.FieldHolderID).Ints(ctx)
		},
		func(ctx context.Context, m *gen.CertificateRegistrationMutation) ([]int, error) {
			id, ok := m.CertificateID()
			if !ok {
				return nil, nil
			}
			return m.Client().Certificate.Query().Where(certificate.ID(id)).Select(certificate.FieldHolderID).Ints(ctx)
		})
}

// keepFactsOfParticipants keeps the facts of the persons whose training records a mutation
// creates, changes or deletes.
func keepFactsOfParticipants() ent.Hook {
	return keepFacts(allWrites,
		[]string{trainingrecord.FieldHours, trainingrecord.FieldStatus, trainingrecord.EdgePerson, trainingrecord.EdgeTraining},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.TrainingRecord.Query().Where(trainingrecord.IDIn(ids...)).Select(trainingrecord.PersonColumn).Ints(ctx)
		},
		func(_ context.Context, m *gen.TrainingRecordMutation) ([]int, error) {
			if id, ok := m.PersonID(); ok {
				return []int{id}, nil
			}
			return nil, nil
		})
}

// keepFactsOfTrainees keeps the facts of the participants of the trainings whose end date, hours
// or kind a mutation changes, or which it deletes. A new training has no records yet.
func keepFactsOfTrainees() ent.Hook {
	return keepFacts[*gen.TrainingMutation](ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne,
		[]string{training.FieldEndsOn, training.FieldHours, training.FieldKind},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.TrainingRecord.Query().Where(inInts(trainingrecord.TrainingColumn, ids)).
				Select(trainingrecord.PersonColumn).Ints(ctx)
		}, nil)
}

// keepFactsOfSupervisors keeps the facts of the persons whose supervisor qualifications a
// mutation creates, changes (grant or revocation date) or deletes.
func keepFactsOfSupervisors() ent.Hook {
	return keepFacts(allWrites,
		[]string{supervisorqualification.FieldGrantedOn, supervisorqualification.FieldRevokedOn, supervisorqualification.EdgePerson},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.SupervisorQualification.Query().Where(supervisorqualification.IDIn(ids...)).
				Select(supervisorqualification.PersonColumn).Ints(ctx)
		},
		func(_ context.Context, m *gen.SupervisorQualificationMutation) ([]int, error) {
			if id, ok := m.PersonID(); ok {
				return []int{id}, nil
			}
			return nil, nil
		})
}

// Hooks of SupervisorQualification: the supervisor's kept facts follow every change.
func (SupervisorQualification) Hooks() []ent.Hook {
	return []ent.Hook{keepFactsOfSupervisors()}
}

// Hooks of TrainingRecord: the participant's kept facts follow every change.
func (TrainingRecord) Hooks() []ent.Hook {
	return []ent.Hook{keepFactsOfParticipants()}
}

// The rows of the registers that name a person keep columns of the person's facts (package
// internal/facts, rows.go: the workplace code, and whether a payment was due). The refresh of a
// person sets them on every row naming the person; the hooks below touch the person a row is
// created for or pointed at.

// personOf returns the person a mutation names, if any.
func personOf(id int, ok bool) ([]int, error) {
	if ok {
		return []int{id}, nil
	}
	return nil, nil
}

// keepFactsOfApplicants keeps the facts of the applicants whose exam applications a mutation
// creates, deletes, or changes the year, level or outcome of (EXAM_SAT, EXAM_PASSED), and the
// kept workplace code of new applications. The applicant is immutable.
func keepFactsOfApplicants() ent.Hook {
	return keepFacts(allWrites,
		[]string{examapplication.FieldExamYear, examapplication.FieldLevel, examapplication.FieldOutcome},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.ExamApplication.Query().Where(examapplication.IDIn(ids...)).Select(examapplication.PersonColumn).Ints(ctx)
		},
		func(_ context.Context, m *gen.ExamApplicationMutation) ([]int, error) { return personOf(m.PersonID()) })
}

// keepRowsOfPayments keeps the columns of the allowance payments a mutation creates or moves to
// another person or month: the payee's refresh, before (for a month changed alone) and after.
func keepRowsOfPayments() ent.Hook {
	return keepFacts(ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne,
		[]string{allowancepayment.FieldPersonID, allowancepayment.FieldMonth, allowancepayment.EdgePerson},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.AllowancePayment.Query().Where(allowancepayment.IDIn(ids...)).Select(allowancepayment.FieldPersonID).Ints(ctx)
		},
		func(_ context.Context, m *gen.AllowancePaymentMutation) ([]int, error) { return personOf(m.PersonID()) })
}

// keepRowsOfRecognitions keeps the column of the recognitions a mutation creates for a person or
// points at another person or at none (an agency, a project): such a row keeps nothing until the
// refresh of its new person, which follows the change.
func keepRowsOfRecognitions() []ent.Hook {
	repoint := hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RecognitionFunc(func(ctx context.Context, m *gen.RecognitionMutation) (ent.Value, error) {
			if m.PersonCleared() || len(m.PersonIDs()) > 0 {
				m.ClearWorkplaceCode()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdate|ent.OpUpdateOne)
	keep := keepFacts[*gen.RecognitionMutation](ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne, []string{recognition.EdgePerson}, nil,
		func(_ context.Context, m *gen.RecognitionMutation) ([]int, error) { return m.PersonIDs(), nil })
	return []ent.Hook{keep, repoint}
}

// Hooks of ExamApplication: the applicant's kept facts and the application's kept workplace
// code follow every change.
func (ExamApplication) Hooks() []ent.Hook {
	return []ent.Hook{keepFactsOfApplicants()}
}
