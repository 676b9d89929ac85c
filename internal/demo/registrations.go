package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"swtalent/ent"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// carry is where a certificate's registrations stand at the end of the days planned: its first
// registration, or its next renewal, falls after that end.
type carry struct {
	cert *ent.Certificate
	// first is the day of the first registration when it falls after the end, else zero.
	first civil.Date
	// valid is the last day of the registration in force when its renewal window opens after
	// the end, else zero.
	valid civil.Date
}

// addRegistrations creates the certificates' registrations (民发〔2009〕44号): most certificates
// are first registered within a year of passing (ISSUED, valid three years) and renewed in the
// three months before expiry while that falls before the anchor; a few registrations are
// pending or not applied for, a few lapse. What falls after the anchor is kept in b.carried for
// addLater.
func (b *builder) addRegistrations(ctx context.Context) error {
	var creates []*ent.CertificateRegistrationCreate
	for _, c := range b.Certificates {
		regs, next := b.registrationsOf(b.Rand, c, b.Anchor)
		creates = append(creates, regs...)
		if next != nil {
			b.carried = append(b.carried, *next)
		}
	}
	regs, err := b.Client.CertificateRegistration.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create registrations: %w", err)
	}
	b.Registrations = regs
	return nil
}

// registrationsOf plans the registrations of one certificate up to end, oldest first, drawing
// from r, and says where they stand at end when a registration falls after it.
func (b *builder) registrationsOf(r *rand.Rand, c *ent.Certificate, end civil.Date) ([]*ent.CertificateRegistrationCreate, *carry) {
	first := between(r, c.PassedOn.AddDate(0, 0, 20), c.PassedOn.AddDate(0, 0, 330))
	if c.RevokedOn != nil {
		first = minDate(first, c.RevokedOn.AddDate(0, 0, -1))
		return []*ent.CertificateRegistrationCreate{
			b.registration(c, certificateregistration.KindFIRST, certificateregistration.StatusISSUED).
				SetRegisteredOn(first).SetValidUntil(certrules.ValidUntil(first)),
		}, nil
	}
	switch {
	case first.After(end):
		if chance(r, 25) {
			return []*ent.CertificateRegistrationCreate{b.registration(c, certificateregistration.KindFIRST, certificateregistration.StatusPENDING)}, nil
		}
		return nil, &carry{cert: c, first: first}
	case first.After(end.AddDate(0, 0, -90)) && chance(r, 25):
		return []*ent.CertificateRegistrationCreate{b.registration(c, certificateregistration.KindFIRST, certificateregistration.StatusPENDING)}, nil
	case chance(r, 4):
		return []*ent.CertificateRegistrationCreate{b.registration(c, certificateregistration.KindFIRST, certificateregistration.StatusNOT_APPLIED)}, nil
	}
	return b.registeredFrom(r, c, first, end)
}

// registeredFrom plans a first registration on day first (on or before end) and the renewals
// that follow it up to end.
func (b *builder) registeredFrom(r *rand.Rand, c *ent.Certificate, first, end civil.Date) ([]*ent.CertificateRegistrationCreate, *carry) {
	valid := certrules.ValidUntil(first)
	out := []*ent.CertificateRegistrationCreate{
		b.registration(c, certificateregistration.KindFIRST, certificateregistration.StatusISSUED).SetRegisteredOn(first).SetValidUntil(valid),
	}
	more, next := b.renewals(r, c, valid, end)
	return append(out, more...), next
}

// renewals plans the renewals of a registration valid until valid, up to end: each in the three
// months before expiry, a few lapsing, the last pending when it would fall after end.
func (b *builder) renewals(r *rand.Rand, c *ent.Certificate, valid, end civil.Date) ([]*ent.CertificateRegistrationCreate, *carry) {
	var out []*ent.CertificateRegistrationCreate
	for {
		open := certrules.RenewalOpens(valid)
		if open.After(end) { // not due yet
			return out, &carry{cert: c, valid: valid}
		}
		if chance(r, 8) { // lapsed
			return out, nil
		}
		renewed := between(r, open, valid)
		if renewed.After(end) {
			return append(out, b.registration(c, certificateregistration.KindRENEWAL, certificateregistration.StatusPENDING)), nil
		}
		valid = certrules.ValidUntil(renewed)
		out = append(out, b.registration(c, certificateregistration.KindRENEWAL, certificateregistration.StatusISSUED).
			SetRegisteredOn(renewed).SetValidUntil(valid))
	}
}

// registration starts a demo registration of c.
func (b *builder) registration(c *ent.Certificate, kind certificateregistration.Kind, status certificateregistration.Status) *ent.CertificateRegistrationCreate {
	return b.Client.CertificateRegistration.Create().SetDemo(true).SetCertificateID(c.ID).SetKind(kind).SetStatus(status)
}
