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
	// Rand is the world's deterministic random source; draw from it, never from the global one.
	Rand *rand.Rand
	// Anchor is 2025-12-31, the last day demo data reaches.
	Anchor civil.Date
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
