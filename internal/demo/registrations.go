package demo

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/certrules"
)

// addRegistrations creates the certificates' registrations (民发〔2009〕44号): most certificates
// are first registered within a year of passing (ISSUED, valid three years) and renewed in the
// three months before expiry while that falls before the anchor; a few registrations are
// pending or not applied for, a few lapse.
func (b *builder) addRegistrations(ctx context.Context) error {
	var creates []*ent.CertificateRegistrationCreate
	for _, c := range b.Certificates {
		creates = append(creates, b.registrationsOf(c)...)
	}
	regs, err := b.Client.CertificateRegistration.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create registrations: %w", err)
	}
	b.Registrations = regs
	return nil
}

// registrationsOf plans the registrations of one certificate, oldest first.
func (b *builder) registrationsOf(c *ent.Certificate) []*ent.CertificateRegistrationCreate {
	r := b.Rand
	reg := func(kind certificateregistration.Kind, status certificateregistration.Status) *ent.CertificateRegistrationCreate {
		return b.Client.CertificateRegistration.Create().SetDemo(true).SetCertificateID(c.ID).SetKind(kind).SetStatus(status)
	}
	first := between(r, c.PassedOn.AddDate(0, 0, 20), c.PassedOn.AddDate(0, 0, 330))
	if c.RevokedOn != nil {
		first = minDate(first, c.RevokedOn.AddDate(0, 0, -1))
		return []*ent.CertificateRegistrationCreate{
			reg(certificateregistration.KindFIRST, certificateregistration.StatusISSUED).
				SetRegisteredOn(first).SetValidUntil(certrules.ValidUntil(first)),
		}
	}
	switch {
	case first.After(b.Anchor):
		if chance(r, 25) {
			return []*ent.CertificateRegistrationCreate{reg(certificateregistration.KindFIRST, certificateregistration.StatusPENDING)}
		}
		return nil
	case first.After(b.Anchor.AddDate(0, 0, -90)) && chance(r, 25):
		return []*ent.CertificateRegistrationCreate{reg(certificateregistration.KindFIRST, certificateregistration.StatusPENDING)}
	case chance(r, 4):
		return []*ent.CertificateRegistrationCreate{reg(certificateregistration.KindFIRST, certificateregistration.StatusNOT_APPLIED)}
	}
	valid := certrules.ValidUntil(first)
	out := []*ent.CertificateRegistrationCreate{
		reg(certificateregistration.KindFIRST, certificateregistration.StatusISSUED).SetRegisteredOn(first).SetValidUntil(valid),
	}
	for {
		open := certrules.RenewalOpens(valid)
		if open.After(b.Anchor) || chance(r, 8) { // not due yet, or lapsed
			break
		}
		renewed := between(r, open, valid)
		if renewed.After(b.Anchor) {
			out = append(out, reg(certificateregistration.KindRENEWAL, certificateregistration.StatusPENDING))
			break
		}
		valid = certrules.ValidUntil(renewed)
		out = append(out, reg(certificateregistration.KindRENEWAL, certificateregistration.StatusISSUED).
			SetRegisteredOn(renewed).SetValidUntil(valid))
	}
	return out
}
