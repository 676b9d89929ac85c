package enum

import "io"

// ExpertArea is what an expert of the pool (专家库) is called on for.
type ExpertArea string

// Expert areas.
const (
	AreaPolicy      ExpertArea = "POLICY"      // 政策制定
	AreaEvaluation  ExpertArea = "EVALUATION"  // 项目评估
	AreaTeaching    ExpertArea = "TEACHING"    // 教育教学
	AreaSupervision ExpertArea = "SUPERVISION" // 督导
	AreaResearch    ExpertArea = "RESEARCH"    // 研究
)

// Values lists every area.
func (ExpertArea) Values() []string {
	return []string{string(AreaPolicy), string(AreaEvaluation), string(AreaTeaching), string(AreaSupervision), string(AreaResearch)}
}

// MarshalGQL writes the area as a GraphQL enum value.
func (a ExpertArea) MarshalGQL(w io.Writer) { marshal(w, a) }

// UnmarshalGQL reads a GraphQL enum value.
func (a *ExpertArea) UnmarshalGQL(v any) error { return unmarshal(a, v, "ExpertArea") }
