package enum

import "io"

// Colocation is a community facility a service point shares its premises with (一体推进, 二（二）2).
type Colocation string

// Facilities a point may be co-located with.
const (
	ColocationPartyServiceCentre    Colocation = "PARTY_SERVICE_CENTRE"   // 党群服务中心
	ColocationCivilizationPractice  Colocation = "CIVILIZATION_PRACTICE"  // 新时代文明实践所（站）
	ColocationConvenienceService    Colocation = "CONVENIENCE_SERVICE"    // 便民服务中心
	ColocationElderlyCare           Colocation = "ELDERLY_CARE"           // 社区养老服务机构
	ColocationMinorProtection       Colocation = "MINOR_PROTECTION"       // 未成年人保护工作站
	ColocationVolunteerStation      Colocation = "VOLUNTEER_STATION"      // 社区志愿服务站
	ColocationOrganisationIncubator Colocation = "ORGANISATION_INCUBATOR" // 社区社会组织孵化基地
)

// Values lists every facility.
func (Colocation) Values() []string {
	return []string{string(ColocationPartyServiceCentre), string(ColocationCivilizationPractice), string(ColocationConvenienceService),
		string(ColocationElderlyCare), string(ColocationMinorProtection), string(ColocationVolunteerStation), string(ColocationOrganisationIncubator)}
}

// MarshalGQL writes the facility as a GraphQL enum value.
func (c Colocation) MarshalGQL(w io.Writer) { marshal(w, c) }

// UnmarshalGQL reads a GraphQL enum value.
func (c *Colocation) UnmarshalGQL(v any) error { return unmarshal(c, v, "Colocation") }
