package enum

import "io"

// PartnershipScope is what a university and the county cooperate on under one agreement (校地合作,
// plan task 二（一）4).
type PartnershipScope string

// Scopes of a partnership.
const (
	ScopeCourses    PartnershipScope = "COURSES"    // 开设社会工作课程
	ScopePlacements PartnershipScope = "PLACEMENTS" // 学生实习实践
	ScopeResearch   PartnershipScope = "RESEARCH"   // 课题研究
	ScopePlanning   PartnershipScope = "PLANNING"   // 参与规划编制
	ScopeEmployment PartnershipScope = "EMPLOYMENT" // 就业对接
)

// Values lists every scope.
func (PartnershipScope) Values() []string {
	return []string{string(ScopeCourses), string(ScopePlacements), string(ScopeResearch), string(ScopePlanning), string(ScopeEmployment)}
}

// MarshalGQL writes the scope as a GraphQL enum value.
func (s PartnershipScope) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *PartnershipScope) UnmarshalGQL(v any) error { return unmarshal(s, v, "PartnershipScope") }
