package rules

import (
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Cert is one certificate of a person, as far as [Highest] needs it.
type Cert struct {
	ID        int
	Level     enum.CertificateLevel
	PassedOn  civil.Date
	RevokedOn *civil.Date // nil when not revoked
}

// current reports whether c is valid on asOf: passed on or before asOf and not revoked on or
// before asOf. Certificates of an unknown level (Rank 0) are never current.
func (c Cert) current(asOf civil.Date) bool {
	return c.Level.Rank() > 0 && !c.PassedOn.After(asOf) && (c.RevokedOn == nil || c.RevokedOn.After(asOf))
}

// Highest returns, among certs, the certificate that decides a person's continuing-education
// status on asOf: of the certificates current on asOf (passed on or before asOf, not revoked on
// or before asOf, of a known level), the one of the highest level; on a tie the one passed
// latest, then the one with the larger ID, so the result does not depend on the order of certs.
// ok is false when no certificate is current.
func Highest(certs []Cert, asOf civil.Date) (best Cert, ok bool) {
	i, ok := highest(certs, asOf)
	if !ok {
		return Cert{}, false
	}
	return certs[i], true
}

// highest is [Highest] as an index into certs (the first of full ties).
func highest(certs []Cert, asOf civil.Date) (best int, ok bool) {
	for i, c := range certs {
		if !c.current(asOf) {
			continue
		}
		if !ok || better(c, certs[best]) {
			best, ok = i, true
		}
	}
	return best, ok
}

// better reports whether a outranks b: higher level, then later pass date, then larger ID.
func better(a, b Cert) bool {
	if ra, rb := a.Level.Rank(), b.Level.Rank(); ra != rb {
		return ra > rb
	}
	if d := a.PassedOn.Compare(b.PassedOn); d != 0 {
		return d > 0
	}
	return a.ID > b.ID
}
