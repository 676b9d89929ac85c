package demo

import (
	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/internal/civil"
)

// CertifiedAt returns the world's certified social workers at d (持证社工), in person order:
// people holding a certificate passed on or before d and not revoked by d, who had not left
// the workforce by d. It is computed from the World's slices, without the database.
func (w *World) CertifiedAt(d civil.Date) []*ent.Person {
	valid := make(map[int]bool)
	for _, c := range w.Certificates {
		if !c.PassedOn.After(d) && (c.RevokedOn == nil || c.RevokedOn.After(d)) {
			valid[c.HolderID] = true
		}
	}
	var out []*ent.Person
	for _, p := range w.Persons {
		if valid[p.ID] && (p.LeftOn == nil || p.LeftOn.After(d)) {
			out = append(out, p)
		}
	}
	return out
}

// Communities returns the synthetic villages of kind COMMUNITY (社区), by code.
func (w *World) Communities() []*ent.Region {
	var out []*ent.Region
	for _, v := range w.Villages {
		if v.Kind == region.KindCOMMUNITY {
			out = append(out, v)
		}
	}
	return out
}

// JoinedBy returns the world's people who had joined the workforce by d, in person order (at
// the anchor: the people of the plan's period).
func (w *World) JoinedBy(d civil.Date) []*ent.Person {
	var out []*ent.Person
	for _, p := range w.Persons {
		if p.JoinedOn != nil && !p.JoinedOn.After(d) {
			out = append(out, p)
		}
	}
	return out
}
