package demo

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
)

// agencySpec describes one synthetic social-work agency.
type agencySpec struct {
	name          string
	hub, purchase bool
	influence     agency.Influence
	fields        []enum.ServiceField
	competent     string // short name of the competent department
	cultivator    string // short name of the cultivating department
	cultivated    int    // year the cultivation started
	registered    int    // year of registration
}

// agencySpecs lists the demo's social-work agencies: one hub, three purchase-capable, city-level
// influence in six of the seven key fields (MEDICAL only county-level, so that indicator is not
// met).
func agencySpecs() []agencySpec {
	return []agencySpec{
		{"弋阳县红土地社会工作服务中心", true, true, agency.InfluenceCITY,
			[]enum.ServiceField{enum.FieldUrbanRuralCommunity, enum.FieldSocialAssistance, enum.FieldElderlyServices, enum.FieldCommunityDevelopment},
			"县民政局", "县民政局", 2021, 2016},
		{"弋阳县弋江社会工作服务中心", false, true, agency.InfluenceCITY,
			[]enum.ServiceField{enum.FieldChildYouth, enum.FieldSchool, enum.FieldEducationalGuidance},
			"县民政局", "团县委", 2022, 2019},
		{"弋阳县同心社会工作服务中心", false, true, agency.InfluenceCITY,
			[]enum.ServiceField{enum.FieldCommunityCorrection, enum.FieldDrugRehabilitation, enum.FieldMarriageFamily},
			"县民政局", "县司法局", 2022, 2020},
		{"弋阳县圭峰社会工作服务中心", false, false, agency.InfluenceCOUNTY,
			[]enum.ServiceField{enum.FieldElderlyServices, enum.FieldDisabilityRehabilitation},
			"县民政局", "县残联", 2023, 2021},
		{"弋阳县暖阳社会工作服务中心", false, false, agency.InfluenceCOUNTY,
			[]enum.ServiceField{enum.FieldMedical, enum.FieldMentalHealth},
			"县卫健委", "县卫健委", 2024, 2024},
	}
}

// addAgencies creates the social-work agencies (private non-enterprise units with credit codes
// 52361126…, seated in the subdistricts) and 4 community social organisations (filed, no code)
// in two communities.
func (b *builder) addAgencies(ctx context.Context) error {
	seats := b.subdistricts()
	used := make(map[string]bool)
	for i, s := range agencySpecs() {
		competent, err := b.department(s.competent)
		if err != nil {
			return err
		}
		cultivator, err := b.department(s.cultivator)
		if err != nil {
			return err
		}
		seat := seats[i%len(seats)]
		a, err := b.Client.Agency.Create().
			SetDemo(true).
			SetName(s.name).
			SetCreditCode(creditCode(b.Rand, "52361126MJ", used)).
			SetOrgType(agency.OrgTypePRIVATE_NON_ENTERPRISE).
			SetSocialWork(true).
			SetHub(s.hub).
			SetPurchaseCapable(s.purchase).
			SetInfluence(s.influence).
			SetServiceFields(s.fields).
			SetRegion(seat).
			SetCompetentDepartment(competent).
			SetCultivatedBy(cultivator).
			SetCultivatedYear(s.cultivated).
			SetRegisteredOn(inYear(b.Rand, s.registered, b.Anchor)).
			Save(ctx)
		if err != nil {
			return fmt.Errorf("create %s: %w", s.name, err)
		}
		b.Agencies = append(b.Agencies, a)
		b.socialWork = append(b.socialWork, a)
		b.regionOf[a.ID] = seat
	}
	return b.addCommunityOrganisations(ctx)
}

// addCommunityOrganisations creates community social organisations: three in the first
// community (a candidate demonstration community) and one in another.
func (b *builder) addCommunityOrganisations(ctx context.Context) error {
	communities := b.Communities()
	if len(communities) < 2 {
		return fmt.Errorf("only %d communities to root community organisations in", len(communities))
	}
	first, other := communities[0], communities[1+b.Rand.IntN(len(communities)-1)]
	orgs := []struct {
		community *ent.Region
		suffix    string
		fields    []enum.ServiceField
	}{
		{first, "志愿服务队", []enum.ServiceField{enum.FieldCommunityDevelopment}},
		{first, "老年协会", []enum.ServiceField{enum.FieldElderlyServices}},
		{first, "邻里互助会", []enum.ServiceField{enum.FieldUrbanRuralCommunity, enum.FieldCharity}},
		{other, "志愿服务队", []enum.ServiceField{enum.FieldCommunityDevelopment}},
	}
	for _, o := range orgs {
		name := o.community.Name + o.suffix
		a, err := b.Client.Agency.Create().
			SetDemo(true).
			SetName(name).
			SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).
			SetSocialWork(false).
			SetInfluence(agency.InfluenceCOUNTY).
			SetServiceFields(o.fields).
			SetRegion(o.community).
			SetCommunity(o.community).
			SetRegisteredOn(between(b.Rand, b.Anchor.AddDate(-4, 0, 1), b.Anchor.AddDate(0, -1, 0))).
			Save(ctx)
		if err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
		b.Agencies = append(b.Agencies, a)
		b.regionOf[a.ID] = o.community
	}
	return nil
}

// subdistricts returns the townships of kind SUBDISTRICT (the county seat), or every township
// when there are none.
func (b *builder) subdistricts() []*ent.Region {
	var out []*ent.Region
	for _, t := range b.Townships {
		if t.Kind == region.KindSUBDISTRICT {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return b.Townships
	}
	return out
}
