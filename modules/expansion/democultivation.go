package expansion

import (
	"context"
	"fmt"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
	"swtalent/internal/refdata"
)

// cultivationSpec is what a competent department cultivates in the demo after 2025: a community
// social organisation of a field, the department being the field's in the reference data
// (field_departments.csv).
type cultivationSpec struct {
	field  enum.ServiceField
	suffix string // name after the community's
}

// cultivationSpecs lists one organisation kind for a field of each competent department.
func cultivationSpecs() []cultivationSpec {
	return []cultivationSpec{
		{enum.FieldSocialAssistance, "慈善互助会"},
		{enum.FieldEducationalGuidance, "家校共育服务社"},
		{enum.FieldCommunityCorrection, "法律援助志愿服务队"},
		{enum.FieldVeteranAffairs, "退役军人互助会"},
		{enum.FieldEmploymentAssistance, "就业帮扶服务社"},
		{enum.FieldMentalHealth, "健康促进会"},
		{enum.FieldDrugRehabilitation, "禁毒志愿服务队"},
		{enum.FieldEmployeeAssistance, "职工互助会"},
		{enum.FieldChildYouth, "青少年成长服务社"},
		{enum.FieldMarriageFamily, "巾帼志愿服务队"},
		{enum.FieldDisabilityRehabilitation, "残疾人互助会"},
	}
}

// laterCultivations is the number of competent departments that cultivate an organisation in
// each year after 2025.
const laterCultivations = 8

// demoCultivations records the competent departments' cultivations (二（二）1) beyond the core
// world's agencies (cultivated 2021–2024): in 2025 four departments take on the core world's
// community social organisations; in each year after, up to the world's end, laterCultivations
// departments (in turn) each cultivate a new community social organisation registered that year.
func demoCultivations(ctx context.Context, w *demo.World) error {
	c := w.Client
	takers := []string{"团县委", "县民政局", "县妇联", "县总工会"}
	n := 0
	for _, a := range w.Agencies {
		if a.OrgType != agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION || a.CultivatedYear != nil || n == len(takers) {
			continue
		}
		d := w.Departments[takers[n]]
		if d == nil {
			return fmt.Errorf("department %s is not in the database", takers[n])
		}
		if err := c.Agency.UpdateOne(a).SetCultivatedBy(d).SetCultivatedYear(2025).Exec(ctx); err != nil {
			return fmt.Errorf("record the cultivation of %s: %w", a.Name, err)
		}
		n++
	}
	communities := w.Communities()
	if len(communities) == 0 && len(w.LaterYears()) > 0 {
		return fmt.Errorf("no community to root the cultivated organisations in")
	}
	specs := cultivationSpecs()
	mapping, err := refdata.FieldDepartments()
	if err != nil {
		return err
	}
	departmentOf := make(map[enum.ServiceField]string, len(mapping))
	for _, m := range mapping {
		departmentOf[m.Field] = m.Department
	}
	var creates []*ent.AgencyCreate
	for _, year := range w.LaterYears() {
		last := civil.EndOfYear(year)
		if w.End().Before(last) {
			last = w.End()
		}
		for k := range laterCultivations {
			i := (year + k) % len(specs)
			s := specs[i]
			d := w.Departments[departmentOf[s.field]]
			if d == nil {
				return fmt.Errorf("the competent department of %s is not in the database", s.field)
			}
			community := communities[(year*3+k)%len(communities)]
			first := civil.DateFor(year, time.January, 1)
			registered := first.AddDate(0, 0, w.Later.IntN(int(last.Time().Sub(first.Time()).Hours()/24)+1))
			creates = append(creates, c.Agency.Create().SetDemo(true).
				SetName(community.Name+s.suffix).
				SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).SetSocialWork(false).
				SetInfluence(agency.InfluenceCOUNTY).SetServiceFields([]enum.ServiceField{s.field}).
				SetRegion(community).SetCommunity(community).SetRegisteredOn(registered).
				SetCultivatedBy(d).SetCultivatedYear(year))
		}
	}
	if _, err := c.Agency.CreateBulk(creates...).Save(ctx); err != nil {
		return fmt.Errorf("create cultivated organisations: %w", err)
	}
	return nil
}
