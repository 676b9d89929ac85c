package enum

import "io"

// Population is a special population served by a project (特殊人群).
type Population string

// Special populations.
const (
	PopulationElderly             Population = "ELDERLY"              // 老年人
	PopulationChildren            Population = "CHILDREN"             // 儿童
	PopulationLeftBehind          Population = "LEFT_BEHIND"          // 留守人员
	PopulationDisabled            Population = "DISABLED"             // 残疾人
	PopulationLowIncome           Population = "LOW_INCOME"           // 低收入 / 困难群众
	PopulationCommunityCorrection Population = "COMMUNITY_CORRECTION" // 社区矫正对象
	PopulationDrugRehab           Population = "DRUG_REHAB"           // 戒毒康复人员
	PopulationVeterans            Population = "VETERANS"             // 退役军人
	PopulationWomen               Population = "WOMEN"                // 妇女
	PopulationYouth               Population = "YOUTH"                // 青少年
)

// Values lists every special population.
func (Population) Values() []string {
	return []string{
		string(PopulationElderly), string(PopulationChildren), string(PopulationLeftBehind),
		string(PopulationDisabled), string(PopulationLowIncome), string(PopulationCommunityCorrection),
		string(PopulationDrugRehab), string(PopulationVeterans), string(PopulationWomen),
		string(PopulationYouth),
	}
}

// MarshalGQL writes the population as a GraphQL enum value.
func (p Population) MarshalGQL(w io.Writer) { marshal(w, p) }

// UnmarshalGQL reads a GraphQL enum value.
func (p *Population) UnmarshalGQL(v any) error { return unmarshal(p, v, "Population") }
