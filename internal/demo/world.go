package demo

import (
	"math/rand/v2"

	"swtalent/ent"
	"swtalent/internal/civil"
)

// World is the demo world being built; modules add their parts to it through the DemoSeeder
// capability. Build fills it with the core records; the slices hold the records as created,
// in creation order (edges are not loaded).
type World struct {
	// Client is a transactional client: everything a module adds goes through it.
	Client *ent.Client
	// Rand is the world's deterministic random source for the records of the plan's period (up
	// to Anchor); draw from it, never from the global one.
	Rand *rand.Rand
	// Later is the random source for the records after Anchor. It is apart from Rand so that the
	// world up to Anchor is the same whatever Until is; RandFor picks between the two.
	Later *rand.Rand
	// Anchor is 2025-12-31, the last day of the plan's period.
	Anchor civil.Date
	// Until is the day the world is generated for (today, when serve loads it): ordinary
	// activity after the plan goes on to End, the last day of the month before.
	Until civil.Date
	// County is the deployment's top region (弋阳县).
	County *ent.Region
	// Townships are the 17 real township-level units, by code.
	Townships []*ent.Region
	// Villages are the synthetic villages and communities, by code.
	Villages []*ent.Region
	// Departments are the county departments by short name (县民政局 …).
	Departments map[string]*ent.Department
	// Persons are the demo people.
	Persons []*ent.Person
	// Certificates are the demo certificates, in the order they were passed.
	Certificates []*ent.Certificate
	// Registrations are the certificates' registrations, first and renewals.
	Registrations []*ent.CertificateRegistration
	// Agencies are the social-work agencies followed by the community social organisations.
	Agencies []*ent.Agency
	// Points are the service points: the county centre, then the township stations, then the
	// village points.
	Points []*ent.ServicePoint
	// Universities are the partner universities.
	Universities []*ent.University
}

// End returns the last day demo data reaches: the last day of the month before Until, or Anchor
// when that is earlier (the plan's period is always complete).
func (w *World) End() civil.Date {
	return maxDate(w.Anchor, civil.MonthOf(w.Until).Prev().Last())
}

// RandFor returns the random source for a record dated d: Rand up to Anchor, Later after it.
func (w *World) RandFor(d civil.Date) *rand.Rand {
	if d.After(w.Anchor) {
		return w.Later
	}
	return w.Rand
}

// LaterYears returns the calendar years after the plan's period that End reaches into, in
// order (none when End is Anchor).
func (w *World) LaterYears() []int {
	var out []int
	for y := w.Anchor.Year + 1; y <= w.End().Year; y++ {
		out = append(out, y)
	}
	return out
}
