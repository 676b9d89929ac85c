package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/hook"
	"swtalent/internal/certrules"
)

// countingStatuses are the registration statuses under which a registration counts
// (民发〔2009〕44号: once the final review passed or the certificate was issued).
func countingStatuses() []certificateregistration.Status {
	return []certificateregistration.Status{certificateregistration.StatusFINAL_REVIEW_PASSED, certificateregistration.StatusISSUED}
}

// Hooks of CertificateRegistration: a registration date sets the validity end by the one rule,
// [certrules.ValidUntil], so that stored and derived ends never differ; every change moves the
// certificate's registration due date, and the holder's kept facts.
func (CertificateRegistration) Hooks() []ent.Hook {
	return []ent.Hook{
		keepFactsOfRegistrations(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.CertificateRegistrationFunc(func(ctx context.Context, m *gen.CertificateRegistrationMutation) (ent.Value, error) {
				if on, ok := m.RegisteredOn(); ok {
					m.SetValidUntil(certrules.ValidUntil(on))
				}
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return nil, err
				}
				id, ok := m.CertificateID()
				if !ok {
					if rid, has := m.ID(); has {
						id, err = m.Client().CertificateRegistration.Query().Where(certificateregistration.ID(rid)).QueryCertificate().OnlyID(unrestricted(ctx))
						if err != nil {
							return nil, err
						}
					}
				}
				if id != 0 {
					if err := refreshDue(ctx, m.Client(), id); err != nil {
						return nil, err
					}
				}
				return v, nil
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// refreshDue sets a certificate's registration due date: the last day of its latest counting
// registration, or, before any counts, [certrules.FirstDue] of the pass date.
func refreshDue(ctx context.Context, client *gen.Client, certID int) error {
	ctx = unrestricted(ctx)
	c, err := client.Certificate.Get(ctx, certID)
	if err != nil {
		return fmt.Errorf("registration due date: %w", err)
	}
	due := certrules.FirstDue(c.PassedOn)
	latest, err := client.CertificateRegistration.Query().
		Where(certificateregistration.HasCertificateWith(certificate.ID(certID)),
			certificateregistration.StatusIn(countingStatuses()...),
			certificateregistration.ValidUntilNotNil()).
		Order(gen.Desc(certificateregistration.FieldValidUntil)).
		First(ctx)
	if err != nil && !gen.IsNotFound(err) {
		return fmt.Errorf("registration due date: %w", err)
	}
	if latest != nil {
		due = *latest.ValidUntil
	}
	if c.RegistrationDueOn != nil && *c.RegistrationDueOn == due {
		return nil
	}
	return client.Certificate.UpdateOneID(certID).SetRegistrationDueOn(due).Exec(ctx)
}
