// Package workforce holds the shared rules about who counts in the county's social-work
// workforce at a date, as ent predicates, so that every module counts the same people and every
// count is one SQL aggregate.
package workforce

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// CertificateValidAt holds for a certificate passed on or before d and not revoked by d.
func CertificateValidAt(d civil.Date) predicate.Certificate {
	return certificate.And(
		certificate.PassedOnLTE(d),
		certificate.Or(certificate.RevokedOnIsNil(), certificate.RevokedOnGT(d)),
	)
}

// InWorkforceAt holds for a person who had not left the county workforce by d (left_on empty or
// after d). Roles and workplace are current state only; leaving is dated.
func InWorkforceAt(d civil.Date) predicate.Person {
	return person.Or(person.LeftOnIsNil(), person.LeftOnGT(d))
}

// CertifiedAt holds for a certified social worker at d (持证社工): holds a certificate passed on or
// before d and not revoked by d, and had not left the county workforce by d. Registration validity
// is measured separately and does not change who is certified.
func CertifiedAt(d civil.Date) predicate.Person {
	return person.And(InWorkforceAt(d), person.HasCertificatesWith(CertificateValidAt(d)))
}

// SkilledAt holds for a person with social-work skills at d (具备社会工作专业服务技能): certified at d,
// or holding a completed social-work degree (and still in the workforce at d).
func SkilledAt(d civil.Date) predicate.Person {
	return person.And(InWorkforceAt(d), person.Or(
		person.HasCertificatesWith(CertificateValidAt(d)),
		person.SocialWorkDegreeEQ(person.SocialWorkDegreeCOMPLETED),
	))
}

// HighestLevelAt holds for a person whose highest certificate valid at d has the given level
// (a person's status is that of their highest current certificate).
func HighestLevelAt(d civil.Date, level enum.CertificateLevel) predicate.Person {
	preds := []predicate.Person{person.HasCertificatesWith(CertificateValidAt(d), certificate.LevelEQ(level))}
	for _, v := range level.Values() {
		if h := enum.CertificateLevel(v); h.Rank() > level.Rank() {
			preds = append(preds, person.Not(person.HasCertificatesWith(CertificateValidAt(d), certificate.LevelEQ(h))))
		}
	}
	return person.And(preds...)
}

// InRegion holds for regions in the subtree of code (itself included); an empty code holds for
// every region. It compares code ranges, which use the index, never LIKE.
func InRegion(code string) predicate.Region {
	if code == "" {
		return func(*sql.Selector) {}
	}
	lo, hi := validate.RegionSubtreeRange(code)
	return region.And(region.CodeGTE(lo), region.CodeLT(hi))
}

// WorksIn holds for people whose workplace lies in the subtree of the region code ("" = anywhere).
// It is written as region_id IN (the subtree's region ids), not as ent's correlated EXISTS, so
// the database looks the people up through the workplace index instead of testing every person:
// at national scale a county's page of people costs milliseconds instead of a scan.
func WorksIn(code string) predicate.Person {
	if code == "" {
		return func(*sql.Selector) {}
	}
	lo, hi := validate.RegionSubtreeRange(code)
	return func(s *sql.Selector) {
		t := sql.Dialect(s.Dialect()).Table(region.Table)
		ids := sql.Dialect(s.Dialect()).Select(t.C(region.FieldID)).From(t).
			Where(sql.And(sql.GTE(t.C(region.FieldCode), lo), sql.LT(t.C(region.FieldCode), hi)))
		s.Where(sql.In(s.C(person.FieldRegionID), ids))
	}
}

// CountCertified counts certified social workers at d working in the region subtree of code.
func CountCertified(ctx context.Context, client *ent.Client, d civil.Date, code string) (int, error) {
	return client.Person.Query().Where(CertifiedAt(d), WorksIn(code)).Count(ctx)
}

// RegisteredAt holds for certificates with a counting registration covering d: the SQL form of
// certrules.StateAt's "covered" (a status that counts, registered on or before d, valid until d or
// later). It reads the stored valid_until, which the registration hook always sets to
// certrules.ValidUntil of registered_on (the migration "legal-dates" brought older rows in line),
// so it equals the derived end StateAt uses for a zero ValidUntil.
func RegisteredAt(d civil.Date) predicate.Certificate {
	return certificate.HasRegistrationsWith(
		certificateregistration.StatusIn(certificateregistration.StatusFINAL_REVIEW_PASSED, certificateregistration.StatusISSUED),
		certificateregistration.RegisteredOnLTE(d),
		certificateregistration.ValidUntilGTE(d),
	)
}

// RegisteredPersonAt holds for a person in the workforce at d who holds a certificate valid at d
// with a counting registration covering d ([RegisteredAt]): the numerator of the registration
// validity rate (持证社工登记有效率).
func RegisteredPersonAt(d civil.Date) predicate.Person {
	return person.And(InWorkforceAt(d), person.HasCertificatesWith(CertificateValidAt(d), RegisteredAt(d)))
}
