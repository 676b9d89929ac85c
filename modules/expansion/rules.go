package expansion

import (
	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/modules/expansion/rules"
)

// keyFields are the plan's seven key fields, each to have an agency of city-level influence.
func keyFields() []enum.ServiceField {
	return []enum.ServiceField{enum.FieldUrbanRuralCommunity, enum.FieldSocialAssistance, enum.FieldElderlyServices,
		enum.FieldChildYouth, enum.FieldMedical, enum.FieldDrugRehabilitation, enum.FieldCommunityCorrection}
}

// activeAt holds for social-work agencies registered by d and not deregistered by d.
func activeAt(d civil.Date) predicate.Agency {
	return agency.And(agency.SocialWork(true),
		agency.Or(agency.RegisteredOnIsNil(), agency.RegisteredOnLTE(d)),
		agency.Or(agency.DeregisteredOnIsNil(), agency.DeregisteredOnGT(d)))
}

// cityLevel holds for agencies of city-level influence or more.
func cityLevel() predicate.Agency {
	return agency.InfluenceIn(agency.InfluenceCITY, agency.InfluencePROVINCE, agency.InfluenceNATIONAL)
}

// meetsRule holds for projects with a budget whose personnel cost reaches the share of it,
// compared exactly in integers as rules.Share.Meets does: personnel_cost × Den ≥ budget × Num and
// budget > 0 (a project without a budget is not measurable, so it never meets the rule).
func meetsRule(share rules.Share) predicate.ServiceProject {
	return func(s *sql.Selector) {
		s.Where(sql.And(sql.GT(s.C(serviceproject.FieldBudget), 0), sql.P(func(b *sql.Builder) {
			// Arg writes the placeholder of the dialect ($1 on PostgreSQL, ? on SQLite).
			b.WriteString(s.C(serviceproject.FieldPersonnelCost)).WriteString(" * ").Arg(share.Den).WriteString(" >= ").
				WriteString(s.C(serviceproject.FieldBudget)).WriteString(" * ").Arg(share.Num)
		})))
	}
}

// governmentPurchase holds for government-purchased projects.
func governmentPurchase() predicate.ServiceProject {
	return serviceproject.FundingSourceEQ(serviceproject.FundingSourceGOVERNMENT_PURCHASE)
}

// Ratio is a project's personnel cost as a share of its budget; nil for a zero budget.
func Ratio(p *ent.ServiceProject) *float64 {
	if p.Budget == 0 {
		return nil
	}
	r := float64(p.PersonnelCost) / float64(p.Budget)
	return &r
}

// Meets reports whether a government purchase meets the personnel-cost rule (rules.Share.Meets,
// in fen); nil for other projects and for a government purchase without a budget (not
// measurable).
func (m *Module) Meets(p *ent.ServiceProject) *bool {
	if p.FundingSource != serviceproject.FundingSourceGOVERNMENT_PURCHASE {
		return nil
	}
	return m.share.Meets(p.PersonnelCost.Fen(), p.Budget.Fen())
}
