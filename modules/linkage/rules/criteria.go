package rules

import (
	"fmt"
	"slices"

	"swtalent/internal/refdata"
)

// The keys of the criteria, as linkage_criteria.csv names them.
const (
	// CertifiedStaff: 工作人员持有社会工作职业资格证书, the community's own staff certified on the day.
	CertifiedStaff = "certified_staff"
	// SpecialPopulationProjects: 特殊人群服务项目, projects serving a special population running on
	// some day of the 12 months up to the day ([ProjectDays]).
	SpecialPopulationProjects = "special_population_projects"
	// CommunityServiceFund: 社区服务专项基金, community service funds established by the day.
	CommunityServiceFund = "community_service_fund"
	// CommunitySocialOrganizations: 社区社会组织, community social organisations registered on the
	// day ([OrganizationDays]).
	CommunitySocialOrganizations = "community_social_organizations"
	// VolunteerRegistrationRate: 社区志愿者注册率, volunteers registered on the day over the resident
	// population ([Value]).
	VolunteerRegistrationRate = "volunteer_registration_rate"
)

// Keys lists the criteria a community is measured against.
func Keys() []string {
	return []string{CertifiedStaff, SpecialPopulationProjects, CommunityServiceFund, CommunitySocialOrganizations, VolunteerRegistrationRate}
}

// Criterion is one of the five criteria of a demonstration community, as the plan states it.
type Criterion struct {
	Key        string  // one of [Keys], e.g. certified_staff
	Comparator string  // GT, GTE, LT, LTE or EQ
	Required   float64 // the threshold
	Unit       string
	Quote      string // the plan's words
}

// Holds reports whether an actual value meets the criterion.
func (c Criterion) Holds(actual float64) bool {
	switch c.Comparator {
	case "GT":
		return actual > c.Required
	case "GTE":
		return actual >= c.Required
	case "LT":
		return actual < c.Required
	case "LTE":
		return actual <= c.Required
	}
	return actual == c.Required
}

// Criteria returns the criteria of the embedded linkage_criteria.csv, in file order; a criterion
// whose key is not one of [Keys] is an error.
func Criteria() ([]Criterion, error) {
	rows, err := refdata.LinkageCriteria()
	if err != nil {
		return nil, err
	}
	out := make([]Criterion, 0, len(rows))
	for _, r := range rows {
		if !slices.Contains(Keys(), r.Criterion) {
			return nil, fmt.Errorf("linkage criterion %q has no measure", r.Criterion)
		}
		out = append(out, Criterion{Key: r.Criterion, Comparator: r.Comparator, Required: r.Value, Unit: r.Unit, Quote: r.Quote})
	}
	return out, nil
}

// Value is a criterion's actual value for a community on a day from n, the number (or summed
// weight) of the criterion's intervals covering the day: n itself for a count, n over the
// resident population for the volunteer registration rate. ok is false when the value is unknown
// (a rate without a resident population).
func Value(key string, n int, population *int) (v float64, ok bool) {
	if key != VolunteerRegistrationRate {
		return float64(n), true
	}
	if population == nil || *population <= 0 {
		return 0, false
	}
	return float64(n) / float64(*population), true
}
