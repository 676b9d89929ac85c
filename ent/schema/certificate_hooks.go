package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/hook"
	"swtalent/internal/apperr"
	"swtalent/internal/certrules"
	"swtalent/internal/validate"
)

// Hooks of Certificate: the number is 18 digits and unique; a certificate cannot be passed in the
// future nor revoked before it was passed; the holders' kept facts follow every change.
func (Certificate) Hooks() []ent.Hook {
	return []ent.Hook{
		keepFactsOfHolders(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.CertificateFunc(func(ctx context.Context, m *gen.CertificateMutation) (ent.Value, error) {
				if err := checkCertificate(ctx, m); err != nil {
					return nil, err
				}
				_, moved := m.PassedOn()
				var ids []int
				if moved && !m.Op().Is(ent.OpCreate) {
					// A corrected pass date moves the first-registration deadline of a
					// certificate that has no counting registration yet.
					var err error
					if ids, err = m.IDs(unrestricted(ctx)); err != nil {
						return nil, fmt.Errorf("certificates to update: %w", err)
					}
				}
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return nil, err
				}
				for _, id := range ids {
					if err := refreshDue(ctx, m.Client(), id); err != nil {
						return nil, err
					}
				}
				return v, nil
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
	}
}

func checkCertificate(ctx context.Context, m *gen.CertificateMutation) error {
	if v, ok := m.Number(); ok {
		n, err := validate.CertificateNumber("number", v)
		if err != nil {
			return err
		}
		q := m.Client().Certificate.Query().Where(certificate.Number(n))
		if id, ok := m.ID(); ok {
			q.Where(certificate.IDNEQ(id))
		}
		taken, err := q.Exist(unrestricted(ctx))
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("number", "该证书管理号已登记", "a certificate with this number is already registered")
		}
		m.SetNumber(n)
	}
	passed, hasPassed := m.PassedOn()
	if hasPassed {
		if err := notAfterToday("passedOn", passed); err != nil {
			return err
		}
		if m.Op().Is(ent.OpCreate) {
			m.SetRegistrationDueOn(certrules.FirstDue(passed))
		}
	} else if v, ok := old(ctx, m.Op().Is(ent.OpUpdateOne), m.OldPassedOn); ok {
		passed, hasPassed = v, true
	}
	if revoked, ok := m.RevokedOn(); ok {
		if err := notAfterToday("revokedOn", revoked); err != nil {
			return err
		}
		if hasPassed {
			return ordered("passedOn", &passed, "revokedOn", &revoked)
		}
	}
	return nil
}
