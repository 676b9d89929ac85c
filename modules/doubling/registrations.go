package doubling

import (
	"context"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/apperr"
	rules "swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// RegistrationInput is a registration to record (GraphQL RegistrationInput).
type RegistrationInput struct {
	CertificateID int
	Kind          certificateregistration.Kind
	Status        certificateregistration.Status
	RegisteredOn  *civil.Date
}

// RecordRegistration records a registration of a certificate after checking it against the
// certificate's pass date and its other registrations; its validity (3 years) is computed.
func (m *Module) RecordRegistration(ctx context.Context, in RegistrationInput) (*ent.CertificateRegistration, error) {
	c := m.cfg.Ent(ctx)
	cert, err := c.Certificate.Query().Where(certificate.ID(in.CertificateID)).WithRegistrations().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("certificateID", "证书不存在", "no certificate with this ID")
	}
	if err != nil {
		return nil, err
	}
	r := rules.Registration{Kind: string(in.Kind), Status: rules.RegistrationStatus(in.Status)}
	if in.RegisteredOn != nil {
		if in.RegisteredOn.After(m.cfg.Today()) {
			return nil, apperr.Invalid("registeredOn", "登记日期不能晚于今天", "registeredOn must not be in the future")
		}
		r.RegisteredOn = *in.RegisteredOn
		r.ValidUntil = rules.ValidUntil(*in.RegisteredOn)
	}
	if err := rules.CheckNew(cert.PassedOn, registrationsOf(cert.Edges.Registrations), r); err != nil {
		return nil, apperr.Invalid(err.Field, err.ZH, err.EN)
	}
	create := c.CertificateRegistration.Create().
		SetCertificate(cert).
		SetKind(in.Kind).
		SetStatus(in.Status).
		SetNillableRegisteredOn(in.RegisteredOn)
	if in.RegisteredOn != nil {
		create.SetValidUntil(r.ValidUntil)
	}
	return create.Save(ctx)
}

// UpdateRegistrationStatus records a registration's progress in the national system, checked
// like a new registration against the certificate's others.
func (m *Module) UpdateRegistrationStatus(ctx context.Context, id int, status certificateregistration.Status, registeredOn *civil.Date) (*ent.CertificateRegistration, error) {
	c := m.cfg.Ent(ctx)
	reg, err := c.CertificateRegistration.Query().Where(certificateregistration.ID(id)).
		WithCertificate(func(q *ent.CertificateQuery) { q.WithRegistrations() }).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("registrationID", "登记记录不存在", "no registration with this ID")
	}
	if err != nil {
		return nil, err
	}
	cert := reg.Edges.Certificate
	if registeredOn == nil {
		registeredOn = reg.RegisteredOn
	}
	r := rules.Registration{Kind: string(reg.Kind), Status: rules.RegistrationStatus(status)}
	if registeredOn != nil {
		if registeredOn.After(m.cfg.Today()) {
			return nil, apperr.Invalid("registeredOn", "登记日期不能晚于今天", "registeredOn must not be in the future")
		}
		r.RegisteredOn = *registeredOn
		r.ValidUntil = rules.ValidUntil(*registeredOn)
	}
	var others []*ent.CertificateRegistration
	for _, o := range cert.Edges.Registrations {
		if o.ID != reg.ID {
			others = append(others, o)
		}
	}
	if err := rules.CheckNew(cert.PassedOn, registrationsOf(others), r); err != nil {
		return nil, apperr.Invalid(err.Field, err.ZH, err.EN)
	}
	upd := c.CertificateRegistration.UpdateOne(reg).SetStatus(status)
	if registeredOn != nil {
		upd.SetRegisteredOn(*registeredOn).SetValidUntil(r.ValidUntil)
	}
	return upd.Save(ctx)
}

// registrationsOf converts stored registrations for the rules.
func registrationsOf(rows []*ent.CertificateRegistration) []rules.Registration {
	out := make([]rules.Registration, 0, len(rows))
	for _, x := range rows {
		r := rules.Registration{Kind: string(x.Kind), Status: rules.RegistrationStatus(x.Status)}
		if x.RegisteredOn != nil {
			r.RegisteredOn = *x.RegisteredOn
		}
		if x.ValidUntil != nil {
			r.ValidUntil = *x.ValidUntil
		}
		out = append(out, r)
	}
	return out
}

// RegistrationState is where a certificate stands in its registration cycle at asOf (today when
// nil). The certificates' registrations are loaded in one query per request (see loaders).
func (m *Module) RegistrationState(ctx context.Context, cert *ent.Certificate, asOf *civil.Date) (rules.State, error) {
	regs, err := m.registrations(ctx, cert.ID)
	if err != nil {
		return "", err
	}
	return rules.StateAt(cert.PassedOn, registrationsOf(regs), m.cfg.AsOf(asOf)), nil
}
